import { ecsTaskDefinition, environmentOf, isEcsTaskDefinition, type EcsContainer } from '../../graph/ecs.js';
import { describeLiteralSecret, describeSecretMatches, isAllowListed, isPlaceholder, isEncryptedValue, literalExemption, literalSecret, secretNameMatch } from '../../secrets/detectors.js';
import { isUnknown, UNKNOWN_KEY } from '../../util/unknown.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { VARIABLE_DEFAULT_TYPE } from '../../loaders/terraform/variable-files.js';
import { createRule, type RuleReport } from '../rule.js';
import { asBoolean, isObject } from '../../util/json.js';
import { templateParameters } from '../../graph/cloudformation.js';
import { collectReferences } from '../../loaders/cloudformation-references.js';
import type { JsonValue, Resource } from '../../model/types.js';
import { AWS_CREDENTIAL_VARIABLES } from '../../secrets/aws-credentials.js';

/** The AWS SDK credential variables: a literal in any of them is a credential, whatever the detectors say of the value. */

const FIX =
  'Store the value in AWS Secrets Manager or SSM Parameter Store (SecureString) and reference it from the container definition\'s `secrets` list (`{ "name": "DB_PASSWORD", "valueFrom": "<secret or parameter ARN>" }`); grant the execution role read access to it. Rotate the value: it has been committed.';

export default createRule({
  meta: {
    id: 'ecs/no-plaintext-secrets',
    title: 'ECS container environment variables must not hold literal secrets',
    severity: 'critical',
    otherSeverities: ['high', 'medium'],
    seedPoints: ['RUN-4'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      'Reports every `environment` entry of an ECS container definition (CloudFormation `Environment[].Value`, Terraform `container_definitions`) whose literal value is a secret: the variable is named like one (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `API_KEY`, `AWS_ACCESS_KEY_ID`, ...) or the value matches a secret detector (AWS access key, private key, JWT, vendor tokens, URL or connection string with a password, high-entropy token). Also the `logConfiguration.options` of each container (`splunk-token`, a FireLens output\'s `apikey` or `Password`), where `secretOptions` is the fix. Also (at high) a value that passes on a value the configuration declares secret: a CloudFormation `NoEcho` parameter (`!Ref DbPassword`, `${DbPassword}` in a `!Sub`, or inside another intrinsic such as a `!Join`), or a Terraform variable declared `sensitive = true` in the same module (`var.db_password`, or inside a template string), and a CloudFormation dynamic reference to a secret (`{{resolve:secretsmanager:...}}`, `{{resolve:ssm-secure:...}}`, also inside a `!Join` or `!Sub`, as CDK writes for `unsafeUnwrap()`), which CloudFormation resolves at deployment: the task definition stores it in plain text. And (at medium) a variable named as the secret itself (`DB_PASSWORD`, `API_TOKEN`; not `DB_PASSWORD_ARN`) whose value is passed in unresolved: a Terraform variable, local, data source or resource attribute (`random_password.db.result`, `aws_secretsmanager_secret_version.db.secret_string`) or a CloudFormation parameter: whatever it resolves to is stored in the task definition in plain text. The `secrets` list (`valueFrom`) is the fix and is never reported.',
    rationale:
      'Environment values are part of the task definition: anyone with `ecs:DescribeTaskDefinition` reads them, they are kept in every task definition revision forever, shown in the console, and sit in the repository history. Secrets referenced with `valueFrom` are fetched by the agent at start, access-controlled by IAM and rotatable.',
    remediation: FIX,
    limitations:
      'Not reported, because they cannot be known to be secret: empty values, intrinsics and template expressions under names that do not say they are the secret (except a `NoEcho` parameter or a `sensitive` variable of the same module: see above; a sensitive variable of a calling module passed down under another name is not followed), references to a secret\'s ARN, id or name, CloudFormation `Ref`s to resources (a Secrets Manager secret\'s `Ref` is its ARN), booleans, file paths, URLs without credentials, ARNs and Secrets Manager / Parameter Store ARNs or names (only dynamic references are resolved into the task definition). Names allowed with `secretAllowList` are skipped. Placeholders such as `changeme` are reported. cdk-nag AwsSolutions-ECS2 flags every environment variable of a container; this rule reports those that hold or name a secret.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0036' },
        { tool: 'cdk-nag', id: 'AwsSolutions-ECS2' },
        { tool: 'prowler', id: 'ecs_task_definitions_no_environment_secrets' },
      ],
      frameworks: [{ framework: 'AWS FSBP', id: 'ECS.8' }],
      links: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html'],
    },
  },
  appliesTo: isEcsTaskDefinition,
  check({ resource, graph, report, settings }) {
    const task = ecsTaskDefinition(resource);
    if (!task) return;
    const noEcho = noEchoParameters(resource);
    const sensitive = sensitiveVariables(graph, resource);
    for (const container of task.containers) {
      for (const entry of environmentOf(container)) {
        const field = entry.value;
        const envName = entry.name ?? `environment[${entry.index}]`;
        const where = `Environment variable "${envName}" of container "${container.name}"`;
        const resolved = field && resource.artifact === 'cloudformation' ? secretDynamicReferenceIn(field.value) : undefined;
        if (resolved !== undefined && field && !isAllowListed(envName, settings.secretAllowList)) {
          report({
            path: field.path,
            container: container.name,
            severity: 'high',
            key: envName,
            message: `${where} takes ${resolved}: CloudFormation resolves it when it deploys and the task definition stores the secret in plain text (DescribeTaskDefinition, the console, every revision): use the container's secrets list (valueFrom) with the secret's ARN.`,
            fix: FIX,
          });
          continue;
        }
        const hidden = field ? (noEchoParameterIn(field.value, noEcho) ?? sensitiveVariableIn(field.value, sensitive)) : undefined;
        if (hidden !== undefined && field && !isAllowListed(envName, settings.secretAllowList)) {
          report({
            path: field.path,
            container: container.name,
            severity: 'high',
            key: envName,
            message: `${where} takes ${hidden}: the ${resource.artifact === 'terraform' ? 'configuration' : 'template'} marks the value as secret, yet environment values are stored in plain text in the task definition (DescribeTaskDefinition, the console, every revision): use the container's secrets list (valueFrom).`,
            fix: FIX,
          });
          continue;
        }
        const passed = field && entry.name !== undefined ? secretPassedIn(entry.name, field.value, resource) : undefined;
        if (passed !== undefined && field && !isAllowListed(envName, settings.secretAllowList)) {
          report({
            path: field.path,
            container: container.name,
            severity: 'medium',
            key: envName,
            message: `${where} takes ${passed.from}, and its name says it is a secret ("${passed.said}"): whatever value it gets is stored in plain text in the task definition (DescribeTaskDefinition, the console, every revision): use the container's secrets list (valueFrom).`,
            fix: FIX,
          });
          continue;
        }
        if (!field || typeof field.value !== 'string' || field.value.trim() === '' || isUnknown(field.value)) continue;
        const value = field.value;
        if (isAllowListed(envName, settings.secretAllowList) || isEncryptedValue(value)) continue;
        if (entry.name !== undefined && AWS_CREDENTIAL_VARIABLES.has(entry.name.toUpperCase()) && literalExemption(value) === undefined) {
          report({
            path: field.path,
            container: container.name,
            secret: true,
            key: envName,
            message: `${where} has a literal AWS credential: use the container's secrets list (valueFrom), or better the task role (see ecs/no-aws-credentials-in-env).`,
            fix: FIX,
          });
          continue;
        }
        const secret = literalSecret(entry.name, value, { entropy: true });
        if (!secret) continue;
        const placeholder = secret.by === 'name' && isPlaceholder(value) ? ' The value looks like a placeholder: deployed as-is it is a well-known credential, and whatever replaces it would still be in the task definition.' : '';
        report({
          path: field.path,
          container: container.name,
          secret: true,
          key: envName,
          message:
            secret.by === 'name'
              ? `${where} has a literal value although its name says it is a secret ("${secret.said}"): use the container's secrets list (valueFrom).${placeholder}`
              : `${where} has a literal value that contains ${describeSecretMatches(secret.matches)}: use the container's secrets list (valueFrom).`,
          fix: FIX,
        });
      }
      checkLogOptions(container, report);
    }
  },
});

const SECRET_DYNAMIC_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;

/**
 * A dynamic reference to a secret in a value, literal or inside an intrinsic (`!Join` / `!Sub` around it), as
 * CDK writes for `secretValue.unsafeUnwrap()`: CloudFormation resolves it at deployment into the resource's properties.
 */
function secretDynamicReferenceIn(value: JsonValue): string | undefined {
  const text = typeof value === 'string' ? value : isObject(value) ? JSON.stringify(value) : undefined;
  const match = text === undefined ? null : SECRET_DYNAMIC_REFERENCE.exec(text);
  if (!match) return undefined;
  return match[1] === 'secretsmanager' ? 'a Secrets Manager dynamic reference ({{resolve:secretsmanager:...}})' : 'an SSM SecureString dynamic reference ({{resolve:ssm-secure:...}})';
}

/** The template's parameters declared `NoEcho: true`, by name. */
function noEchoParameters(resource: Resource): ReadonlySet<string> {
  const names = new Set<string>();
  if (resource.artifact !== 'cloudformation') return names;
  for (const parameter of templateParameters(resource.document)) if (asBoolean(parameter.body.NoEcho) === true) names.add(parameter.name);
  return names;
}

/**
 * The NoEcho parameter a value passes on, for messages: `!Ref Param`, `${Param}` in a `!Sub` (unless the Sub's own
 * variables rename it), or inside any other intrinsic (a `!Join` around it).
 */
function noEchoParameterIn(value: JsonValue, parameters: ReadonlySet<string>): string | undefined {
  if (parameters.size === 0 || !isObject(value)) return undefined;
  const ids = new Set<string>();
  collectReferences(value, ids, 'follow');
  for (const id of ids) if (parameters.has(id)) return `the NoEcho parameter "${id}"`;
  return undefined;
}

/** The variables declared `sensitive = true` in the Terraform module (directory) of `resource`, by name. */
function sensitiveVariables(graph: ResourceGraph, resource: Resource): ReadonlySet<string> {
  if (resource.artifact !== 'terraform') return NO_NAMES;
  const byDirectory = graph.memo('ecs:sensitiveVariables', (g) => {
    const index = new Map<string, Set<string>>();
    for (const variable of g.ofType('terraform', VARIABLE_DEFAULT_TYPE)) {
      if (variable.body.sensitive !== true) continue;
      const directory = directoryOf(variable.document.file.path);
      let names = index.get(directory);
      if (!names) index.set(directory, (names = new Set()));
      names.add(variable.name.replace(/^var\./, ''));
    }
    return index;
  });
  return byDirectory.get(directoryOf(resource.document.file.path)) ?? NO_NAMES;
}

const NO_NAMES: ReadonlySet<string> = new Set();

function directoryOf(file: string): string {
  return file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'), 0));
}

/** The sensitive variable an unresolved Terraform value passes on (`var.db_password`, or inside a template string). */
function sensitiveVariableIn(value: JsonValue, variables: ReadonlySet<string>): string | undefined {
  if (variables.size === 0 || !isObject(value) || typeof value[UNKNOWN_KEY] !== 'string') return undefined;
  // The variable itself, or interpolated as such in a string; not a value computed from it (`var.pw != ""`).
  const expression = value[UNKNOWN_KEY].trim();
  const names = /^var\.([A-Za-z_][\w-]*)$/.exec(expression)?.slice(1) ?? (expression.startsWith('"') ? [...expression.matchAll(/\$\{\s*var\.([A-Za-z_][\w-]*)\s*\}/g)].map((match) => match[1] ?? '') : []);
  const name = names.find((candidate) => variables.has(candidate));
  return name === undefined ? undefined : `the sensitive variable "${name}"`;
}

/** A template string (`"...${...}..."`) whose literal text is an ARN or a path: an identifier, not a secret. */
function namesIdentifier(expression: string): boolean {
  if (!expression.startsWith('"')) return false;
  const literal = expression.replace(/\$\{[^}]*\}/g, '');
  return /arn:|\//.test(literal);
}

/** References that name a secret rather than hold it: its ARN, id or name. */
const SECRET_IDENTIFIER = /(\.|_)(arn|id|name)\s*\}?"?$/i;

/**
 * An environment variable whose name says it is the secret (`DB_PASSWORD`, not `DB_PASSWORD_ARN`) and whose value is
 * passed in unresolved: a Terraform variable, local, data source or resource attribute (`random_password.db.result`,
 * `aws_secretsmanager_secret_version.db.secret_string`), or a CloudFormation parameter. Whatever it resolves to lands
 * in the task definition's plain environment. Identifiers of a secret (`*.arn`, `*_id`) are not.
 */
function secretPassedIn(name: string, value: JsonValue, resource: Resource): { from: string; said: string } | undefined {
  if (!isObject(value) || !isUnknown(value)) return undefined;
  const match = secretNameMatch(name);
  // `DB_SECRET_ID` may hold a Vault secret id or name a Secrets Manager secret: with an unresolved value, unknown.
  if (!match?.whole || /[-_]id$/i.test(name)) return undefined;
  const expression = value[UNKNOWN_KEY];
  if (typeof expression === 'string') {
    const text = expression.trim();
    // A template string whose own text makes an identifier (`"arn:aws:secretsmanager:...:${var.env}-db"`,
    // `"${var.env}/app/db"`) names a secret; other expressions (a reference, `jsondecode(...)["password"]`,
    // `"${var.prefix}-${random_password.db.result}"`) carry one.
    if (text === '' || SECRET_IDENTIFIER.test(text) || namesIdentifier(text)) return undefined;
    return { from: text, said: match.said };
  }
  const ref = value.Ref;
  if (resource.artifact === 'cloudformation' && typeof ref === 'string' && templateParameters(resource.document).some((parameter) => parameter.name === ref)) {
    return { from: `the parameter "${ref}"`, said: match.said };
  }
  return undefined;
}

const LOG_FIX =
  'Store the value in AWS Secrets Manager or SSM Parameter Store and pass it with `logConfiguration.secretOptions` (`{ "name": "splunk-token", "valueFrom": "<secret or parameter ARN>" }`); grant the execution role read access to it. Rotate the value: it has been committed.';

/** Log driver options (`splunk-token`, a FireLens output's `apikey`) hold credentials too; `secretOptions` is their `secrets`. */
function checkLogOptions(container: EcsContainer, report: (report: RuleReport) => void): void {
  const options = container.get('logConfiguration', 'options');
  if (!options || !isObject(options.value) || isUnknown(options.value)) return;
  for (const [key, value] of Object.entries(options.value)) {
    if (typeof value !== 'string' || value.trim() === '' || isUnknown(value) || isEncryptedValue(value)) continue;
    const secret = literalSecret(key, value, { entropy: false });
    if (!secret) continue;
    const what = describeLiteralSecret(secret);
    report({
      path: options.inexact ? options.path : [...options.path, key],
      container: container.name,
      secret: true,
      key: `logConfiguration.options.${key}`,
      message: `Log option "${key}" of container "${container.name}" has a literal value, and ${what}: use logConfiguration.secretOptions (valueFrom).`,
      fix: LOG_FIX,
    });
  }
}
