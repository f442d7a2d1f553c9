import { isWindowsPod } from '../../graph/capabilities.js';
import { forEachContainer, isWorkload } from '../../graph/kubernetes.js';
import { createRule } from '../rule.js';
import { isUnresolved } from '../../util/template.js';

export default createRule({
  meta: {
    id: 'k8s/no-unmasked-proc-mount',
    title: 'Containers must keep the default masked /proc mount',
    severity: 'medium',
    seedPoints: ['RUN-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports every container (init and ephemeral included) whose `securityContext.procMount` is set to anything but `Default`: `Unmasked`, or a value the API server rejects. The field exists only at container level. Windows pods are exempt.',
    rationale:
      'The default /proc mount masks and makes read-only paths such as /proc/kcore, /proc/sysrq-trigger, /proc/sys and /proc/acpi. Unmasked exposes them, which helps an attacker read kernel memory, trigger host actions or tune kernel parameters.',
    remediation: 'Remove `procMount` or set it to `Default`.',
    limitations:
      'Kubernetes accepts Unmasked only for pods in a user namespace (hostUsers: false), which limits the damage; the Pod Security Standards forbid it all the same. Windows pods are skipped: the field is Linux-only.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0027' },
        { tool: 'polaris', id: 'polaris:procMount' },
        { tool: 'kube-linter', id: 'unsafe-proc-mount' },
      ],
      frameworks: [{ framework: 'Pod Security Standards', id: 'baseline: /proc Mount Type' }],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    forEachContainer(resource, ({ name, pod, securityContext }) => {
      if (isWindowsPod(pod)) return;
      const procMount = securityContext.get('procMount');
      if (!procMount || procMount.value === 'Default' || typeof procMount.value !== 'string' || isUnresolved(procMount.value)) return;
      const message =
        procMount.value === 'Unmasked'
          ? `Container "${name}" sets procMount: Unmasked: /proc is mounted without the default masks and read-only paths.`
          : `Container "${name}" sets procMount: ${JSON.stringify(procMount.value)}, which is not Default (the only other value, Unmasked, removes the /proc masks; anything else is rejected by the API server).`;
      report({ path: procMount.path, container: name, message });
    });
  },
});
