import { ecsTaskDefinition, isEcsTaskDefinition } from '../../graph/ecs.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

/**
 * Image references of the X-Ray daemon, of OpenTelemetry collectors that export to X-Ray, and of the trace agents of
 * other vendors (Datadog, Jaeger, Grafana Agent / Alloy, Elastic APM Server, Dynatrace OneAgent): a task that runs
 * one collects traces.
 */
const TRACING_IMAGE = /xray|x-ray|aws-otel-collector|adot|opentelemetry-collector|otel\/opentelemetry|otel-collector|datadog\/agent|dd-agent|jaegertracing\/|grafana\/(agent|alloy)|apm-server|dynatrace\/oneagent/i;

export default createRule({
  meta: {
    id: 'obs/tracing-enabled',
    title: 'ECS task definitions should run an X-Ray daemon or ADOT collector sidecar',
    severity: 'info',
    seedPoints: ['OBS-3'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      'Heuristic. Reports an ECS task definition (task-definition JSON, CloudFormation `AWS::ECS::TaskDefinition`, Terraform `aws_ecs_task_definition`) none of whose containers runs a trace collector: an image whose reference contains `xray` (`amazon/aws-xray-daemon`), `aws-otel-collector` / `adot` (AWS Distro for OpenTelemetry), an OpenTelemetry collector, or another vendor\'s trace agent (Datadog agent, Jaeger, Grafana Agent / Alloy, Elastic APM Server, Dynatrace OneAgent).',
    rationale:
      'Distributed traces show which service called which, with what latency and errors: they are how an abnormal call pattern (lateral movement, data exfiltration through an internal API) is seen and reconstructed. On ECS, traces reach X-Ray through a daemon or collector running next to the application, usually as a sidecar container of the task.',
    remediation:
      'Add a sidecar container running `public.ecr.aws/xray/aws-xray-daemon` or `public.ecr.aws/aws-observability/aws-otel-collector` (essential: false, UDP 2000 / OTLP 4317), instrument the application to send to it, and grant the task role `xray:PutTraceSegments` / `xray:PutTelemetryRecords` (e.g. the `AWSXRayDaemonWriteAccess` managed policy).',
    limitations:
      'A heuristic on image names: traces may be sent to a collector outside the task (a daemon service on the EC2 host, a shared ADOT collector service, a vendor agent running as a daemon service), or the task may not need tracing at all (batch jobs); a collector image mirrored under a name without these words is not recognized. The IAM permissions of the collector are not checked. A task definition with an unresolved container list or image is not reported.',
    references: {
      peers: [],
      frameworks: [],
      links: [
        'https://docs.aws.amazon.com/xray/latest/devguide/xray-daemon-ecs.html',
        'https://aws-otel.github.io/docs/setup/ecs',
      ],
    },
  },
  scope: 'resource',
  appliesTo: isEcsTaskDefinition,
  check({ resource, report }) {
    const task = ecsTaskDefinition(resource);
    if (!task || task.containersUnknown || task.containers.length === 0) return;
    for (const container of task.containers) {
      const image = container.get('image');
      if (!image) continue;
      if (isUnknown(image.value) || typeof image.value !== 'string') return;
      if (TRACING_IMAGE.test(image.value)) return;
    }
    const definitions = task.get('containerDefinitions');
    report({
      path: definitions?.path ?? task.nearest('containerDefinitions'),
      // The container list is in the message; the fingerprint must survive a new sidecar.
      key: 'no-tracing',
      message: `No container of the task runs an X-Ray daemon or ADOT collector (containers: ${task.containers.map((c) => `"${c.name}"`).join(', ')}); traces are not collected unless an agent outside the task does it.`,
      fix: 'Add an X-Ray daemon (public.ecr.aws/xray/aws-xray-daemon) or ADOT collector (public.ecr.aws/aws-observability/aws-otel-collector) sidecar and instrument the application, or suppress when tracing is collected outside the task.',
    });
  },
});
