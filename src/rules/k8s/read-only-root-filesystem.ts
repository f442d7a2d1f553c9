import { isWindowsPod, podLevelOnlyHint } from '../../graph/capabilities.js';
import { forEachContainer, isWorkload } from '../../graph/kubernetes.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/read-only-root-filesystem',
    title: 'Containers must run with a read-only root filesystem',
    severity: 'medium',
    seedPoints: ['RUN-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports every container (init and ephemeral included) whose securityContext does not set `readOnlyRootFilesystem: true`: set to false, or not set at all (the default is a writable root filesystem). The field exists only at container level. Windows pods are exempt.',
    rationale:
      'A writable root filesystem lets an attacker who gets code execution drop tools, replace binaries or libraries and persist until the container is restarted. A read-only root with explicit writable volumes limits writes to the paths the application declares.',
    remediation:
      'Set `securityContext.readOnlyRootFilesystem: true` on every container and mount an `emptyDir` volume (e.g. `medium: Memory` with a `sizeLimit`) at each path the application writes to, such as /tmp or a cache directory.',
    limitations:
      'Which paths the application writes cannot be known from the manifest; the rule only requires the root to be read-only. Windows pods (spec.os.name: windows, or pinned to Windows nodes) are skipped: the field is Linux-only.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0014' },
        { tool: 'polaris', id: 'polaris:notReadOnlyRootFilesystem' },
        { tool: 'checkov', id: 'CKV_K8S_22' },
        { tool: 'kube-linter', id: 'no-read-only-root-fs' },
        { tool: 'kubescape', id: 'C-0017' },
      ],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Immutable container file systems' }],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    forEachContainer(resource, ({ name, pod, securityContext }) => {
      if (isWindowsPod(pod)) return;
      const setting = securityContext.get('readOnlyRootFilesystem');
      if (setting?.value === true) return;
      if (setting && typeof setting.value !== 'boolean') return; // a template or a malformed value: unknown
      if (setting) {
        report({ path: setting.path, container: name, message: `Container "${name}" sets readOnlyRootFilesystem: false: its root filesystem is writable.` });
        return;
      }
      report({
        path: securityContext.missingPath,
        container: name,
        message: `Container "${name}" does not set readOnlyRootFilesystem: true: its root filesystem is writable${podLevelOnlyHint(pod, 'readOnlyRootFilesystem')}.`,
      });
    });
  },
});
