import { ecsTaskDefinition, enumValue, isEcsTaskDefinition, styledFieldName } from '../../graph/ecs.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'ecs/efs-iam-authorization',
    title: 'ECS EFS volumes must be mounted with IAM authorization',
    severity: 'medium',
    seedPoints: ['IAM-6'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      'Reports every EFS volume of a task definition whose `authorizationConfig.iam` (CloudFormation `AuthorizationConfig.IAM`, Terraform `authorization_config.iam`) is not `ENABLED`.',
    rationale:
      'Without IAM authorization, any client that reaches the mount target over the network mounts the file system with whatever the file system policy allows anonymous clients; with it, the task role is the identity EFS checks, so the file system policy can grant each service only its access point, read-only where possible.',
    remediation:
      'Set `authorizationConfig: { iam: ENABLED, accessPointId: <access point> }` and `transitEncryption: ENABLED` (IAM authorization requires it), grant the task role `elasticfilesystem:ClientMount` (and `ClientWrite` if needed) on the file system, and restrict the file system policy to those roles.',
    limitations: 'Whether the file system policy actually requires IAM (denies anonymous mounts) is decided by the `AWS::EFS::FileSystem` policy, not checked here. An access point is recommended but not required by this rule.',
    references: {
      peers: [],
      frameworks: [{ framework: 'AWS Well-Architected', id: 'SEC03-BP02 Grant least privilege access' }],
      links: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html'],
    },
  },
  scope: 'resource',
  appliesTo: isEcsTaskDefinition,
  check({ resource, report }) {
    const task = ecsTaskDefinition(resource);
    if (!task) return;
    for (const volume of task.volumes) {
      const efs = volume.get('efsVolumeConfiguration');
      if (!efs || isUnknown(efs.value)) continue;
      const iam = volume.get('efsVolumeConfiguration', 'authorizationConfig', 'iam');
      if (iam && isUnknown(iam.value)) continue;
      const value = enumValue(iam?.value);
      if (value === 'ENABLED') continue;
      const setting = styledFieldName(task.style, 'authorizationConfig.iam');
      report({
        path: iam?.path ?? volume.nearest('efsVolumeConfiguration', 'authorizationConfig', 'iam'),
        key: volume.name,
        message:
          value === undefined
            ? `EFS volume "${volume.name}" is mounted without IAM authorization (${setting} is not set): the task role is not the identity EFS checks.`
            : `EFS volume "${volume.name}" sets ${setting} to ${String(iam?.value)}: the task role is not the identity EFS checks.`,
      });
    }
  },
});
