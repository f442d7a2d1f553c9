import { isFirstTemplateResource, templateParameters } from '../../graph/cloudformation.js';
import { isTerraformInput, VARIABLE_DEFAULT_TYPE } from '../../loaders/terraform/variable-files.js';
import { describeLiteralSecret, isAllowListed, isEncryptedValue, literalExemption, literalSecret, secretPropertyName } from '../../secrets/detectors.js';
import { asBoolean, isObject } from '../../util/json.js';
import type { JsonValue } from '../../model/types.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

const FIX =
  'Remove the `Default` and pass the value at deploy time from a secret store: a `{{resolve:secretsmanager:...}}` or `{{resolve:ssm-secure:...}}` dynamic reference where the property accepts one, or a Secrets Manager secret the stack creates with `GenerateSecretString`. Rotate the value: it has been committed.';

const TFVARS_FIX =
  'Do not commit secret values in variable defaults or variable files: pass them at plan time (`TF_VAR_<name>` from the CI secret store), or read them in the configuration from Secrets Manager / SSM Parameter Store (`data "aws_secretsmanager_secret_version"`), and mark the variable `sensitive = true`. Rotate the value: it has been committed.';

/**
 * Inputs named like secrets that hold settings about them (`customer_master_key_spec = "SYMMETRIC_DEFAULT"`,
 * `secret_kms_key = "alias/aws/secretsmanager"`, `secret_rotation_schedule = "rate(30 days)"`, `secret_id =
 * "prod/app/db"`, `ssh_key = "deployer"`): an enum constant, a lone lower-case word (a name), a KMS alias, a
 * schedule, a name path, or a name ending in `_spec`, `_stage`,
 * `_schedule`, `_type`, `_algorithm`.
 */
function isSettingValue(name: string, value: string): boolean {
  const text = value.trim();
  return (
    /(_|^)(spec|stage|schedule|type|algorithm)$/i.test(name) ||
    /^[A-Z][A-Z0-9_]*$/.test(text) ||
    /^[a-z]+$/.test(text) ||
    /^alias\//.test(text) ||
    /^(rate|cron)\(/.test(text) ||
    /^[\w.-]+(\/[\w.-]+)+$/.test(text)
  );
}

/** Properties whose value is the ARN or name of a secret, not the secret: a parameter given there names one. */
const SECRET_POINTER_KEYS = new Set(['CredentialsParameter', 'ValueFrom', 'valueFrom', 'SecretId', 'SecretArn', 'Resource', 'SecretsManagerSecretId']);

/**
 * Parameters that name a secret rather than hold it: used as `${Name}` inside `{{resolve:...}}` dynamic references
 * of a template's `Fn::Sub` strings, or given by `Ref` to a property that takes a secret's ARN (a container's
 * `RepositoryCredentials.CredentialsParameter`, a `Secrets[].ValueFrom`, a policy's `Resource`).
 */
function parametersNamingSecrets(template: JsonValue): ReadonlySet<string> {
  const names = new Set<string>();
  const refOf = (value: JsonValue | undefined): string | undefined => (isObject(value) && typeof value.Ref === 'string' ? value.Ref : undefined);
  const visit = (value: JsonValue | undefined, depth: number): void => {
    if (value === null || typeof value !== 'object' || depth > 64) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const sub = value['Fn::Sub'];
    const text = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
    if (text?.includes('{{resolve:')) {
      for (const reference of text.matchAll(/\{\{resolve:.*?\}\}/g)) for (const name of reference[0].matchAll(/\$\{([^}!][^}]*)\}/g)) names.add((name[1] ?? '').trim());
    }
    for (const key in value) {
      if (SECRET_POINTER_KEYS.has(key)) {
        const pointed = value[key];
        for (const item of Array.isArray(pointed) ? pointed : [pointed]) {
          const name = refOf(item);
          if (name !== undefined) names.add(name);
        }
      }
      visit(value[key], depth + 1);
    }
  };
  visit(isObject(template) ? template.Resources : undefined, 0);
  return names;
}

export default createRule({
  meta: {
    id: 'iam/no-secrets-in-parameter-defaults',
    title: 'Template parameters and variable files must not carry literal secrets',
    severity: 'high',
    otherSeverities: ['low'],
    seedPoints: ['RUN-4'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports the `Default` of a template parameter when it is a literal secret: a `NoEcho` parameter with a literal default (NoEcho says the value is secret), a parameter named like a secret (`DBPassword`, `ApiToken`, `GitHubOAuthToken`) with a literal default, or any default a secret detector matches (AWS access key, private key, vendor token, URL or connection string with a password). Once per template, whether or not a resource uses the parameter. Also (low) a `String` parameter without a default whose name is the secret itself (`DBPassword`, `GitHubToken`) and that is not `NoEcho`: the value given at deploy time shows in the console and DescribeStacks output; not when the template uses it inside a dynamic reference (`{{resolve:secretsmanager:${TokenSecret}:...}}`), where it names the secret. Terraform: a variable\'s `default`, and every value a variable file (`.tfvars`, `.tfvars.json`; in one with syntax errors, the lines that still read) assigns, that is a literal secret by the same tests (name or value detectors), unless the value is a setting about a secret (an enum constant such as `SYMMETRIC_DEFAULT`, a lone lower-case word such as a key pair name, a KMS alias, a schedule, a name path such as `prod/app/db`) or the name ends in `_spec`, `_stage`, `_schedule`, `_type` or `_algorithm`; `sensitive = true` hides a value from plans, not from the repository.',
    rationale:
      'A default is part of the template: it sits in the repository and its history, in every copy of the template, and is the value every stack gets that does not override it. `NoEcho` only masks the value in the console and API output; it does not make a committed default secret.',
    remediation: FIX,
    limitations:
      'Empty defaults, placeholders that are clearly not values (`<password>`, unresolved templates), the defaults of parameters that name a secret rather than hold it (identifiers such as `TokenSecretId` / `SecretArn`, and parameters the template reads inside a `{{resolve:...}}` dynamic reference or gives by `Ref` to a property that takes a secret\'s ARN, such as `RepositoryCredentials.CredentialsParameter`, `Secrets[].ValueFrom` or a policy `Resource`; their values still go through the detectors), booleans and numbers for names that only contain a secret word (`PasswordLength`), SSM parameter types (their default is a parameter name) and names allowed with `secretAllowList` are not reported. The value a property takes through `!Ref` is checked by the rules of that property (ecs/no-plaintext-secrets for container environment).',
    references: {
      peers: [],
      frameworks: [],
      links: [
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html',
      ],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => isFirstTemplateResource(resource) || isTerraformInput(resource),
  check({ resource, report, settings }) {
    if (resource.artifact === 'terraform') {
      // A variable file: every value it assigns; a variable declaration: its default.
      const defaults = resource.type === VARIABLE_DEFAULT_TYPE;
      const entries = defaults ? [[resource.name.replace(/^var\./, ''), resource.body.default] as const] : Object.entries(resource.body);
      for (const [name, value] of entries) {
        if (typeof value !== 'string' || value.trim() === '' || isUnknown(value) || isEncryptedValue(value) || isAllowListed(name, settings.secretAllowList)) continue;
        if (isSettingValue(name, value)) continue;
        const secret = literalSecret(name, value, { entropy: false });
        if (!secret) continue;
        report({
          path: defaults ? ['default'] : [name],
          secret: true,
          key: name,
          message: defaults
            ? `Variable "${name}" has a literal default although ${describeLiteralSecret(secret)}.`
            : `Variable "${name}" is given a literal value in a variable file although ${describeLiteralSecret(secret)}.`,
          fix: TFVARS_FIX,
        });
      }
      return;
    }
    let namingSecrets: ReadonlySet<string> | undefined;
    for (const parameter of templateParameters(resource.document)) {
      const value = parameter.body.Default;
      const type = parameter.body.Type;
      if (typeof type === 'string' && type.startsWith('AWS::SSM::')) continue;
      if (isAllowListed(parameter.name, settings.secretAllowList)) continue;
      // No default (or a sentinel such as `NONE`): the secret is typed in at deploy time, and without NoEcho it shows
      // wherever the stack is described.
      const sentinel = typeof value === 'string' && ['empty', 'boolean', 'masked', 'type-name'].includes(literalExemption(value, { numeric: true }) ?? '');
      if ((value === undefined || sentinel) && type === 'String' && asBoolean(parameter.body.NoEcho) !== true && secretPropertyName(parameter.name)?.whole === true) {
        // A parameter that names the secret a dynamic reference reads (`{{resolve:secretsmanager:${TokenSecret}...}}`)
        // or that a property taking a secret's ARN receives (`CredentialsParameter`) holds no secret.
        namingSecrets ??= parametersNamingSecrets(resource.document.data);
        if (namingSecrets.has(parameter.name)) continue;
        report({
          resource: parameter,
          path: parameter.body.NoEcho === undefined ? ['Type'] : ['NoEcho'],
          severity: 'low',
          key: `${parameter.name}:no-echo`,
          message: `Parameter "${parameter.name}" is named like a secret but is not NoEcho: the value given at deploy time shows in plain text in the console and in DescribeStacks output.`,
          fix: 'Set `NoEcho: true` on the parameter, or better, keep the secret in Secrets Manager or SSM Parameter Store and reference it with a dynamic reference (`{{resolve:secretsmanager:...}}`) or an `AWS::SSM::Parameter::Value<String>` parameter.',
        });
        continue;
      }
      if (typeof value !== 'string' || value.trim() === '' || isUnknown(value) || isEncryptedValue(value)) continue;
      const noEcho = asBoolean(parameter.body.NoEcho) === true && literalExemption(value, { numeric: true }) === undefined;
      // A parameter read inside a dynamic reference or given to a property taking a secret's ARN names the secret; an
      // identifier (`TokenSecretId`) names one too. Their values still go through the detectors.
      const namesSecret = secretPropertyName(parameter.name) === undefined || (namingSecrets ??= parametersNamingSecrets(resource.document.data)).has(parameter.name);
      const secret = noEcho ? undefined : literalSecret(namesSecret ? undefined : parameter.name, value, { entropy: false });
      if (!noEcho && !secret) continue;
      const why = secret ? describeLiteralSecret(secret) : 'it is a NoEcho parameter: its value is secret, yet a literal default is committed with the template';
      report({ resource: parameter, path: ['Default'], secret: true, key: parameter.name, message: `Parameter "${parameter.name}" has a literal Default although ${why}.`, fix: FIX });
    }
  },
});
