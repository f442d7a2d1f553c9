import { propsOf, setting, terraformCompanions } from '../../graph/aws.js';
import { referencedResource } from '../../graph/cloudformation.js';
import type { ResourceGraph } from '../../graph/graph.js';
import type { Resource } from '../../model/types.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

const SECRET = { cloudformation: 'AWS::SecretsManager::Secret', terraform: 'aws_secretsmanager_secret' };
const ROTATION = { cloudformation: 'AWS::SecretsManager::RotationSchedule', terraform: 'aws_secretsmanager_secret_rotation' };

export default createRule({
  meta: {
    id: 'audit/secrets-manager-rotation',
    title: 'Secrets Manager secrets must rotate automatically',
    severity: 'low',
    seedPoints: ['RUN-4'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports an `AWS::SecretsManager::Secret` that no `AWS::SecretsManager::RotationSchedule` of its template rotates (its `SecretId` referring to the secret, directly or through an `AWS::SecretsManager::SecretTargetAttachment`, or naming it), and an `aws_secretsmanager_secret` that no `aws_secretsmanager_secret_rotation` of its root module rotates (nor the provider\'s legacy inline `rotation_rules`). A schedule without rotation rules or without a rotation function (`RotationLambdaARN` / `HostedRotationLambda`, `rotation_lambda_arn`) does not rotate the secret and is reported.',
    rationale:
      'A secret that never changes stays valid for as long as any copy of it survives: in a leaked log, an old image, a former employee\'s notes. Rotation bounds that window, and Secrets Manager rotates database credentials and generated secrets with a managed Lambda function.',
    remediation:
      'Add a rotation schedule: CloudFormation `AWS::SecretsManager::RotationSchedule` with `SecretId: !Ref Secret`, `HostedRotationLambda` (or `RotationLambdaARN`) and `RotationRules: { AutomaticallyAfterDays: 30 }`; Terraform `aws_secretsmanager_secret_rotation` with `secret_id`, `rotation_lambda_arn` and `rotation_rules { automatically_after_days = 30 }`. A secret the issuer cannot rotate (a third party\'s API key) can be suppressed with the reason.',
    limitations:
      'The rotation interval and the rotation function are not judged. A rotation schedule whose secret is an unresolved value may rotate any secret of its template or module: those secrets are then not reported. Rotation set up outside the scan (another stack, the console) is not seen.',
    references: {
      peers: [
        { tool: 'checkov', id: 'CKV2_AWS_57' },
        { tool: 'cdk-nag', id: 'AwsSolutions-SMG4' },
        { tool: 'prowler', id: 'secretsmanager_automatic_rotation_enabled' },
      ],
      frameworks: [{ framework: 'AWS FSBP', id: 'SecretsManager.1' }],
      links: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html'],
    },
  },
  appliesTo: (resource) => resource.type === SECRET[resource.artifact as keyof typeof SECRET],
  check({ resource, graph, report }) {
    const cfn = resource.artifact === 'cloudformation';
    if (!cfn && setting(resource, ['rotation_rules']).exists) return; // the provider's legacy inline rotation
    const schedules = cfn ? cloudformationSchedules(graph, resource) : terraformCompanions(graph, resource, ROTATION.terraform, 'secret_id', namesSecret);
    const type = cfn ? ROTATION.cloudformation : ROTATION.terraform;
    const path = cfn ? propsOf(resource).path : resource.body.name === undefined ? [] : ['name'];
    if (schedules.length === 0) {
      report({
        path,
        message: `No ${type} in the ${cfn ? 'template' : 'module'} rotates the secret: it stays valid until someone changes it by hand.`,
      });
      return;
    }
    const gaps = schedules.map((schedule) => scheduleGap(schedule, cfn));
    const [first] = schedules;
    if (gaps.includes(undefined) || !first) return;
    report({
      path,
      message: `The secret's ${type} ${first.name} has ${gaps[0]}: the secret never rotates automatically.`,
    });
  },
});

/** What keeps a rotation schedule from rotating: no rules (interval), or no rotation function. Undefined when it rotates (or may). */
function scheduleGap(schedule: Resource, cfn: boolean): string | undefined {
  const rules = setting(schedule, [cfn ? 'RotationRules' : 'rotation_rules']);
  if (!rules.exists) return `no ${cfn ? 'RotationRules' : 'rotation_rules'}`;
  const functions = cfn ? [setting(schedule, ['RotationLambdaARN']), setting(schedule, ['HostedRotationLambda'])] : [setting(schedule, ['rotation_lambda_arn'])];
  if (!functions.some((found) => found.exists)) return `no rotation function (${cfn ? 'RotationLambdaARN or HostedRotationLambda' : 'rotation_lambda_arn'})`;
  return undefined;
}

/** A literal `SecretId` names the secret `name`: the name itself, or an ARN that holds it. */
function namesSecret(secretId: string, name: string): boolean {
  return secretId === name || secretId.includes(`:secret:${name}`);
}

/**
 * The rotation schedules of the template whose SecretId refers to the secret (directly, or through a
 * SecretTargetAttachment, whose Ref is the secret's ARN), names it, or may be it (unresolved).
 */
function cloudformationSchedules(graph: ResourceGraph, secret: Resource): Resource[] {
  const name = propsOf(secret).props.Name;
  return graph.ofType('cloudformation', ROTATION.cloudformation).filter((schedule) => {
    if (schedule.document !== secret.document) return false;
    const secretId = propsOf(schedule).props.SecretId;
    if (typeof secretId === 'string' && !isUnknown(secretId)) return typeof name !== 'string' || isUnknown(name) || namesSecret(secretId, name);
    let target = referencedResource(graph, schedule, secretId);
    if (target?.type === 'AWS::SecretsManager::SecretTargetAttachment') target = referencedResource(graph, target, propsOf(target).props.SecretId);
    return target === undefined || target === secret;
  });
}
