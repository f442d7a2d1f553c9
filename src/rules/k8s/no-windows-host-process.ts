import { forEachContainer, isWorkload, podSecurityField, podTemplatesOf } from '../../graph/kubernetes.js';
import { asObject } from '../../util/json.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/no-windows-host-process',
    title: 'Windows pods must not run HostProcess containers',
    severity: 'critical',
    seedPoints: ['RUN-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports `securityContext.windowsOptions.hostProcess: true` at pod level (once) and on every container (init and ephemeral included) that sets it.',
    rationale:
      'A Windows HostProcess container runs directly on the node, outside any container isolation, in the host network namespace and with access to the host filesystem: the Windows equivalent of a privileged container.',
    remediation:
      'Remove `windowsOptions.hostProcess` (or set it to false). Keep node agents that really need it in a dedicated, tightly controlled namespace and suppress the finding for them with a reason.',
    references: {
      peers: [{ tool: 'polaris', id: 'polaris:hostProcess' }],
      frameworks: [{ framework: 'Pod Security Standards', id: 'baseline: HostProcess' }],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    for (const pod of podTemplatesOf(resource)) {
      const windowsOptions = podSecurityField(pod, 'windowsOptions');
      if (!windowsOptions || asObject(windowsOptions.value)?.hostProcess !== true) continue;
      report({
        path: [...windowsOptions.path, 'hostProcess'],
        message: 'The pod sets windowsOptions.hostProcess: true: its containers run as HostProcess containers, directly on the Windows node.',
      });
    }
    forEachContainer(resource, ({ name, container, path }) => {
      if (asObject(asObject(container.securityContext)?.windowsOptions)?.hostProcess !== true) return;
      report({
        path: [...path, 'securityContext', 'windowsOptions', 'hostProcess'],
        container: name,
        message: `Container "${name}" sets windowsOptions.hostProcess: true: it runs directly on the Windows node, without container isolation.`,
      });
    });
  },
});
