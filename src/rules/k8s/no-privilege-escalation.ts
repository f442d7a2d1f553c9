import { capabilityList, isWindowsPod, podLevelOnlyHint } from '../../graph/capabilities.js';
import { forEachContainer, isWorkload } from '../../graph/kubernetes.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/no-privilege-escalation',
    title: 'Containers must set allowPrivilegeEscalation: false',
    severity: 'medium',
    seedPoints: ['RUN-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports every container (init and ephemeral included) that does not set `allowPrivilegeEscalation: false` explicitly (the default is true), and containers where it is set but ineffective: `privileged: true` or an added SYS_ADMIN / ALL capability always allow escalation. The field exists only at container level. Windows pods are exempt.',
    rationale:
      'Without allowPrivilegeEscalation: false the kubelet does not set no_new_privs, so a process can gain privileges through setuid / setgid binaries or file capabilities in the image (e.g. a non-root user becoming root through a setuid helper).',
    remediation:
      'Set `securityContext.allowPrivilegeEscalation: false` on every container, and do not combine it with `privileged: true` or `capabilities.add: [SYS_ADMIN]`.',
    limitations:
      'Windows pods (spec.os.name: windows, or pinned to Windows nodes) are skipped, as in the Pod Security Standards.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0001' },
        { tool: 'polaris', id: 'polaris:privilegeEscalationAllowed' },
        { tool: 'checkov', id: 'CKV_K8S_20' },
        { tool: 'kube-linter', id: 'privilege-escalation-container' },
        { tool: 'kubescape', id: 'C-0016' },
      ],
      frameworks: [
        { framework: 'Pod Security Standards', id: 'restricted: Privilege Escalation' },
        { framework: 'CIS EKS Benchmark 1.5', id: '4.2.5' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security: privilege escalation' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    forEachContainer(resource, (visit) => {
      const { name, pod, securityContext } = visit;
      if (isWindowsPod(pod)) return;
      const setting = securityContext.get('allowPrivilegeEscalation');
      if (setting && typeof setting.value !== 'boolean') return; // a template or a malformed value: unknown
      const privileged = securityContext.get('privileged');
      const isPrivileged = privileged?.value === true;
      const sysAdmin = capabilityList(visit, 'add').entries.find((entry) => entry.name === 'SYS_ADMIN' || entry.name === 'ALL');

      if (setting?.value === true) {
        report({ path: setting.path, container: name, message: `Container "${name}" sets allowPrivilegeEscalation: true.` });
        return;
      }
      if (setting === undefined) {
        const why = isPrivileged ? ' and runs privileged, which always allows escalation' : ' (it defaults to true)';
        report({
          path: securityContext.missingPath,
          container: name,
          message: `Container "${name}" does not set allowPrivilegeEscalation: false${why}${podLevelOnlyHint(pod, 'allowPrivilegeEscalation')}.`,
        });
        return;
      }
      // Explicitly false, but overridden.
      if (isPrivileged && privileged) {
        report({
          path: privileged.path,
          container: name,
          message: `Container "${name}" sets allowPrivilegeEscalation: false but runs privileged, which always allows escalation (the API server rejects this combination).`,
        });
        return;
      }
      if (sysAdmin) {
        report({
          path: sysAdmin.path,
          container: name,
          message: `Container "${name}" sets allowPrivilegeEscalation: false but adds capability ${sysAdmin.raw}: with CAP_SYS_ADMIN a process can escalate anyway.`,
        });
      }
    });
  },
});
