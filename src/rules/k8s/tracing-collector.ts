import { containersOf, type ContainerVisit, hasUnknownContainers, isWorkload, labelsOf, podAnnotations, podField } from '../../graph/kubernetes.js';
import type { ResourceGraph } from '../../graph/graph.js';
import type { JsonObject, Resource } from '../../model/types.js';
import { asArray, asObject, asString } from '../../util/json.js';
import { isUnresolved } from '../../util/template.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

/** Variables that tell the X-Ray SDK / OpenTelemetry SDKs where to send traces. */
const XRAY_VARIABLE = 'AWS_XRAY_DAEMON_ADDRESS';
const OTLP_VARIABLES = new Set(['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);

/** Images of trace collectors (a container that may itself listen on the loopback address). */
const COLLECTOR_IMAGE = /xray|x-ray|aws-otel-collector|adot|opentelemetry-collector|otel\/opentelemetry|otelcol|otel-collector/i;

/** Sidecar injection by the OpenTelemetry / ADOT operator (pod or namespace annotation). */
const OTEL_INJECT = 'sidecar.opentelemetry.io/inject';
/** AWS App Mesh injects Envoy and, when tracing is on, an X-Ray daemon into labeled namespaces. */
const APPMESH_INJECT = 'appmesh.k8s.aws/sidecarInjectorWebhook';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?|0\.0\.0\.0)$/i;

/** The hosts a trace endpoint names: `host:port`, `tcp:host:port udp:host:port` (X-Ray), `http://host:port/path` (OTLP). */
export function endpointHosts(variable: string, value: string): string[] {
  if (variable === XRAY_VARIABLE) {
    return value
      .trim()
      .split(/\s+/)
      .map((token) => token.replace(/^(tcp|udp):/i, ''))
      .map((token) => (token.startsWith('[') ? token.slice(0, token.indexOf(']') + 1) : token.slice(0, token.lastIndexOf(':') >= 0 ? token.lastIndexOf(':') : token.length)))
      .filter((host) => host !== '');
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? value.trim() : `http://${value.trim()}`;
  try {
    const host = new URL(withScheme).hostname;
    return host === '' ? [] : [host];
  } catch {
    return [];
  }
}

function literalEnv(container: JsonObject): Map<string, { value: string; index: number }> {
  const out = new Map<string, { value: string; index: number }>();
  asArray(container.env).forEach((item, index) => {
    const entry = asObject(item);
    const name = asString(entry?.name);
    if (!entry || name === undefined) return;
    if (typeof entry.value === 'string') out.set(name, { value: entry.value, index });
    else out.delete(name); // a later valueFrom overrides an earlier literal
  });
  return out;
}

function injectionRequested(annotationsOrLabels: Readonly<Record<string, string>>): boolean {
  const otel = annotationsOrLabels[OTEL_INJECT];
  if (otel !== undefined && otel.trim().toLowerCase() !== 'false') return true;
  const appMesh = annotationsOrLabels[APPMESH_INJECT];
  return appMesh !== undefined && appMesh.trim().toLowerCase() === 'enabled';
}

/** Whether the namespace of the workload is in the scan and asks for no sidecar injection; undefined when not in the scan. */
function namespaceWithoutInjection(resource: Resource, graph: ResourceGraph): boolean | undefined {
  const namespace = resource.namespace;
  if (namespace === undefined) return undefined;
  const found = graph.named('kubernetes', 'Namespace', namespace);
  if (found.length === 0) return undefined;
  return found.every((object) => {
    const metadata = asObject(object.body.metadata);
    return !injectionRequested(labelsOf(metadata?.annotations)) && !injectionRequested(labelsOf(metadata?.labels));
  });
}

/** Containers that run for the pod's lifetime: regular containers and native sidecars (init containers with `restartPolicy: Always`). */
function longRunning(visit: ContainerVisit): boolean {
  return visit.list === 'containers' || (visit.list === 'initContainers' && visit.container.restartPolicy === 'Always');
}

export default createRule({
  meta: {
    id: 'k8s/tracing-collector',
    title: 'Workloads that send traces to a local X-Ray daemon or collector must run one in the pod',
    severity: 'low',
    seedPoints: ['OBS-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports a container whose `AWS_XRAY_DAEMON_ADDRESS`, `OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is a literal loopback address (`localhost`, `127.0.0.1`, `::1`) while nothing else in the pod can listen there: the container is the pod\'s only long-running container (no sidecar, no native sidecar init container), the pod is not on the host network, no sidecar injection is requested (`sidecar.opentelemetry.io/inject` on the pod or its namespace, App Mesh injection label on the namespace), and its namespace is declared in the scan, so namespace-level injection can be ruled out. Tracing switched off (`OTEL_SDK_DISABLED=true`, `OTEL_TRACES_EXPORTER=none`, `AWS_XRAY_SDK_ENABLED=false`) is not reported.',
    rationale:
      'A loopback trace endpoint only works with a daemon or collector in the same network namespace: a sidecar (the X-Ray daemon or the ADOT collector) or the node itself for host-network pods. Without one, every span is silently dropped, and the distributed traces needed to follow a request across services during an incident do not exist.',
    remediation:
      'Run the X-Ray daemon (`public.ecr.aws/xray/aws-xray-daemon`) or the ADOT collector (`public.ecr.aws/aws-observability/aws-otel-collector`) as a sidecar (or a native sidecar init container with `restartPolicy: Always`), request injection from the ADOT / OpenTelemetry operator with `sidecar.opentelemetry.io/inject: "true"`, or point the SDK at a collector Service or node agent (`AWS_XRAY_DAEMON_ADDRESS: xray-service.amazon-cloudwatch:2000`, `OTEL_EXPORTER_OTLP_ENDPOINT: http://$(HOST_IP):4317` from `status.hostIP`). Give the collector\'s service account `AWSXRayDaemonWriteAccess` through IRSA or Pod Identity.',
    limitations:
      'Only loopback endpoints are decidable from files: a collector Service, DaemonSet or OpenTelemetryCollector named by a DNS address may be installed by Helm, the ADOT EKS add-on or another repository, so endpoints naming a Service are not checked. Workloads without a namespace, or whose Namespace object is not in the scan, are not reported (namespace-level injection cannot be ruled out). Pods with another long-running container are not reported (it may be a collector under any image name). Mutating webhooks other than the OpenTelemetry operator and App Mesh that inject collectors are not known. Whether the application is instrumented at all, and the collector\'s IAM permissions, are not checked.',
    references: {
      peers: [],
      frameworks: [],
      links: [
        'https://docs.aws.amazon.com/xray/latest/devguide/xray-sdk-java-configuration.html#xray-sdk-java-configuration-envvars',
        'https://opentelemetry.io/docs/specs/otel/protocol/exporter/',
        'https://aws-otel.github.io/docs/getting-started/operator',
      ],
    },
  },
  appliesTo: isWorkload,
  check({ resource, report, graph }) {
    const visits = containersOf(resource);
    const running = visits.filter(longRunning);
    if (running.length !== 1) return;
    const [only] = running;
    if (!only) return;
    const { pod } = only;
    if (hasUnknownContainers(pod)) return; // a sidecar may be the collector
    const hostNetwork = podField(pod, 'hostNetwork')?.value;
    if (hostNetwork !== undefined && hostNetwork !== false) return; // true, or unknown
    if (injectionRequested(podAnnotations(pod))) return;
    const image = only.container.image;
    if (typeof image !== 'string' || isUnresolved(image) || COLLECTOR_IMAGE.test(image)) return;
    if (isUnknown(only.container.env)) return;

    const env = literalEnv(only.container);
    const off = (name: string, value: string): boolean => env.get(name)?.value.trim().toLowerCase() === value;
    const candidates: string[] = [];
    if (!off('AWS_XRAY_SDK_ENABLED', 'false')) candidates.push(XRAY_VARIABLE);
    if (!off('OTEL_SDK_DISABLED', 'true') && !off('OTEL_TRACES_EXPORTER', 'none')) candidates.push(...OTLP_VARIABLES);

    const findings: { variable: string; index: number; value: string }[] = [];
    for (const variable of candidates) {
      const entry = env.get(variable);
      if (!entry) continue;
      const value = entry.value;
      if (value.trim() === '' || isUnresolved(value) || value.includes('$(')) continue;
      const hosts = endpointHosts(variable, value);
      if (hosts.length > 0 && hosts.every((host) => LOOPBACK.test(host))) findings.push({ variable, index: entry.index, value: value.trim() });
    }
    if (findings.length === 0) return;
    if (namespaceWithoutInjection(resource, graph) !== true) return;
    for (const finding of findings) {
      const what = finding.variable === XRAY_VARIABLE ? 'an X-Ray daemon' : 'an OpenTelemetry (ADOT) collector';
      report({
        path: [...only.path, 'env', finding.index, 'value'],
        container: only.name,
        message: `Container "${only.name}" sends traces to ${finding.value} (${finding.variable}), but nothing else runs in the pod and it is not on the host network: no ${what.replace(/^an? /, '')} listens there, so every span is dropped. Add ${what} sidecar or point it at a collector Service.`,
      });
    }
  },
});
