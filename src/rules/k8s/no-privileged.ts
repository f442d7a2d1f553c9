import { isWindowsPod } from '../../graph/capabilities.js';
import { forEachContainer, isWorkload } from '../../graph/kubernetes.js';
import { asArray, asObject, asString } from '../../util/json.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/no-privileged',
    title: 'Containers must not run privileged',
    severity: 'critical',
    seedPoints: ['RUN-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports every container (init and ephemeral included) whose securityContext sets `privileged: true`. The field exists only at container level; a pod-level `privileged` is not a Kubernetes field and is ignored. Windows pods are exempt (see k8s/no-windows-host-process).',
    rationale:
      'A privileged container gets every capability, all host devices, no seccomp or AppArmor confinement and a writable /sys: root in it is root on the node, one mount away from the host filesystem, the kubelet credentials and every other pod on the node.',
    remediation:
      'Remove `privileged: true` (or set it to false). Grant only the specific capability the workload needs (e.g. `capabilities.add: [NET_ADMIN]` for a CNI agent) and keep such node agents in a dedicated, tightly controlled namespace.',
    limitations:
      'Node agents (CNI, CSI, monitoring) sometimes need privileged mode; suppress the finding for them with a reason rather than weakening the rule. A container with a `mountPropagation: Bidirectional` volume mount (a CSI node plugin) cannot run unprivileged: its finding says so.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0017' },
        { tool: 'polaris', id: 'polaris:runAsPrivileged' },
        { tool: 'checkov', id: 'CKV_K8S_16' },
        { tool: 'kube-linter', id: 'privileged-container' },
        { tool: 'kubescape', id: 'C-0057' },
      ],
      frameworks: [
        { framework: 'Pod Security Standards', id: 'baseline: Privileged Containers' },
        { framework: 'CIS EKS Benchmark 1.5', id: '4.2.1' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security: privileged containers' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    forEachContainer(resource, ({ container, name, pod, securityContext }) => {
      if (isWindowsPod(pod)) return;
      const privileged = securityContext.get('privileged');
      if (privileged?.value !== true) return;
      // Kubernetes allows Bidirectional mount propagation only in privileged containers (CSI node plugins need it).
      const bidirectional = asArray(container.volumeMounts).map(asObject).find((mount) => mount?.mountPropagation === 'Bidirectional');
      const needed = bidirectional ? ` Its Bidirectional mount propagation (volume "${asString(bidirectional.name) ?? '?'}") needs privileged, as a CSI node plugin does: keep it to a dedicated system namespace and suppress this finding with that reason.` : '';
      report({
        path: privileged.path,
        container: name,
        message: `Container "${name}" runs privileged: it has every capability and device of the node and no seccomp or AppArmor confinement.${needed}`,
      });
    });
  },
});
