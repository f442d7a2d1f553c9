import { isWindowsPod } from '../../graph/capabilities.js';
import { forEachContainerOf, isWorkload, podAnnotationPath, podAnnotations, podSecurityField, type PodTemplate, podTemplatesOf } from '../../graph/kubernetes.js';
import type { JsonValue, NodePath, Resource } from '../../model/types.js';
import { asObject } from '../../util/json.js';
import { createRule, type RuleContext } from '../rule.js';
import { isUnresolved } from '../../util/template.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** What is wrong with an appArmorProfile field, or undefined when it confines (or is unknown). */
function fieldProblem(profile: JsonValue, path: NodePath): { path: NodePath; problem: string } | undefined {
  const object = asObject(profile);
  if (!object) return isUnresolved(profile) ? undefined : { path, problem: 'is not an object with a type' };
  const type = object.type;
  if (isUnresolved(type)) return undefined;
  // `localhostProfile` must be set if and only if the type is Localhost.
  const localhost = object.localhostProfile;
  const named = localhost !== undefined && localhost !== null;
  if (type === 'Localhost') {
    if (isUnresolved(localhost) || (typeof localhost === 'string' && localhost.trim() !== '')) return undefined;
    return { path: [...path, 'type'], problem: 'is Localhost without a localhostProfile (the API server rejects it)' };
  }
  if (type === 'RuntimeDefault') return named ? { path: [...path, 'localhostProfile'], problem: 'sets a localhostProfile with type RuntimeDefault (only Localhost takes one; the API server rejects it)' } : undefined;
  if (type === undefined || type === null) return { path, problem: 'has no type (the API server rejects it)' };
  if (type === 'Unconfined') return { path: [...path, 'type'], problem: 'is Unconfined: AppArmor is disabled' };
  return { path: [...path, 'type'], problem: `has type ${JSON.stringify(type)}, which is not RuntimeDefault, Localhost or Unconfined (the API server rejects it)` };
}

function annotationProblem(value: string): string | undefined {
  // An empty value is no profile: the API server accepts it and the kubelet falls back to the default.
  if (isUnresolved(value) || value === '') return undefined;
  if (value === 'runtime/default' || (value.startsWith('localhost/') && value.length > 'localhost/'.length)) return undefined;
  if (value === 'unconfined') return 'unconfined: AppArmor is disabled';
  if (value === 'localhost/') return '"localhost/", which names no profile (the kubelet refuses to start the container)';
  return `${JSON.stringify(value)}, which is not runtime/default, localhost/<profile> or unconfined (the API server rejects it)`;
}

export default createRule({
  meta: {
    id: 'k8s/apparmor-not-disabled',
    title: 'Containers must not disable AppArmor',
    severity: 'medium',
    seedPoints: ['RUN-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports an AppArmor profile of type Unconfined, or an invalid one (no or an unknown type, Localhost without a `localhostProfile`, a `localhostProfile` with another type), wherever it is set: `securityContext.appArmorProfile` of a container (init and ephemeral included) or of the pod (reported once), and the pod annotation `container.apparmor.security.beta.kubernetes.io/<container>` (`unconfined`, or a value other than runtime/default and localhost/<profile>). An unset profile, or an empty annotation value, is not reported. Windows pods are exempt.',
    rationale:
      'AppArmor confines what a container may do with files, mounts, /proc and /sys even as root; the runtime default profile blocks several known escape paths. Unconfined removes that layer on nodes that enforce AppArmor.',
    remediation:
      'Remove the Unconfined setting so the runtime default applies, or set `securityContext.appArmorProfile.type: RuntimeDefault` (or `Localhost` with a `localhostProfile` loaded on every node). Replace the deprecated annotation with the field (Kubernetes 1.30+).',
    limitations:
      'An unset profile is not reported: on nodes with AppArmor enabled the container runtime applies its default profile to every non-privileged container. Amazon Linux and Bottlerocket EKS nodes do not enforce AppArmor (Bottlerocket uses SELinux), so the setting matters on Ubuntu-based nodes. Windows pods are skipped.',
    references: {
      peers: [{ tool: 'trivy', id: 'AVD-KSV-0002' }],
      frameworks: [
        { framework: 'Pod Security Standards', id: 'baseline: AppArmor' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security: AppArmor' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    for (const pod of podTemplatesOf(resource)) if (!isWindowsPod(pod)) checkPod(resource, pod, report);
  },
});

/** One pod template: its pod-level profile, its containers' own profiles and their annotations. */
function checkPod(resource: Resource, pod: PodTemplate, report: RuleContext['report']): void {
  const podProfile = podSecurityField(pod, 'appArmorProfile');
  if (podProfile) {
    const problem = fieldProblem(podProfile.value, podProfile.path);
    if (problem) {
      report({ path: problem.path, message: `The pod-level appArmorProfile ${problem.problem} for every container that does not set its own.` });
    }
  }
  const annotations = podAnnotations(pod);
  forEachContainerOf(resource, pod, ({ name, podName, container, path }) => {
    const own = asObject(container.securityContext)?.appArmorProfile;
    if (own !== undefined && own !== null) {
      const problem = fieldProblem(own, [...path, 'securityContext', 'appArmorProfile']);
      if (problem) report({ path: problem.path, container: name, message: `Container "${name}" appArmorProfile ${problem.problem}.` });
    }
    if (podName === undefined) return;
    const key = `${ANNOTATION_PREFIX}${podName}`;
    const value = annotations[key];
    if (value === undefined) return;
    const problem = annotationProblem(value);
    if (!problem) return;
    report({
      path: podAnnotationPath(pod, key),
      container: name,
      message: `Container "${name}" AppArmor annotation is ${problem}.`,
    });
  });
}
