import { propsOf, setting, terraformReferenced, terraformRoot } from '../../graph/aws.js';
import { referencedResource } from '../../graph/cloudformation.js';
import type { ResourceGraph } from '../../graph/graph.js';
import type { JsonValue, Resource } from '../../model/types.js';
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
      'Reports an `AWS::SecretsManager::Secret` that no `AWS::SecretsManager::RotationSchedule` of its template rotates (its `SecretId` referring to the secret, or naming it), and an `aws_secretsmanager_secret` that no `aws_secretsmanager_secret_rotation` of its root module rotates (nor the provider\'s legacy inline `rotation_rules`).',
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
    if (resource.artifact === 'cloudformation') {
      if (cloudformationRotates(graph, resource)) return;
      report({ path: propsOf(resource).path, message: `No ${ROTATION.cloudformation} in the template rotates the secret: it stays valid until someone changes it by hand.` });
      return;
    }
    if (setting(resource, ['rotation_rules']).exists || terraformRotates(graph, resource)) return;
    report({
      path: resource.body.name === undefined ? [] : ['name'],
      message: `No ${ROTATION.terraform} in the module rotates the secret: it stays valid until someone changes it by hand.`,
    });
  },
});

/** A rotation schedule of the template whose SecretId refers to the secret, names it, or may be it (unresolved). */
function cloudformationRotates(graph: ResourceGraph, secret: Resource): boolean {
  const name = propsOf(secret).props.Name;
  return graph.ofType('cloudformation', ROTATION.cloudformation).some((schedule) => {
    if (schedule.document !== secret.document) return false;
    const secretId: JsonValue | undefined = propsOf(schedule).props.SecretId;
    if (typeof secretId === 'string' && !isUnknown(secretId)) return typeof name !== 'string' || isUnknown(name) || secretId === name || secretId.includes(`:secret:${name}`);
    const target = referencedResource(graph, schedule, secretId);
    return target === undefined || target === secret;
  });
}

/** A secret rotation of the root module that refers to the secret, names it, or may be it (unresolved). */
function terraformRotates(graph: ResourceGraph, secret: Resource): boolean {
  const root = terraformRoot(secret);
  const name = secret.body.name;
  return graph.ofType('terraform', ROTATION.terraform).some((rotation) => {
    if (terraformRoot(rotation) !== root) return false;
    const secretId = rotation.body.secret_id;
    if (typeof secretId === 'string' && !isUnknown(secretId)) return typeof name !== 'string' || isUnknown(name) || secretId === name || secretId.includes(`:secret:${name}`);
    const other = terraformReferenced(graph, rotation, ['secret_id'], [SECRET.terraform]);
    return other === undefined || other === secret;
  });
}
