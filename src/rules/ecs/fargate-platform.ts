import { booleanValue, ecsTaskDefinition, enumValue, isEcsTaskDefinition, isExternalOnly, stringList, type EcsTaskDefinition } from '../../graph/ecs.js';
import type { NodePath, Resource } from '../../model/types.js';
import { asArray, asObject, asString, isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

/** Platform versions that are the newest of their family (Linux 1.4.0, Windows 1.0.0) or float to it. */
const CURRENT_PLATFORM_VERSIONS = new Set(['LATEST', '1.4.0', '1.0.0']);

/**
 * What a task asks of its host that Fargate does not give (Fargate task definition considerations, ECS developer
 * guide): host networking, GPUs, devices, host bind mounts, Docker volumes, privileged containers, capabilities other
 * than SYS_PTRACE, the host's PID or IPC namespace. Such a task needs EC2 (the HOST-* controls then apply); the first
 * reason, or undefined.
 */
function needsHost(task: EcsTaskDefinition): string | undefined {
  if (enumValue(task.get('networkMode')?.value) === 'HOST') return 'host networking';
  if (enumValue(task.get('pidMode')?.value) === 'HOST') return "the host's PID namespace";
  if (enumValue(task.get('ipcMode')?.value) === 'HOST') return "the host's IPC namespace";
  for (const volume of task.volumes) {
    if (volume.hostSourcePath() !== undefined) return `a host path (volume "${volume.name}")`;
    if (volume.get('dockerVolumeConfiguration') !== undefined) return `a Docker volume ("${volume.name}")`;
  }
  for (const container of task.containers) {
    if (asArray(container.get('resourceRequirements')?.value).some((entry) => enumValue(asObject(entry)?.type ?? asObject(entry)?.Type) === 'GPU')) return 'a GPU';
    if (asArray(container.get('linuxParameters', 'devices')?.value).length > 0) return 'host devices';
    if (booleanValue(container.get('privileged')?.value) === true) return 'a privileged container';
    const added = asArray(container.get('linuxParameters', 'capabilities', 'add')?.value).map((entry) => asString(entry)?.toUpperCase().replace(/^CAP_/, ''));
    const other = added.find((capability) => capability !== undefined && capability !== 'SYS_PTRACE');
    if (other !== undefined) return `the ${other} capability`;
  }
  return undefined;
}

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
      'Reports task definitions whose `requiresCompatibilities` does not include `FARGATE` (missing means EC2), ECS services with `LaunchType: EC2` (Terraform `launch_type`), and services that pin `PlatformVersion` to an older version than the newest (`LATEST`, Linux `1.4.0`, Windows `1.0.0`). Services with a capacity provider strategy or no launch type are not reported for the launch type: the cluster decides. Task definitions that need what Fargate does not give are not reported: host networking, the host\'s PID or IPC namespace, host bind mounts, Docker volumes, GPUs, devices, privileged containers or capabilities other than SYS_PTRACE (the seed point prefers Fargate when no host access is needed; the HOST-* rules judge those hosts); nor are task definitions for ECS Anywhere alone (`EXTERNAL`). ECS Managed Instances (`MANAGED_INSTANCES`) are reported, their message saying that AWS operates and patches the hosts though tasks still share them.',
    rationale:
      'On Fargate each task runs in its own micro-VM with no shared container instance, no host access, no ECS agent or Docker socket to attack and no instance patching; older platform versions miss kernel and runtime fixes.',
    remediation: 'Set `requiresCompatibilities: ["FARGATE"]` (with `networkMode: awsvpc`) and `LaunchType: FARGATE` or a FARGATE capacity provider; remove `PlatformVersion` or set it to `LATEST`. Keep EC2 only when the workload needs host access, GPUs or daemons, and then apply the HOST-* controls.',
    limitations: 'EC2 can be a deliberate requirement beyond what the task definition shows (daemons, instance storage, licensing): disable the rule for those resources with a reason. An ECS service is judged by its own launch type, not by what its task definition needs.',
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
    // FARGATE already; only EXTERNAL (ECS Anywhere, the customer's own servers); or the task needs its host.
    if (list.some((entry) => entry.value.toUpperCase() === 'FARGATE') || isExternalOnly(task) || needsHost(task) !== undefined) return;
    // ECS Managed Instances: AWS patches and operates the hosts, but tasks still share them.
    const managed = list.some((entry) => entry.value.toUpperCase() === 'MANAGED_INSTANCES') && !list.some((entry) => entry.value.toUpperCase() === 'EC2');
    report({
      path: field?.path ?? task.nearest('requiresCompatibilities'),
      message:
        list.length === 0
          ? 'Task definition does not set requiresCompatibilities: it runs on the EC2 launch type, on shared container instances.'
          : managed
            ? `Task definition requires ${list.map((entry) => entry.value).join(', ')} and not FARGATE: AWS patches the Managed Instances hosts, but tasks share them, without Fargate's per-task isolation.`
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
