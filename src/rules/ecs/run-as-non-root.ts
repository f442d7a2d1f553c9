import { ecsTaskDefinition, isEcsTaskDefinition, isWindowsTask } from '../../graph/ecs.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

/** `root`, `0`, and either with a group (`0:0`, `root:wheel`, `0:1000`): the process runs as UID 0. */
const ROOT_USER = /^(root|0+)(:.*)?$/i;
/** A non-root user in the root group (`1000:0`, `app:root`): GID 0 (see k8s/no-root-group). */
const ROOT_GROUP = /^[^:]+:(root|0+)$/i;

export default createRule({
  meta: {
    id: 'ecs/run-as-non-root',
    title: 'ECS containers must run as a non-root user',
    severity: 'high',
    otherSeverities: ['low'],
    seedPoints: ['RUN-1'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      'Reports every container definition of an ECS task definition (task-definition JSON, CloudFormation `AWS::ECS::TaskDefinition`, Terraform `aws_ecs_task_definition`) whose `user` is missing (the image decides, and most images run as root) or names root: `root`, `0`, `0:0`, `root:<group>`, `0:<gid>`; and (low) a non-root user in the root group (`1000:0`, `app:root`). Windows task definitions (`runtimePlatform.operatingSystemFamily: WINDOWS_*`, or, without `runtimePlatform`, what only Windows tasks have: FSx for Windows volumes, drive and named-pipe paths, gMSA credential specs, Windows base images or shells) are skipped, and so is the FireLens log router (a container with `firelensConfiguration`), which ECS requires to run as root.',
    rationale:
      'A process running as UID 0 in a container is root on the container instance if it escapes, can rewrite everything in the image, and on EC2 launch type can read the ECS agent credentials of other tasks through host mounts. Setting a non-root `user` in the task definition makes the least privilege explicit instead of depending on the image.',
    remediation:
      'Set `user` on every container definition to a non-root UID (and GID), e.g. `"user": "10001:10001"`, and build the image so it works as that user.',
    limitations:
      'A missing `user` is reported even when the image itself declares a non-root `USER`: the image is not visible from the task definition. Names other than `root` are accepted: whether a named user is UID 0 inside the image cannot be known.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'AWS FSBP', id: 'ECS.1' },
        { framework: 'AWS Config', id: 'ecs-task-definition-linux-user-non-root' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isEcsTaskDefinition,
  check({ resource, report }) {
    const task = ecsTaskDefinition(resource);
    if (!task || isWindowsTask(task)) return;
    for (const container of task.containers) {
      // The FireLens log router must run as root: ECS has it read the task's log streams (aws/containers-roadmap#2122).
      if (container.get('firelensConfiguration') !== undefined) continue;
      const user = container.get('user');
      if (user && isUnknown(user.value)) continue;
      const value = user === undefined ? undefined : typeof user.value === 'number' ? String(user.value) : user.value;
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
        report({
          path: user?.path ?? container.path,
          container: container.name,
          message: `Container "${container.name}" sets no user: it runs as the image's USER, which is root unless the image says otherwise.`,
        });
      } else if (typeof value === 'string' && ROOT_USER.test(value.trim())) {
        report({ path: user?.path ?? container.path, container: container.name, message: `Container "${container.name}" runs as root (user "${value}").` });
      } else if (typeof value === 'string' && ROOT_GROUP.test(value.trim())) {
        report({
          path: user?.path ?? container.path,
          container: container.name,
          severity: 'low',
          message: `Container "${container.name}" runs with the root group (user "${value}", GID 0): it reads and writes whatever files the root group may.`,
        });
      }
    }
  },
});
