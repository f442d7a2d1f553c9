import { isWindowsPod } from '../../graph/capabilities.js';
import { forEachContainerOf, isWorkload, podAnnotations, podSecurityField, type PodTemplate, podTemplatesOf } from '../../graph/kubernetes.js';
import type { JsonValue, NodePath, Resource } from '../../model/types.js';
import { asObject } from '../../util/json.js';
import { createRule, type RuleContext } from '../rule.js';
import { isUnresolved } from '../../util/template.js';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** What is wrong with a seccompProfile object, or undefined when it confines the container (or is unknown). */
function problemOf(profile: JsonValue, path: NodePath): { path: NodePath; problem: string } | undefined {
  const object = asObject(profile);
  if (!object) return isUnresolved(profile) ? undefined : { path, problem: 'is not an object with a type' };
  const type = object.type;
  if (isUnresolved(type)) return undefined;
  const typePath = [...path, 'type'];
  if (type === undefined || type === null) return { path, problem: 'has no type (the API server rejects it)' };
  if (type === 'RuntimeDefault') return undefined;
  if (type === 'Localhost') {
    const file = object.localhostProfile;
    if (typeof file === 'string' && file !== '') return undefined;
    return { path: typePath, problem: 'is Localhost without a localhostProfile (the API server rejects it)' };
  }
  if (type === 'Unconfined') return { path: typePath, problem: 'is Unconfined: seccomp is disabled' };
  return { path: typePath, problem: `has type ${JSON.stringify(type)}, which is not RuntimeDefault, Localhost or Unconfined (the API server rejects it)` };
}

function legacyAnnotationHint(pod: PodTemplate, container: string): string {
  const annotations = podAnnotations(pod);
  const keys = [POD_ANNOTATION, `${CONTAINER_ANNOTATION_PREFIX}${container}`].filter((key) => annotations[key] !== undefined);
  if (keys.length === 0) return '';
  return ` (the legacy annotation ${keys.join(' / ')} is deprecated since Kubernetes 1.19 and ignored by current releases)`;
}

export default createRule({
  meta: {
    id: 'k8s/seccomp-runtime-default',
    title: 'Containers must run with the RuntimeDefault or a Localhost seccomp profile',
    severity: 'medium',
    seedPoints: ['RUN-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports every container (init and ephemeral included) whose effective `seccompProfile` (its own, else the pod-level one) is not set or not of type RuntimeDefault or Localhost, and a pod-level profile of type Unconfined or an invalid one (reported once, even when every container overrides it, as the Pod Security Standards do). The legacy seccomp annotations do not count: deprecated since Kubernetes 1.19, they are ignored by current releases. Windows pods are exempt, and so are privileged containers, which always run Unconfined (k8s/no-privileged reports them).',
    rationale:
      'Without a seccomp profile a container can call every system call of the host kernel, the attack surface of most container escapes (e.g. unshare, keyctl, bpf, io_uring). Kubernetes runs containers Unconfined unless a profile is set.',
    remediation:
      'Set `spec.securityContext.seccompProfile.type: RuntimeDefault` at pod level (or on each container), or `type: Localhost` with a `localhostProfile` installed on every node.',
    limitations:
      'A kubelet started with --seccomp-default applies RuntimeDefault to containers without a profile; that node setting cannot be seen from manifests, so the rule still asks for the explicit field. Whether a Localhost profile exists on the nodes, and how strict it is, cannot be checked. Windows pods (spec.os.name: windows, or pinned to Windows nodes) are skipped, as in the Pod Security Standards.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0030' },
        { tool: 'checkov', id: 'CKV_K8S_31' },
      ],
      frameworks: [
        { framework: 'Pod Security Standards', id: 'restricted: Seccomp' },
        { framework: 'Pod Security Standards', id: 'baseline: Seccomp' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security: seccomp' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    for (const pod of podTemplatesOf(resource)) if (!isWindowsPod(pod)) checkPod(resource, pod, report);
  },
});

/** One pod template: its pod-level profile, and its containers (which inherit that profile, not another template's). */
function checkPod(resource: Resource, pod: PodTemplate, report: RuleContext['report']): void {
  const podSetting = podSecurityField(pod, 'seccompProfile');
  const podProfile = podSetting?.value;
  const podProblem = podSetting ? problemOf(podSetting.value, podSetting.path) : undefined;
  if (podProblem) {
    report({
      path: podProblem.path,
      message: `The pod-level seccompProfile ${podProblem.problem}; it applies to the pod sandbox and to every container that does not set its own.`,
    });
  }

  forEachContainerOf(resource, pod, ({ name, podName, container, path, securityContext }) => {
    // A privileged container always runs Unconfined, whatever its profile: k8s/no-privileged reports it.
    if (securityContext.get('privileged')?.value === true) return;
    const own = asObject(container.securityContext)?.seccompProfile;
    if (own !== undefined && own !== null) {
      const problem = problemOf(own, [...path, 'securityContext', 'seccompProfile']);
      if (problem) report({ path: problem.path, container: name, message: `Container "${name}" seccompProfile ${problem.problem}.` });
      return;
    }
    if (podProfile !== undefined && podProfile !== null) return; // inherited: judged once above
    if (isUnresolved(securityContext.get('seccompProfile')?.value)) return; // the pod level is decided elsewhere (a Tekton run)
    report({
      path: securityContext.missingPath,
      container: name,
      message: `Container "${name}" has no seccomp profile (pod or container level), so it runs Unconfined unless the kubelet uses --seccomp-default${legacyAnnotationHint(pod, podName ?? name)}.`,
    });
  });
}
