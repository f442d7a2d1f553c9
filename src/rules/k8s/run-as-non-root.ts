import { isWindowsPod } from '../../graph/capabilities.js';
import { forEachContainer, isWorkload, type ContainerVisit } from '../../graph/kubernetes.js';
import { asBoolean, asObject, asString } from '../../util/json.js';
import type { JsonValue, NodePath } from '../../model/types.js';
import { createRule, type RuleReport } from '../rule.js';
import { isUnresolved } from '../../util/template.js';

/**
 * Windows containers: `runAsUser` does not apply; the user is `windowsOptions.runAsUserName`, and the kubelet's
 * `runAsNonRoot` check refuses `ContainerAdministrator`. HostProcess containers run as a host account and are
 * judged by k8s/no-privileged.
 */
function checkWindows({ name, container, path, pod, securityContext }: ContainerVisit, report: (report: RuleReport) => void): void {
  const runAsNonRoot = securityContext.get('runAsNonRoot');
  // The kubelet merges windowsOptions field by field, the container's winning (a null is unset).
  const own = asObject(asObject(container.securityContext)?.windowsOptions);
  const podOptions = asObject(asObject(pod.spec.securityContext)?.windowsOptions);
  const field = (key: string): { value: JsonValue | undefined; path: NodePath } =>
    own?.[key] !== undefined && own[key] !== null ? { value: own[key], path: [...path, 'securityContext', 'windowsOptions', key] } : { value: podOptions?.[key], path: [...pod.specPath, 'securityContext', 'windowsOptions', key] };
  const userName = field('runAsUserName');
  const hostProcess = field('hostProcess').value;
  if (isUnresolved(runAsNonRoot?.value) || isUnresolved(userName.value) || isUnresolved(hostProcess) || asBoolean(hostProcess) === true) return;
  const user = asString(userName.value);
  if (user !== undefined && user.toLowerCase() === 'containeradministrator') {
    report({ path: userName.path, container: name, message: `Windows container "${name}" runs as ContainerAdministrator, the container's administrator account.` });
    return;
  }
  if (runAsNonRoot?.value === true || (user !== undefined && user.trim() !== '')) return;
  report({
    path: securityContext.missingPath,
    container: name,
    message: `Windows container "${name}" may run as ContainerAdministrator (the default user of Windows Server Core images): neither runAsNonRoot: true nor windowsOptions.runAsUserName is set.`,
  });
}

export default createRule({
  meta: {
    id: 'k8s/run-as-non-root',
    title: 'Containers must not run as root',
    severity: 'high',
    otherSeverities: ['low'],
    seedPoints: ['RUN-1'],
    artifacts: ['kubernetes'],
    description:
      'Reports every container (init and ephemeral included) whose effective securityContext, with the pod-level one merged in, neither sets `runAsNonRoot: true` nor a non-zero `runAsUser`, or that sets `runAsUser: 0`. In Windows pods (`spec.os.name: windows`, or pinned to Windows nodes), where `runAsUser` does not apply: containers that run as `ContainerAdministrator`, or that set neither `runAsNonRoot: true` nor `windowsOptions.runAsUserName`.',
    rationale:
      'A process running as UID 0 inside a container is root on the node if it escapes the container, and can modify everything in the image. Least privilege starts with a non-root user.',
    remediation:
      'Set `securityContext.runAsNonRoot: true` and a non-zero `runAsUser` (e.g. 10001) on the pod or the container, and build the image with a non-root `USER`. Windows: `securityContext.windowsOptions.runAsUserName: ContainerUser` and `runAsNonRoot: true`.',
    limitations:
      'When only `runAsNonRoot: true` is set, the UID comes from the image; the kubelet refuses to start a root image, so this is accepted. A non-zero `runAsUser` without `runAsNonRoot: true` is accepted too (the container does not run as root), although a namespace enforcing the Pod Security Standards restricted level rejects such a pod: restricted requires `runAsNonRoot: true` as well.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0012' },
        { tool: 'polaris', id: 'polaris:runAsRootAllowed' },
        { tool: 'checkov', id: 'CKV_K8S_23' },
        { tool: 'checkov', id: 'CKV_ARGO_2' },
        { tool: 'kube-linter', id: 'run-as-non-root' },
        { tool: 'kubescape', id: 'C-0013' },
      ],
      frameworks: [
        { framework: 'Pod Security Standards', id: 'restricted: Running as Non-root' },
        { framework: 'CIS EKS Benchmark 1.5', id: '4.2.6' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Non-root containers' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    forEachContainer(resource, (container) => {
      if (isWindowsPod(container.pod)) return checkWindows(container, report);
      const { name, securityContext } = container;
      const runAsUser = securityContext.get('runAsUser');
      const runAsNonRoot = securityContext.get('runAsNonRoot');
      if (isUnresolved(runAsUser?.value) || isUnresolved(runAsNonRoot?.value)) return; // a template decides: unknown
      const uid = typeof runAsUser?.value === 'number' || typeof runAsUser?.value === 'string' ? Number(runAsUser.value) : Number.NaN;
      if (runAsUser && uid === 0) {
        // With runAsNonRoot: true as well, the kubelet refuses to start the container: a broken manifest to fix (low),
        // not a container running as root.
        if (runAsNonRoot?.value === true) {
          report({ path: runAsUser.path, container: name, severity: 'low', message: `Container "${name}" sets runAsUser: 0, which contradicts its runAsNonRoot: true: the kubelet refuses to start it (it never runs as root; the pod does not start).` });
        } else report({ path: runAsUser.path, container: name, message: `Container "${name}" runs as UID 0 (root).` });
        return;
      }
      if (runAsNonRoot && runAsNonRoot.value === false && !(uid > 0)) {
        report({ path: runAsNonRoot.path, container: name, message: `Container "${name}" sets runAsNonRoot: false and no non-root runAsUser.` });
        return;
      }
      if (runAsNonRoot?.value === true) return;
      if (runAsUser && typeof runAsUser.value === 'number' && runAsUser.value > 0) return;
      report({
        path: securityContext.missingPath,
        container: name,
        message: `Container "${name}" may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set (pod or container level).`,
      });
    });
  },
});
