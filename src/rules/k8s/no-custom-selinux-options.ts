import { isWindowsPod } from '../../graph/capabilities.js';
import { forEachContainerOf, isWorkload, podSecurityField, type PodTemplate, podTemplatesOf } from '../../graph/kubernetes.js';
import type { JsonValue, NodePath, Resource } from '../../model/types.js';
import { asObject } from '../../util/json.js';
import { createRule, type RuleContext } from '../rule.js';
import { isUnresolved } from '../../util/template.js';

/** SELinux types the Pod Security Standards (baseline) allow; container_engine_t since Kubernetes 1.31. */
const ALLOWED_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

interface Problem {
  path: NodePath;
  problem: string;
}

function problemsOf(options: JsonValue, path: NodePath): Problem[] {
  const object = asObject(options);
  if (!object) return [];
  const problems: Problem[] = [];
  const type = object.type;
  if (typeof type === 'string' && type !== '' && !isUnresolved(type) && !ALLOWED_TYPES.has(type)) {
    problems.push({ path: [...path, 'type'], problem: `sets SELinux type ${JSON.stringify(type)} (allowed: ${[...ALLOWED_TYPES].join(', ')})` });
  }
  for (const field of ['user', 'role'] as const) {
    const value = object[field];
    if (typeof value === 'string' && value !== '' && !isUnresolved(value)) {
      problems.push({ path: [...path, field], problem: `sets a custom SELinux ${field} ${JSON.stringify(value)}` });
    }
  }
  return problems;
}

export default createRule({
  meta: {
    id: 'k8s/no-custom-selinux-options',
    title: 'Pods and containers must not set custom SELinux users, roles or types',
    severity: 'medium',
    seedPoints: ['RUN-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports `seLinuxOptions` at pod level (once) and on every container (init and ephemeral included) that set `user` or `role`, or a `type` other than container_t, container_init_t, container_kvm_t or container_engine_t. `level` (MCS categories) is allowed. Windows pods are exempt.',
    rationale:
      'On SELinux-enforcing nodes (Bottlerocket, RHEL-based) the container_t type is what keeps a container away from host files and other containers. A custom type such as spc_t or unconfined_t, or a custom user or role, can lift that confinement entirely.',
    remediation:
      'Remove `seLinuxOptions.type`, `user` and `role`; keep only `level` if you need fixed MCS categories. If a node agent needs a special type, suppress the finding for it with a reason.',
    limitations:
      'Whether the nodes enforce SELinux cannot be seen from manifests. Windows pods are skipped: the field is Linux-only.',
    references: {
      peers: [{ tool: 'trivy', id: 'AVD-KSV-0025' }],
      frameworks: [
        { framework: 'Pod Security Standards', id: 'baseline: SELinux' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security: SELinux' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    for (const pod of podTemplatesOf(resource)) if (!isWindowsPod(pod)) checkPod(resource, pod, report);
  },
});

/** One pod template: its pod-level options and its containers' own. */
function checkPod(resource: Resource, pod: PodTemplate, report: RuleContext['report']): void {
  const podOptions = podSecurityField(pod, 'seLinuxOptions');
  if (podOptions) {
    for (const { path, problem } of problemsOf(podOptions.value, podOptions.path)) {
      report({ path, message: `The pod-level seLinuxOptions ${problem}; it applies to every container that does not set its own.` });
    }
  }
  forEachContainerOf(resource, pod, ({ name, container, path }) => {
    const own = asObject(container.securityContext)?.seLinuxOptions;
    if (own === undefined || own === null) return;
    for (const problem of problemsOf(own, [...path, 'securityContext', 'seLinuxOptions'])) {
      report({ path: problem.path, container: name, message: `Container "${name}" ${problem.problem}.` });
    }
  });
}
