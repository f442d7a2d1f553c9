import { ecsTaskDefinition, enumValue, isEcsTaskDefinition, styledFieldName } from '../../graph/ecs.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'ecs/efs-transit-encryption',
    title: 'ECS EFS volumes must use encryption in transit',
    severity: 'high',
    seedPoints: ['IAM-6'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      'Reports every EFS volume of a task definition (`volumes[].efsVolumeConfiguration`, CloudFormation `Volumes[].EFSVolumeConfiguration`, Terraform `volume.efs_volume_configuration`) whose `transitEncryption` is not `ENABLED` (it defaults to DISABLED).',
    rationale: 'Without TLS, NFS traffic between the task and the file system (the data and the file handles) is readable and alterable on the network path. Transit encryption is also required for IAM authorization of the mount.',
    remediation: 'Set `transitEncryption: ENABLED` in the volume\'s EFS configuration (and `authorizationConfig.iam: ENABLED` with an access point, see ecs/efs-iam-authorization).',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0035' },
        { tool: 'checkov', id: 'CKV_AWS_97' },
      ],
      frameworks: [{ framework: 'AWS FSBP', id: 'ECS.18' }],
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
      const transit = volume.get('efsVolumeConfiguration', 'transitEncryption');
      if (transit && isUnknown(transit.value)) continue;
      const value = enumValue(transit?.value);
      if (value === 'ENABLED') continue;
      const setting = styledFieldName(task.style, 'transitEncryption');
      report({
        path: transit?.path ?? efs.path,
        key: volume.name,
        message:
          value === undefined
            ? `EFS volume "${volume.name}" does not set ${setting}: NFS traffic is not encrypted (the default is DISABLED).`
            : `EFS volume "${volume.name}" sets ${setting} to ${String(transit?.value)}: NFS traffic is not encrypted.`,
      });
    }
  },
});
