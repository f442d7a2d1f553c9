import { propsOf } from '../../graph/aws.js';
import { isFirstTemplateResource, templateGlobals } from '../../graph/cloudformation.js';
import { emulatesAws, isTerraformInput, isTerraformSetting } from '../../loaders/terraform/variable-files.js';
import { isEmbeddedManifestText } from '../../loaders/embedded-registry.js';
import type { JsonObject, JsonValue, NodePath, PathSegment, Resource } from '../../model/types.js';
import { describeSecretMatches, detectSecrets, firstMatchOffset, isAllowListed, isEncryptedValue, isIdempotencyTokenProperty, literalExemption, secretNameMatch, secretPropertyName } from '../../secrets/detectors.js';
import { dottedPath } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule, type RuleReport } from '../rule.js';

const FIX =
  'Keep the secret out of the template: let the service manage it (`ManageMasterUserPassword: true` / `manage_master_user_password = true` for RDS and Aurora), generate it (`AWS::SecretsManager::Secret` `GenerateSecretString`, Terraform `random_password` or an ephemeral value) and pass it with a dynamic reference (`{{resolve:secretsmanager:...}}`, `{{resolve:ssm-secure:...}}`) or a `NoEcho` parameter. Rotate the value: it has been committed.';

/** The fix for credentials in a `provider` block or a backend: they belong to the environment that runs Terraform. */
const SETTING_FIX =
  'Remove the credentials from the block and let the environment that runs Terraform provide them: for AWS (provider and S3 backend) a profile or SSO session, an instance or task role, or OIDC to a deploy role in CI (`assume_role_with_web_identity`); for other providers their environment variables (`GITHUB_TOKEN`, `TF_TOKEN_<host>` for HCP Terraform) or an ephemeral value. Rotate the committed credentials.';

/**
 * Top-level properties handled by rules of their own: container definitions (ecs/no-plaintext-secrets).
 */
const OWN_RULE_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'AWS::ECS::TaskDefinition': ['ContainerDefinitions'],
  aws_ecs_task_definition: ['container_definitions'],
};

const REFERENCE_TYPES: ReadonlySet<string> = new Set(['PARAMETER_STORE', 'SECRETS_MANAGER']);
/**
 * Not walked: user data, wherever it sits (`LaunchTemplateData.UserData`; iam/no-credentials-in-user-data reads it,
 * decoded), and IAM policy documents (statements hold actions, ARNs and conditions, never credentials): CloudFormation's
 * document properties, Terraform's `policy` / `assume_role_policy`, and any `Condition` block.
 */
const SKIPPED_KEYS: ReadonlySet<string> = new Set([
  'UserData',
  'user_data',
  'user_data_base64',
  'PolicyDocument',
  'AssumeRolePolicyDocument',
  'KeyPolicy',
  // Terraform's policy attributes (`jsonencode` documents), and statement conditions wherever they sit: their keys
  // name request attributes (`token.actions.githubusercontent.com:sub`), not secrets.
  'assume_role_policy',
  'policy',
  'Condition',
]);
const MIN_DETECTABLE_LENGTH = 8;

/** Deeper than any real resource property: a guard against hostile nesting (the loaders bound it too). */
const MAX_DEPTH = 32;

export default createRule({
  meta: {
    id: 'iam/no-secrets-in-resource-properties',
    title: 'CloudFormation and Terraform resources must not carry literal secrets in their properties',
    severity: 'high',
    seedPoints: ['RUN-4'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Walks the properties of every CloudFormation resource (and of the sections of a SAM template\'s `Globals`, which every function, API or table of the template gets), the attributes of every Terraform resource and the arguments of Terraform `provider` blocks and backends (`terraform { backend "s3" {} }`, `cloud {}`: static `access_key` / `secret_key`, tokens, passwords) and reports literal secrets: a property named like a secret (`MasterUserPassword`, `Password`, `AuthToken`, `SecretString`, `master_password`, `auth_token`, `secret_string`, `client_secret`, a Lambda environment variable `DB_PASSWORD`; `*_key` names only when they say which key: `private_key`, `api_key`, `signing_key`, ...) with a literal value, and any string a secret detector matches whatever its name (AWS access key, PEM private key, vendor token, URL or connection string with a password, JWT). Values given by intrinsics, variables, dynamic references (`{{resolve:secretsmanager:...}}`) or other resources are not literal. Container definitions and user data have rules of their own (ecs/no-plaintext-secrets, iam/no-credentials-in-user-data), and Kubernetes objects written in Terraform are checked as Kubernetes objects.',
    rationale:
      'A literal in a resource property is part of the template: it sits in the repository and its history, in every copy of the template and every plan, and in the stack\'s or state\'s recorded configuration; it is the same in every environment and cannot be rotated without a commit. Database master passwords, cache auth tokens, webhook secrets and IAM login passwords are the usual ones.',
    remediation: FIX,
    limitations:
      'Names that hold a secret word but name or configure something else are not reported on their name: identifiers (`SecretId`, `secret_arn`, `*_name`, `*_version`), idempotency tokens (`creation_token` of an EFS file system, `ClientToken`), settings about the secret (`password_encryption`, `TokenValidityUnits` and the keys under it, `TokenDomains`, `*_hash`, `secrets.backend_kwargs`), lengths and counts, public and PGP keys, key pairs, and `*_key` properties that do not say which key they are (`s3_key`, `ssh_key`); their values still go through the detectors. A resource\'s own `name` / `value` (an SSM parameter, whose value is often a placeholder kept out of band with `ignore_changes`) is not read as a name/value pair. Manifests and objects that a loader reads as Kubernetes objects of their own (`kubectl_manifest`, a CDK KubernetesResource) are left to the Kubernetes rules. Numbers, booleans, paths, ARNs and URLs without credentials are not secrets; placeholders such as `changeme` are reported (deployed as-is, they are a well-known password). Terraform `sensitive` variables passed in are values from outside the file and are not reported here (ecs/no-plaintext-secrets follows them into container environments). An AWS provider or backend pointed at a local emulator (LocalStack, moto: an endpoint on localhost) holds placeholder keys and is not checked. The value detectors skip the example keys of the AWS documentation (`AKIAIOSFODNN7EXAMPLE`, secret keys containing `EXAMPLE`) under names that do not say secret; an access key ID alone (`AWS_ACCESS_KEY_ID`) is an identifier, its secret key is what is reported.',
    references: {
      peers: [
        { tool: 'checkov', id: 'CKV_AWS_45' },
      ],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) =>
    (resource.artifact === 'cloudformation' && resource.basePath[0] === 'Resources') ||
    (resource.artifact === 'terraform' && !isTerraformInput(resource) && !emulatesAws(resource) && !resource.type.startsWith('kubernetes_') && !/(^|\.)data\./.test(resource.name)),
  check({ resource, report, settings }) {
    const { props, path: base } = propsOf(resource);
    walkProperties(resource, props, base, settings.secretAllowList, isTerraformSetting(resource) ? SETTING_FIX : FIX, report);
    // SAM `Globals`: properties every function (API, table...) of the template gets, checked where they are written.
    if (isFirstTemplateResource(resource)) {
      for (const section of templateGlobals(resource.document)) {
        walkProperties(section, section.body, [], settings.secretAllowList, FIX, (finding) => report({ ...finding, resource: section }));
      }
    }
  },
});

/** Reports the literal secrets under `props` (at `base` in `resource`'s body), by name and by value. */
function walkProperties(resource: Resource, props: JsonObject, base: NodePath, allowList: readonly string[], fix: string, report: (finding: RuleReport) => void): void {
  const own = OWN_RULE_PROPERTIES[resource.type];
  const where = (path: NodePath): string => `${resource.artifact === 'terraform' ? resource.name : `${resource.type} "${resource.name}"`} ${resource.artifact === 'terraform' ? 'attribute' : 'property'} ${dottedPath(path.slice(base.length))}`;
  // One path, grown and shrunk along the walk: it is copied only for a finding (this walks every property of
  // every resource).
  const path: PathSegment[] = [...base];
  const found = (message: string, textOffset?: number): void => {
    const at = [...path];
    report({ path: at, secret: true, key: dottedPath(at), message: `${where(at)} ${message}: it is committed with the template.`, fix, ...(textOffset === undefined ? {} : { textOffset }) });
  };
  // `name`: what the value is called, when it may name a secret; undefined under a setting (`TokenValidityUnits`).
  const visit = (value: JsonValue | undefined, name: string | undefined): void => {
    if (value === undefined || value === null || path.length - base.length > MAX_DEPTH) return;
    if (typeof value === 'string') {
      const byName = name === undefined || isIdempotencyTokenProperty(name) ? undefined : secretPropertyName(name);
      // No detector matches fewer characters (the shortest, a URL with a password, needs more).
      if (!byName && value.length < MIN_DETECTABLE_LENGTH) return;
      if (value.trim() === '' || isUnknown(value) || isEncryptedValue(value) || /^\{\{resolve:/.test(value.trim()) || isEmbeddedManifestText(resource, value)) return;
      if (byName && literalExemption(value, { numeric: byName.whole }) === undefined) {
        if (name !== undefined && isAllowListed(name, allowList)) return;
        return found(`has a literal value although its name says it is a secret ("${byName.said}")`);
      }
      if (value.length < MIN_DETECTABLE_LENGTH) return;
      const matches = detectSecrets(value, { assignments: false, entropy: false });
      if (matches.length > 0 && !(name !== undefined && isAllowListed(name, allowList))) found(`contains ${describeSecretMatches(matches)}`, firstMatchOffset(matches));
      return;
    }
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        path.push(index);
        visit(value[index], name);
        path.pop();
      }
      return;
    }
    if (typeof value !== 'object' || isUnknown(value)) return;
    // The keys under a setting about secrets (`TokenValidityUnits: {AccessToken: minutes}`) name no secret.
    const underSetting = name !== undefined && secretNameMatch(name) !== undefined && secretPropertyName(name) === undefined;
    const topLevel = path.length === base.length;
    for (const key in value) {
      if (SKIPPED_KEYS.has(key) || (topLevel && own?.includes(key))) continue;
      let itemName: string | undefined = underSetting ? undefined : key;
      // `{Name: DB_PASSWORD, Value: ...}` pairs in lists (CodeBuild and Batch environment variables) name their value;
      // a CodeBuild variable of type PARAMETER_STORE / SECRETS_MANAGER holds a reference, not the secret. Not a
      // resource's own `name` and `value` (an SSM parameter's value is often a placeholder set out of band).
      if (!topLevel && (key === 'Value' || key === 'value')) {
        if (REFERENCE_TYPES.has(String(value.Type ?? value.type))) continue;
        const pairName = value.Name ?? value.name;
        if (typeof pairName === 'string') itemName = pairName;
      }
      path.push(key);
      visit(value[key], itemName);
      path.pop();
    }
  };
  visit(props, undefined);
}
