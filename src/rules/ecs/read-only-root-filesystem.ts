import { booleanValue, ecsTaskDefinition, isEcsTaskDefinition, isWindowsTask } from '../../graph/ecs.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'ecs/read-only-root-filesystem',
    title: 'ECS containers must have a read-only root filesystem',
    severity: 'medium',
    seedPoints: ['RUN-2'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      'Reports every container definition of an ECS task definition whose `readonlyRootFilesystem` (CloudFormation `ReadonlyRootFilesystem`) is not `true`: missing (the default is false) or false. Windows task definitions (by `runtimePlatform`, or the signs only Windows tasks have: see ecs/run-as-non-root) are skipped (the setting is not supported there).',
    rationale:
      'A writable root filesystem lets an attacker who gets code execution drop tools, modify binaries and configuration, and persist for the life of the task. With a read-only root filesystem, the writable paths are the volumes the task definition declares, which are visible and reviewable.',
    remediation:
      'Set `"readonlyRootFilesystem": true` on each container definition and declare the paths the application writes to (`/tmp`, caches) as volumes with `mountPoints` (a task-level `volumes` entry without host path is an ephemeral scratch volume on Fargate).',
    references: {
      peers: [
        { tool: 'checkov', id: 'CKV_AWS_336' },
        { tool: 'prowler', id: 'ecs_task_definitions_containers_readonly_access' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'ECS.5' },
        { framework: 'AWS Config', id: 'ecs-containers-readonly-access' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isEcsTaskDefinition,
  check({ resource, report }) {
    const task = ecsTaskDefinition(resource);
    if (!task || isWindowsTask(task)) return;
    for (const container of task.containers) {
      const field = container.get('readonlyRootFilesystem');
      if (field && isUnknown(field.value)) continue;
      const value = booleanValue(field?.value);
      if (value === true) continue;
      report({
        path: field?.path ?? container.path,
        container: container.name,
        message:
          value === false
            ? `Container "${container.name}" sets readonlyRootFilesystem to false: its root filesystem is writable.`
            : `Container "${container.name}" does not set readonlyRootFilesystem: its root filesystem is writable (the default).`,
      });
    }
  },
});
