import { isWorkload, podSecurityField, type PodTemplate, podTemplatesOf } from '../../graph/kubernetes.js';

import { asArray, asObject, asString } from '../../util/json.js';
import { createRule, type RuleContext } from '../rule.js';
import { containsTemplate } from '../../util/template.js';

/** Pod Security Standards baseline "safe" sysctls (Kubernetes 1.32): namespaced and isolated from other pods. */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

/** Sysctls the kernel namespaces per pod (the only ones a pod can set at all, once the kubelet allows them). */
function isNamespaced(name: string): boolean {
  return /^(kernel\.shm|kernel\.msg|kernel\.sem$|fs\.mqueue\.|net\.)/.test(name);
}

/** `net/ipv4/tcp_syncookies` is `net.ipv4.tcp_syncookies` (a `.` inside a slash-separated segment is a `/` there). */
function canonicalName(name: string): string {
  if (!name.includes('/')) return name;
  return name
    .split('/')
    .map((segment) => segment.replace(/\./g, '/'))
    .join('.');
}

export default createRule({
  meta: {
    id: 'k8s/no-unsafe-sysctls',
    title: 'Pods must only set sysctls from the Pod Security Standards safe set',
    severity: 'medium',
    seedPoints: ['RUN-3'],
    artifacts: ['kubernetes'],
    description:
      "Reports each entry of the pod `securityContext.sysctls` whose name is not in the Pod Security Standards baseline safe set (`kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`, `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.tcp_syncookies`, `net.ipv4.ping_group_range`, `net.ipv4.ip_local_reserved_ports`, `net.ipv4.tcp_keepalive_time`, `net.ipv4.tcp_keepalive_intvl`, `net.ipv4.tcp_keepalive_probes`, `net.ipv4.tcp_fin_timeout`, `net.ipv4.tcp_rmem`, `net.ipv4.tcp_wmem`), at the entry's name. Names written with `/` separators are compared in their `.` form; templated names are not reported.",
    rationale:
      "Outside the safe set, a sysctl either is not namespaced (it would change the whole node, so the kubelet refuses the pod) or is namespaced but not isolated: it can exhaust kernel resources shared with other pods, weaken network protections or disable security mechanisms. Allowing them requires `--allowed-unsafe-sysctls` on every kubelet, a node-wide decision that a workload should not depend on.",
    remediation:
      'Remove the sysctl, or tune it on dedicated nodes (EKS node group user data or a Bottlerocket setting) and schedule the workload there with taints and tolerations.',
    limitations:
      'Whether a node allows a given unsafe sysctl (`--allowed-unsafe-sysctls`) is node configuration that manifests do not show. Pod Security Admission compares names literally, so it also rejects a safe sysctl written with `/` separators, which this rule accepts.',
    references: {
      peers: [{ tool: 'trivy', id: 'AVD-KSV-0026' }],
      frameworks: [
        { framework: 'Pod Security Standards', id: 'baseline: Sysctls' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    for (const pod of podTemplatesOf(resource)) checkPod(pod, report);
  },
});

function checkPod(pod: PodTemplate, report: RuleContext['report']): void {
  const sysctls = podSecurityField(pod, 'sysctls');
  if (!sysctls) return;
  asArray(sysctls.value).forEach((item, index) => {
    const entry = asObject(item);
    const name = asString(entry?.name);
    if (!entry || name === undefined || name === '' || containsTemplate(name)) return;
    const canonical = canonicalName(name);
    if (SAFE_SYSCTLS.has(canonical)) return;
    const why = isNamespaced(canonical)
      ? 'it is namespaced but not isolated from other pods on the node; the kubelet only runs the pod if it is started with --allowed-unsafe-sysctls'
      : 'it is not namespaced: setting it would change the whole node, so the kubelet refuses the pod';
    report({
      path: [...sysctls.path, index, 'name'],
      message: `Sysctl "${name}" is not in the Pod Security Standards safe set: ${why}.`,
      fix: `Remove the "${name}" sysctl from the pod securityContext, or set it on dedicated nodes and schedule the workload there.`,
    });
  });
}
