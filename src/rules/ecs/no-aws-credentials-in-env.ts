import { accessKeyUsedAt } from '../../graph/access-keys.js';
import { ecsTaskDefinition, environmentOf, isEcsTaskDefinition } from '../../graph/ecs.js';
import { containsAwsAccessKeyId, literalExemption } from '../../secrets/detectors.js';
import { isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';
import { AWS_CREDENTIAL_VARIABLES } from '../../secrets/aws-credentials.js';

const FIX =
  'Remove the static keys and give the task a task role (`taskRoleArn`) with a least-privilege policy: the SDKs pick up its temporary credentials from the container credentials endpoint. Deactivate and delete the IAM user access key.';

const SES_FIX =
  'Send email with the SES API (`ses:SendEmail`), which the task role can authorize, instead of SMTP credentials derived from an IAM user access key. Deactivate and delete the key.';

export default createRule({
  meta: {
    id: 'ecs/no-aws-credentials-in-env',
    title: 'ECS tasks must get AWS credentials from the task role, not static access keys',
    severity: 'high',
    seedPoints: ['IAM-3'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      'Reports container definitions that pass `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` or `AWS_SESSION_TOKEN` (or the legacy `AWS_ACCESS_KEY`, `AWS_SECRET_KEY`, `AWS_SECURITY_TOKEN`), as an `environment` value (a literal, or one filled in at deployment: a parameter, a template variable, a placeholder) or through `secrets` (`valueFrom`), environment values that contain an AWS access key ID under any name, and environment values, under any name, that are the key ID or secret of an IAM user access key the scanned files create (CloudFormation `AWS::IAM::AccessKey` through `Ref`, `Fn::GetAtt ... SecretAccessKey` or `Fn::Sub`; Terraform `aws_iam_access_key` `.id`, `.secret`, `.ses_smtp_password_v4`).',
    rationale:
      'Access keys are long-lived IAM user credentials: they do not expire, are shared by every task, and take precedence over the task role in the SDK credential chain. Even fetched from Secrets Manager they remain static keys to rotate by hand. The task role gives each task short-lived credentials scoped to it.',
    remediation: FIX,
    limitations:
      'Containers that set an endpoint variable pointing outside AWS (`AWS_ENDPOINT_URL`, `S3_ENDPOINT`... for LocalStack or MinIO) still get reported: the keys may be for that service. Keys in an `environmentFiles` S3 object are not visible.',
    references: {
      peers: [],
      frameworks: [{ framework: 'AWS FSBP', id: 'ECS.8' }],
    },
  },
  scope: 'resource',
  appliesTo: isEcsTaskDefinition,
  check({ resource, report }) {
    const task = ecsTaskDefinition(resource);
    if (!task) return;
    for (const container of task.containers) {
      for (const entry of environmentOf(container)) {
        const field = entry.value;
        if (!field) continue;
        const accessKey = isUnknown(field.value) ? accessKeyUsedAt(resource, field.path, field.value) : undefined;
        if (accessKey) {
          report({
            path: field.path,
            container: container.name,
            key: entry.name,
            message: `Container "${container.name}" sets ${entry.name === undefined ? `environment[${entry.index}]` : entry.name} to the ${accessKey.part} of the IAM user access key ${accessKey.key}: static IAM credentials instead of the task role.`,
            fix: accessKey.part === 'SES SMTP password' ? SES_FIX : FIX,
          });
          continue;
        }
        const kind = entry.name === undefined ? undefined : AWS_CREDENTIAL_VARIABLES.get(entry.name.toUpperCase());
        const { value } = field;
        // A literal, or one a deployment fills in (whatever it is, the variable carries a static key: as through
        // `secrets`); not null or empty.
        const filledIn = isUnknown(value) || (typeof value === 'string' && literalExemption(value) === 'unresolved');
        const literal = !filledIn && ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number' || typeof value === 'boolean');
        if (kind !== undefined && (literal || filledIn)) {
          report({
            path: field.path,
            container: container.name,
            secret: literal,
            key: entry.name,
            message: literal
              ? `Container "${container.name}" sets ${entry.name ?? ''} to a literal AWS ${kind}: static IAM credentials instead of the task role.`
              : `Container "${container.name}" sets ${entry.name ?? ''} to a value filled in at deployment: static IAM credentials (an AWS ${kind}) instead of the task role.`,
            fix: FIX,
          });
          continue;
        }
        if (typeof value !== 'string' || value.trim() === '' || isUnknown(value)) continue;
        if (containsAwsAccessKeyId(value)) {
          report({
            path: field.path,
            container: container.name,
            secret: true,
            key: entry.name,
            message: `Environment variable "${entry.name ?? `environment[${entry.index}]`}" of container "${container.name}" contains an AWS access key ID: static IAM credentials instead of the task role.`,
            fix: FIX,
          });
        }
      }
      const secrets = container.get('secrets');
      if (!secrets || !Array.isArray(secrets.value)) continue;
      secrets.value.forEach((item, index) => {
        if (!isObject(item)) return;
        const nameEntry = Object.entries(item).find(([key]) => key.toLowerCase() === 'name');
        const name = nameEntry?.[1];
        if (typeof name !== 'string') return;
        const kind = AWS_CREDENTIAL_VARIABLES.get(name.toUpperCase());
        if (kind === undefined) return;
        report({
          path: secrets.inexact ? secrets.path : [...secrets.path, index],
          container: container.name,
          key: `secret:${name}`,
          message: `Container "${container.name}" reads ${name} from a secret: static IAM credentials (an AWS ${kind}) instead of the task role.`,
          fix: FIX,
        });
      });
    }
  },
});
