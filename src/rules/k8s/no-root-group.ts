import { isWindowsPod } from '../../graph/capabilities.js';
import { forEachContainer, isWorkload, podSecurityField, podTemplatesOf } from '../../graph/kubernetes.js';
import { asArray } from '../../util/json.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/no-root-group',
    title: 'Containers must not run with the root group (GID 0)',
    severity: 'low',
    seedPoints: ['RUN-1'],
    artifacts: ['kubernetes'],
    description:
      'Reports every container (init and ephemeral included) whose effective `runAsGroup`, with the pod-level one merged in, is 0, and pods whose `securityContext.supplementalGroups` contains 0 or whose `securityContext.fsGroup` is 0 (at the field). An unset `runAsGroup` is not reported: the group then comes from the image. Windows pods are exempt, and templated values are not judged.',
    rationale:
      'A process in group 0 reads and writes every file of the image and of its volumes that the root group may: images often leave `/etc`, application directories and sockets group-writable by root, so a non-root user with GID 0 is root for those files, and after a container escape it keeps root\'s group on the node\'s files. `fsGroup: 0` makes every mounted volume owned by the root group.',
    remediation:
      'Set `runAsGroup` (and `fsGroup`, when volumes need a shared group) to a non-zero GID such as 10001 on the pod, remove 0 from `supplementalGroups`, and build the image with a non-root group (`USER 10001:10001`).',
    limitations:
      'When `runAsGroup` is unset, the group is the image user\'s primary group, which the manifest does not show. OpenShift\'s restricted SCC adds GID 0 as a supplementary group itself by design; that does not appear in manifests and is not reported.',
    references: {
      peers: [{ tool: 'trivy', id: 'AVD-KSV-0029' }],
      frameworks: [
        { framework: 'Pod Security Standards (v1.23 draft, optional)', id: 'restricted: Non-root groups' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Non-root containers' },
      ],
      links: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    forEachContainer(resource, ({ name, pod, securityContext }) => {
      if (isWindowsPod(pod)) return;
      const runAsGroup = securityContext.get('runAsGroup');
      if (runAsGroup?.value === 0) report({ path: runAsGroup.path, container: name, message: `Container "${name}" runs with GID 0 (the root group): runAsGroup is 0.` });
    });
    for (const pod of podTemplatesOf(resource)) {
      if (isWindowsPod(pod)) continue;
      const fsGroup = podSecurityField(pod, 'fsGroup');
      if (fsGroup?.value === 0) report({ path: fsGroup.path, message: `${resource.type} "${resource.name}" sets fsGroup: 0: its volumes are owned by the root group and every container runs with GID 0 as a supplementary group.` });
      const supplemental = podSecurityField(pod, 'supplementalGroups');
      if (!supplemental) continue;
      asArray(supplemental.value).forEach((group, index) => {
        if (group === 0) report({ path: [...supplemental.path, index], message: `${resource.type} "${resource.name}" adds GID 0 (the root group) to every container through supplementalGroups.` });
      });
    }
  },
});
