import { isPatchFragment, isWorkload, podContainers, podTemplatesOf, type PodTemplate } from '../../graph/kubernetes.js';
import { isPauseImage } from '../../graph/images.js';
import type { JsonObject, JsonValue, NodePath, Resource } from '../../model/types.js';
import { asArray, asObject } from '../../util/json.js';
import { createRule } from '../rule.js';

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

/**
 * Whether the pods of one of the workload's templates run to completion, where probes do not apply: Jobs and
 * CronJobs, Pods created by a Job, templates of Jobs inside custom resources, Argo workflow steps, and pods with
 * `restartPolicy: Never` or `OnFailure`.
 */
export function runsToCompletion(resource: Resource, pod: PodTemplate): boolean {
  if (pod.completes === true || resource.type === 'Job' || resource.type === 'CronJob') return true;
  const owners = asArray(asObject(resource.body.metadata)?.ownerReferences);
  if (owners.some((owner) => asObject(owner)?.kind === 'Job')) return true;
  if (pod.specPath.includes('jobTemplate')) return true; // custom resources that template Jobs
  const restartPolicy = pod.spec.restartPolicy;
  return restartPolicy === 'Never' || restartPolicy === 'OnFailure';
}

export interface ProbeProblem {
  path: NodePath;
  kind: 'missing' | 'no-handler';
}

/** A probe problem of one container, or undefined when the probe is set (or templated). */
export function probeProblem(container: JsonObject, containerPath: NodePath, field: string): ProbeProblem | undefined {
  const probe: JsonValue | undefined = container[field];
  if (probe === undefined || probe === null) return { path: containerPath, kind: 'missing' };
  const object = asObject(probe);
  if (!object) return undefined; // a templated or otherwise unknown value
  if (PROBE_HANDLERS.some((handler) => object[handler] !== undefined && object[handler] !== null)) return undefined;
  return { path: [...containerPath, field], kind: 'no-handler' };
}

/**
 * Regular containers of a long-running workload: init (sidecars included) and ephemeral containers are not checked,
 * nor Ray pods, whose probes KubeRay (1.1 and later) adds itself.
 */
export function probedContainers(resource: Resource): Array<{ container: JsonObject; name: string; path: NodePath }> {
  if (resource.apiVersion?.startsWith('ray.io/')) return [];
  return podTemplatesOf(resource).flatMap((pod) => {
    if (runsToCompletion(resource, pod) || isPatchFragment(pod)) return [];
    // The pause image only sleeps (placeholder pods that reserve capacity): there is nothing to probe.
    return podContainers(pod).filter(({ list, container }) => list === 'containers' && !isPauseImage(container.image));
  });
}

export default createRule({
  meta: {
    id: 'k8s/liveness-probe',
    title: 'Long-running containers should have a liveness probe',
    severity: 'low',
    seedPoints: [],
    artifacts: ['kubernetes'],
    description:
      "Reports regular containers of long-running workloads (Deployments, StatefulSets, DaemonSets, ReplicaSets, Pods, custom resources with a pod template) that have no `livenessProbe`, or one with no handler (`exec`, `httpGet`, `tcpSocket`, `grpc`). Jobs, CronJobs (and custom resources templating Jobs: JobSets, Kubeflow training jobs, a RayJob's submitter), Argo workflow steps (daemon templates excepted), Tekton task pods, Pods owned by a Job and pods with `restartPolicy: Never` or `OnFailure` run to completion and are skipped, and so are Ray clusters, whose probes KubeRay adds; so are init containers (native sidecars included: their probes are optional) and ephemeral containers, which cannot have probes, and containers of the pause image (`registry.k8s.io/pause` and its mirrors), which only sleep to hold node capacity.",
    rationale:
      'A process that deadlocks or stops serving without exiting stays in the pod for ever: the kubelet only restarts containers whose liveness probe fails. Without one, a hung replica keeps its slot, its Service endpoint (if readiness still passes) and its resources until someone notices.',
    remediation:
      'Add a `livenessProbe` that checks the process itself (an HTTP health endpoint that does not depend on downstream services, or a TCP/gRPC check), with a `failureThreshold` and `periodSeconds` generous enough not to kill slow-but-healthy containers; use a `startupProbe` for slow starts.',
    limitations:
      'Whether a liveness probe is useful depends on the application: processes that exit on failure are restarted anyway. Suppress with a reason in that case. Ray pods are skipped on the assumption that KubeRay injects its probes (the default since 1.1; `ENABLE_PROBES_INJECTION=false` on the operator turns it off). A pod template whose containers name no image is a fragment completed elsewhere (a Kustomize patch; a Spark, EMR or Flink pod template, whose framework sets the image, resources and the rest): what it leaves out is not reported.',
    references: {
      peers: [
        { tool: 'polaris', id: 'polaris:livenessProbeMissing' },
        { tool: 'checkov', id: 'CKV_K8S_8' },
        { tool: 'kube-linter', id: 'no-liveness-probe' },
        { tool: 'kubescape', id: 'C-0056' },
      ],
      frameworks: [{ framework: 'Amazon EKS Best Practices Guide', id: 'Reliability: Applications - Health checks and self-healing (probes)' }],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    for (const { container, name, path } of probedContainers(resource)) {
      const problem = probeProblem(container, path, 'livenessProbe');
      if (!problem) continue;
      report({
        path: problem.path,
        container: name,
        message:
          problem.kind === 'missing'
            ? `Container "${name}" has no liveness probe: if it hangs without exiting, it is never restarted.`
            : `Container "${name}" has a liveness probe with no handler (exec, httpGet, tcpSocket or grpc); the API server rejects it.`,
      });
    }
  },
});
