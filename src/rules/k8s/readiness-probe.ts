import { isWorkload } from '../../graph/kubernetes.js';
import { createRule } from '../rule.js';
import { probedContainers, probeProblem } from './liveness-probe.js';

export default createRule({
  meta: {
    id: 'k8s/readiness-probe',
    title: 'Long-running containers should have a readiness probe',
    severity: 'low',
    seedPoints: [],
    artifacts: ['kubernetes'],
    description:
      "Reports regular containers of long-running workloads (Deployments, StatefulSets, DaemonSets, ReplicaSets, Pods, custom resources with a pod template) that have no `readinessProbe`, or one with no handler (`exec`, `httpGet`, `tcpSocket`, `grpc`). Jobs, CronJobs (and custom resources templating Jobs: JobSets, Kubeflow training jobs, a RayJob's submitter), Argo workflow steps (daemon templates excepted), Tekton task pods, Pods owned by a Job and pods with `restartPolicy: Never` or `OnFailure` run to completion and are skipped, and so are Ray clusters, whose probes KubeRay adds; so are init containers (native sidecars included) and ephemeral containers, and Knative Serving resources, whose queue-proxy probes the container port by default; so are containers of the pause image (`registry.k8s.io/pause` and its mirrors), which only sleep to hold node capacity.",
    rationale:
      'Without a readiness probe a container counts as ready as soon as its process starts: Services send it traffic before it can serve, and rolling updates move on (and scale down the old ReplicaSet) before the new version works, turning a bad release into an outage.',
    remediation:
      'Add a `readinessProbe` that checks the container can serve requests (an HTTP endpoint, a TCP or gRPC check), so that Services and rollouts wait for it.',
    limitations:
      'Workers that serve no traffic gain little from readiness beyond safer rollouts; suppress with a reason in that case. Ray pods are skipped on the assumption that KubeRay injects its probes (the default since 1.1; `ENABLE_PROBES_INJECTION=false` on the operator turns it off). A pod template whose containers name no image is a fragment completed elsewhere (a Kustomize patch; a Spark, EMR or Flink pod template, whose framework sets the image, resources and the rest): what it leaves out is not reported.',
    references: {
      peers: [
        { tool: 'polaris', id: 'polaris:readinessProbeMissing' },
        { tool: 'checkov', id: 'CKV_K8S_9' },
        { tool: 'kube-linter', id: 'no-readiness-probe' },
        { tool: 'kubescape', id: 'C-0018' },
      ],
      frameworks: [{ framework: 'Amazon EKS Best Practices Guide', id: 'Reliability: Applications - Health checks and self-healing (probes)' }],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    // Knative Serving probes every container's port by default (TCP readiness through its queue-proxy).
    if (resource.apiVersion?.startsWith('serving.knative.dev/')) return;
    for (const { container, name, path } of probedContainers(resource)) {
      const problem = probeProblem(container, path, 'readinessProbe');
      if (!problem) continue;
      report({
        path: problem.path,
        container: name,
        message:
          problem.kind === 'missing'
            ? `Container "${name}" has no readiness probe: it counts as available (and receives the traffic of any Service selecting it) as soon as it starts.`
            : `Container "${name}" has a readiness probe with no handler (exec, httpGet, tcpSocket or grpc); the API server rejects it.`,
      });
    }
  },
});
