import { ecsTaskDefinition, enumValue, isEcsTaskDefinition, stringList } from '../../graph/ecs.js';
import type { NodePath, Resource } from '../../model/types.js';
import { isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

/** Platform versions that are the newest of their family (Linux 1.4.0, Windows 1.0.0) or float to it. */
const CURRENT_PLATFORM_VERSIONS = new Set(['LATEST', '1.4.0', '1.0.0']);

function isService(resource: Resource): boolean {
  return (resource.artifact === 'cloudformation' && resource.type === 'AWS::ECS::Service') || (resource.artifact === 'terraform' && resource.type === 'aws_ecs_service');
}

export default createRule({
  meta: {
    id: 'ecs/fargate-platform',
    title: 'ECS tasks should run on Fargate, on the latest platform version',
    severity: 'low',
    seedPoints: ['PLAT-2'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      'Reports task definitions whose `requiresCompatibilities` does not include `FARGATE` (missing means EC2), ECS services with `LaunchType: EC2` (Terraform `launch_type`), and services that pin `PlatformVersion` to an older version than the newest (`LATEST`, Linux `1.4.0`, Windows `1.0.0`). Services with a capacity provider strategy or no launch type are not reported for the launch type: the cluster decides.',
    rationale:
      'On Fargate each task runs in its own micro-VM with no shared container instance, no host access, no ECS agent or Docker socket to attack and no instance patching; older platform versions miss kernel and runtime fixes.',
    remediation: 'Set `requiresCompatibilities: ["FARGATE"]` (with `networkMode: awsvpc`) and `LaunchType: FARGATE` or a FARGATE capacity provider; remove `PlatformVersion` or set it to `LATEST`. Keep EC2 only when the workload needs host access, GPUs or daemons, and then apply the HOST-* controls.',
    limitations: 'EC2 can be a deliberate requirement (GPU, host networking, daemons): disable the rule for those resources with a reason.',
    references: {
      peers: [{ tool: 'checkov', id: 'CKV_AWS_332' }, { tool: 'prowler', id: 'ecs_service_fargate_latest_platform_version' }],
      frameworks: [{ framework: 'AWS FSBP', id: 'ECS.10' }],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => isEcsTaskDefinition(resource) || isService(resource),
  check({ resource, report }) {
    if (isService(resource)) {
      checkService(resource, report);
      return;
    }
    const task = ecsTaskDefinition(resource);
    if (!task) return;
    const field = task.get('requiresCompatibilities');
    if (field && isUnknown(field.value)) return;
    const list = stringList(field);
    if (list === undefined) return;
    if (list.some((entry) => entry.value.toUpperCase() === 'FARGATE')) return;
    report({
      path: field?.path ?? task.nearest('requiresCompatibilities'),
      message:
        list.length === 0
          ? 'Task definition does not set requiresCompatibilities: it runs on the EC2 launch type, on shared container instances.'
          : `Task definition requires ${list.map((entry) => entry.value).join(', ')} and not FARGATE: it runs on shared container instances.`,
    });
  },
});

function checkService(resource: Resource, report: (r: { path: NodePath; message: string; key?: string }) => void): void {
  const terraform = resource.artifact === 'terraform';
  const base: NodePath = terraform ? [] : ['Properties'];
  const props = terraform ? resource.body : resource.body.Properties;
  if (!isObject(props) || isUnknown(props)) return;
  const launchKey = terraform ? 'launch_type' : 'LaunchType';
  const versionKey = terraform ? 'platform_version' : 'PlatformVersion';
  const launch = enumValue(props[launchKey]);
  if (launch === 'EC2') {
    report({ path: [...base, launchKey], key: 'launch', message: 'Service runs on the EC2 launch type: its tasks share container instances instead of running on Fargate.' });
  }
  const version = props[versionKey];
  if (typeof version === 'string' && !isUnknown(version) && !CURRENT_PLATFORM_VERSIONS.has(version.trim().toUpperCase()) && launch !== 'EC2') {
    report({ path: [...base, versionKey], key: 'version', message: `Service pins Fargate platform version ${version}, older than the newest (LATEST / 1.4.0).` });
  }
}
