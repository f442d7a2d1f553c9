import {
  BASELINE_ALLOWED_CAPABILITIES,
  RESTRICTED_ALLOWED_CAPABILITY,
  RUNTIME_DEFAULT_CAPABILITIES,
  capabilityList,
  isWindowsPod,
  podLevelOnlyHint,
} from '../../graph/capabilities.js';
import { forEachContainer, isWorkload } from '../../graph/kubernetes.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/drop-all-capabilities',
    title: 'Containers must drop ALL capabilities and add back at most NET_BIND_SERVICE',
    severity: 'medium',
    seedPoints: ['RUN-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports every container (init and ephemeral included) whose `securityContext.capabilities.drop` does not contain `ALL` (any case; `CAP_ALL` is not `ALL`: containerd and CRI-O prefix every other dropped name with CAP_, so a dropped `CAP_ALL` or `CAP_NET_RAW` drops nothing), and every default capability other than NET_BIND_SERVICE that a container adds back (CHOWN, SETUID, ...). Capabilities beyond the default set are reported by k8s/no-added-capabilities. Capabilities exist only at container level. Windows pods are exempt, and so are privileged containers, which have every capability whatever they drop (k8s/no-privileged reports them).',
    rationale:
      'Without drop: [ALL] a container keeps the runtime default capabilities (14 with containerd: CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_RAW, SETUID, SETGID, SETPCAP, SETFCAP, NET_BIND_SERVICE, SYS_CHROOT, AUDIT_WRITE): a root process can bypass file permissions, change ownership, create device nodes and send raw packets (ARP / DNS spoofing on the node network). Most applications need none of them.',
    remediation:
      'Set `securityContext.capabilities.drop: [ALL]` on every container and add back only what is needed; the restricted Pod Security Standard allows only `add: [NET_BIND_SERVICE]` (for ports below 1024; prefer a high port instead).',
    limitations:
      'Dropping each default capability by name is not accepted: the restricted Pod Security Standard requires ALL literally, and the runtime default set differs between runtimes (CRI-O grants fewer, a node may be configured with more). `drop: [all]` in lower case is accepted (the runtimes compare case-insensitively), although Pod Security Admission only recognises the upper-case ALL. Windows pods are skipped, as in the Pod Security Standards.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0003' },
        { tool: 'checkov', id: 'CKV_K8S_37' },
      ],
      frameworks: [
        { framework: 'Pod Security Standards', id: 'restricted: Capabilities' },
        { framework: 'CIS EKS Benchmark 1.5', id: '4.2.9' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security: Linux capabilities' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    forEachContainer(resource, (visit) => {
      const { name, pod } = visit;
      // A privileged container has every capability whatever it drops: k8s/no-privileged reports it.
      if (isWindowsPod(pod) || visit.securityContext.get('privileged')?.value === true) return;
      const drop = capabilityList(visit, 'drop');
      const dropsAll = drop.entries.some((entry) => entry.name === 'ALL');
      if (!dropsAll && !drop.unresolved) {
        const dropped = new Set(drop.entries.map((entry) => entry.name));
        const missing = [...RUNTIME_DEFAULT_CAPABILITIES].filter((capability) => !dropped.has(capability));
        let message: string;
        if (drop.entries.length === 0) {
          message = `Container "${name}" does not drop ALL capabilities: it keeps the runtime's default capabilities${podLevelOnlyHint(pod, 'capabilities')}.`;
        } else if (missing.length === 0) {
          message = `Container "${name}" drops the default capabilities one by one instead of ALL: the restricted Pod Security Standard requires ALL, and another runtime or node configuration may grant capabilities this list misses.`;
        } else {
          const names = drop.entries.length <= 4 ? drop.entries.map((entry) => entry.raw).join(', ') : `${drop.entries.length} capabilities by name`;
          const kept = missing.length <= 4 ? missing.join(', ') : `${missing.length} default capabilities${missing.includes('NET_RAW') ? ', NET_RAW among them' : ''}`;
          message = `Container "${name}" drops only ${names}, not ALL: it keeps ${kept}.`;
        }
        report({ path: drop.path, container: name, message });
      }
      for (const entry of capabilityList(visit, 'add').entries) {
        if (entry.name === RESTRICTED_ALLOWED_CAPABILITY || !BASELINE_ALLOWED_CAPABILITIES.has(entry.name)) continue;
        report({
          path: entry.path,
          container: name,
          message: `Container "${name}" adds back capability ${entry.raw}; only NET_BIND_SERVICE may be added after dropping ALL.`,
        });
      }
    });
  },
});
