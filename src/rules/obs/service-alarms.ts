import { referencedResources } from '../../graph/cloudformation.js';
import type { ResourceGraph } from '../../graph/graph.js';
import type { TerraformResource } from '../../loaders/terraform/index.js';
import type { JsonObject, JsonValue, NodePath, Resource } from '../../model/types.js';
import { isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

const SERVICE = { cloudformation: 'AWS::ECS::Service', terraform: 'aws_ecs_service' };
const ALARM = { cloudformation: 'AWS::CloudWatch::Alarm', terraform: 'aws_cloudwatch_metric_alarm' };
const METRICS = new Set(['CPUUtilization', 'MemoryUtilization']);

/** One `ServiceName` dimension of a CPU / memory metric of an alarm. */
interface ServiceDimension {
  alarm: Resource;
  value: JsonValue;
  /** Path of the dimension's value inside the alarm body. */
  path: NodePath;
}

export default createRule({
  meta: {
    id: 'obs/service-alarms',
    title: 'ECS services should have CloudWatch alarms on CPU or memory utilization',
    severity: 'low',
    seedPoints: ['OBS-4'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports an ECS service (CloudFormation `AWS::ECS::Service`, Terraform `aws_ecs_service`) for which no CloudWatch alarm of the scan (`AWS::CloudWatch::Alarm`, `aws_cloudwatch_metric_alarm`, also metric-math alarms) watches `CPUUtilization` or `MemoryUtilization` with a `ServiceName` dimension naming that service: a `Ref` / `!GetAtt Service.Name` to it, a Terraform reference to it (`aws_ecs_service.x.name`), or its literal name.',
    rationale:
      'Abnormal resource usage is a common sign of compromise (crypto-mining, a flood of requests, a runaway process) and of imminent outage; an alarm turns the metric into a notification someone acts on.',
    remediation:
      'Add an alarm per service, e.g. CloudFormation `AWS::CloudWatch::Alarm` with `Namespace: AWS/ECS`, `MetricName: CPUUtilization`, `Dimensions: [{ Name: ClusterName, Value: !Ref Cluster }, { Name: ServiceName, Value: !GetAtt Service.Name }]` and `AlarmActions` to an SNS topic; Terraform `aws_cloudwatch_metric_alarm` with `dimensions = { ClusterName = aws_ecs_cluster.this.name, ServiceName = aws_ecs_service.this.name }`. Do the same for MemoryUtilization.',
    limitations:
      'Only alarms in the scanned files are seen: alarms kept in another stack, module or monitoring repository not scanned, created by a monitoring tool, or covering services through a metric-math / Metrics Insights query without a ServiceName dimension, are not; the finding is low severity for that reason. An alarm whose ServiceName (or metric name) cannot be resolved is taken as possibly covering every service, so nothing is reported then. Target-tracking scaling policies create alarms that scale but notify nobody: they do not count. Alarm actions (whether anyone is notified) are not checked.',
    references: {
      peers: [],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cloudwatch-metrics.html'],
    },
  },
  appliesTo: (resource) => resource.type === SERVICE[resource.artifact as keyof typeof SERVICE],
  check({ resource, graph, report }) {
    const properties = resource.artifact === 'cloudformation' ? resource.body.Properties : resource.body;
    if (properties !== undefined && (!isObject(properties) || isUnknown(properties))) return;
    const literalName = serviceName(resource);
    for (const dimension of serviceDimensions(graph)) {
      if (covers(graph, dimension, resource, literalName)) return;
    }
    const label = typeof literalName === 'string' ? `"${literalName}"` : resource.name;
    report({
      path: [],
      message: `ECS service ${label} has no CloudWatch alarm on CPUUtilization or MemoryUtilization whose ServiceName dimension names it (among the alarms of this scan).`,
    });
  },
});

/** The service's literal name, when written. */
function serviceName(service: Resource): string | undefined {
  const value = service.artifact === 'cloudformation' ? (isObject(service.body.Properties) ? service.body.Properties.ServiceName : undefined) : service.body.name;
  return typeof value === 'string' && !isUnknown(value) ? value : undefined;
}

/** The alarm dimension may name this service (or cannot be resolved, which counts as covering). */
function covers(graph: ResourceGraph, dimension: ServiceDimension, service: Resource, literalName: string | undefined): boolean {
  const { alarm, value, path } = dimension;
  if (typeof value === 'string' && !isUnknown(value)) return literalName !== undefined && value === literalName;
  if (alarm.artifact === 'cloudformation') {
    if (service.artifact !== 'cloudformation') return false;
    const targets = referencedResources(graph, alarm, value);
    if (targets.length === 0) return true; // a parameter, an unresolved import: unknown
    return targets.includes(service);
  }
  if (alarm.artifact === 'terraform') {
    const references = (alarm as Partial<TerraformResource>).references ?? [];
    const relevant = references.filter((reference) => reference.path.length >= path.length && path.every((segment, index) => reference.path[index] === segment));
    const services = relevant.filter((reference) => /(^|\.)aws_ecs_service\.[^.]+$/.test(reference.address.replace(/\[[^\]]*\]$/, '')));
    if (services.length === 0) return true; // a variable, a module output, a data source: unknown
    if (service.artifact !== 'terraform') return false;
    const sameRoot = ((alarm as Partial<TerraformResource>).rootDir ?? '') === ((service as Partial<TerraformResource>).rootDir ?? '');
    return sameRoot && services.some((reference) => reference.address === service.name || reference.address === service.name.replace(/\[[^\]]*\]$/, ''));
  }
  return false;
}

/** Every ServiceName dimension of CPU / memory metrics (or unknown metric names) of the scan's alarms. */
function serviceDimensions(graph: ResourceGraph): readonly ServiceDimension[] {
  return graph.memo('obs:service-alarm-dimensions', () => {
    const out: ServiceDimension[] = [];
    for (const alarm of graph.ofType('cloudformation', ALARM.cloudformation)) {
      const properties = alarm.body.Properties;
      if (!isObject(properties) || isUnknown(properties)) continue;
      cfnMetric(alarm, properties, ['Properties'], out);
      const metrics = properties.Metrics;
      if (Array.isArray(metrics)) {
        metrics.forEach((query, index) => {
          const metric = isObject(query) && isObject(query.MetricStat) ? query.MetricStat.Metric : undefined;
          if (isObject(metric)) cfnMetric(alarm, metric, ['Properties', 'Metrics', index, 'MetricStat', 'Metric'], out);
        });
      }
    }
    for (const alarm of graph.ofType('terraform', ALARM.terraform)) {
      tfMetric(alarm, alarm.body, [], out);
      const queries = alarm.body.metric_query;
      if (Array.isArray(queries)) {
        queries.forEach((query, index) => {
          const metrics = isObject(query) ? query.metric : undefined;
          if (Array.isArray(metrics)) metrics.forEach((metric, inner) => isObject(metric) && tfMetric(alarm, metric, ['metric_query', index, 'metric', inner], out));
        });
      }
    }
    return out;
  });
}

function relevantMetric(name: JsonValue | undefined): boolean {
  if (name === undefined || name === null) return false;
  if (typeof name === 'string' && !isUnknown(name)) return METRICS.has(name);
  return true; // unknown metric name
}

function cfnMetric(alarm: Resource, metric: JsonObject, path: NodePath, out: ServiceDimension[]): void {
  if (!relevantMetric(metric.MetricName)) return;
  const dimensions = metric.Dimensions;
  if (!Array.isArray(dimensions)) return;
  dimensions.forEach((dimension, index) => {
    if (!isObject(dimension) || dimension.Value === undefined) return;
    if (dimension.Name !== 'ServiceName' && !isUnknown(dimension.Name) && !isUnknown(dimension)) return;
    out.push({ alarm, value: dimension.Value, path: [...path, 'Dimensions', index, 'Value'] });
  });
}

function tfMetric(alarm: Resource, metric: JsonObject, path: NodePath, out: ServiceDimension[]): void {
  if (!relevantMetric(metric.metric_name)) return;
  const dimensions = metric.dimensions;
  if (dimensions === undefined || dimensions === null) return;
  if (isUnknown(dimensions) || !isObject(dimensions)) {
    out.push({ alarm, value: dimensions, path: [...path, 'dimensions'] });
    return;
  }
  const value = dimensions.ServiceName;
  if (value !== undefined) out.push({ alarm, value, path: [...path, 'dimensions', 'ServiceName'] });
}
