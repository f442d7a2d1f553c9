import { isFirstTemplateResource, templateParameters } from '../../graph/cloudformation.js';
import { describeLiteralSecret, isAllowListed, isSopsCiphertext, literalExemption, literalSecret } from '../../secrets/detectors.js';
import { asBoolean } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

const FIX =
  'Remove the `Default` and pass the value at deploy time from a secret store: a `{{resolve:secretsmanager:...}}` or `{{resolve:ssm-secure:...}}` dynamic reference where the property accepts one, or a Secrets Manager secret the stack creates with `GenerateSecretString`. Rotate the value: it has been committed.';

export default createRule({
  meta: {
    id: 'iam/no-secrets-in-parameter-defaults',
    title: 'CloudFormation parameters must not carry secrets in their Default',
    severity: 'high',
    seedPoints: ['RUN-4'],
    artifacts: ['cloudformation'],
    description:
      'Reports the `Default` of a template parameter when it is a literal secret: a `NoEcho` parameter with a literal default (NoEcho says the value is secret), a parameter named like a secret (`DBPassword`, `ApiToken`, `GitHubOAuthToken`) with a literal default, or any default a secret detector matches (AWS access key, private key, vendor token, URL or connection string with a password). Once per template, whether or not a resource uses the parameter.',
    rationale:
      'A default is part of the template: it sits in the repository and its history, in every copy of the template, and is the value every stack gets that does not override it. `NoEcho` only masks the value in the console and API output; it does not make a committed default secret.',
    remediation: FIX,
    limitations:
      'Empty defaults, placeholders that are clearly not values (`<password>`, unresolved templates), booleans and numbers for names that only contain a secret word (`PasswordLength`), SSM parameter types (their default is a parameter name) and names allowed with `secretAllowList` are not reported. The value a property takes through `!Ref` is checked by the rules of that property (ecs/no-plaintext-secrets for container environment).',
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
  appliesTo: isFirstTemplateResource,
  check({ resource, report, settings }) {
    for (const parameter of templateParameters(resource.document)) {
      const value = parameter.body.Default;
      if (typeof value !== 'string' || value.trim() === '' || isUnknown(value) || isSopsCiphertext(value)) continue;
      const type = parameter.body.Type;
      if (typeof type === 'string' && type.startsWith('AWS::SSM::')) continue;
      if (isAllowListed(parameter.name, settings.secretAllowList)) continue;
      const noEcho = asBoolean(parameter.body.NoEcho) === true && literalExemption(value, { numeric: true }) === undefined;
      const secret = noEcho ? undefined : literalSecret(parameter.name, value, { entropy: false });
      if (!noEcho && !secret) continue;
      const why = secret ? describeLiteralSecret(secret) : 'it is a NoEcho parameter: its value is secret, yet a literal default is committed with the template';
      report({ resource: parameter, path: ['Default'], secret: true, key: parameter.name, message: `Parameter "${parameter.name}" has a literal Default although ${why}.`, fix: FIX });
    }
  },
});
