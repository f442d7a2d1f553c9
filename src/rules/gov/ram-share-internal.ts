import { setting } from '../../graph/aws.js';
import { createRule } from '../rule.js';
import { asBoolean } from '../../util/json.js';

const CFN_TYPE = 'AWS::RAM::ResourceShare';
const TF_TYPE = 'aws_ram_resource_share';

export default createRule({
  meta: {
    id: 'gov/ram-share-internal',
    title: 'AWS RAM resource shares must not allow principals outside the organization',
    severity: 'medium',
    seedPoints: ['IAM-7'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports an AWS RAM resource share that allows external principals: a CloudFormation `AWS::RAM::ResourceShare` whose `AllowExternalPrincipals` is `true` or missing (CloudFormation defaults it to true), a Terraform `aws_ram_resource_share` with `allow_external_principals = true` (the provider default is false).',
    rationale:
      'With external principals allowed, subnets, Transit Gateways, license configurations or other shared resources can be shared with any AWS account, not only accounts of the organization: a mistyped or stale account id in the principals then exposes the resource outside the company, bypassing the organization-level guardrails.',
    remediation:
      'CloudFormation: `AllowExternalPrincipals: false`. Terraform: remove `allow_external_principals` or set it to `false`. Share with the organization or organizational unit ARN rather than with account ids.',
    limitations:
      'Whether the listed principals are actually outside the organization cannot be decided from files; the rule checks the switch that enforces it. An unresolved value (parameter, variable) is unknown and not reported.',
    references: {
      peers: [],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => (resource.artifact === 'cloudformation' && resource.type === CFN_TYPE) || (resource.artifact === 'terraform' && resource.type === TF_TYPE),
  check({ resource, report }) {
    const cfn = resource.artifact === 'cloudformation';
    const allow = setting(resource, [cfn ? 'AllowExternalPrincipals' : 'allow_external_principals']);
    if (allow.unknown) return;
    if (!allow.exists) {
      if (!cfn) return; // Terraform's default is false
      report({
        path: allow.path,
        message: 'The RAM resource share does not set AllowExternalPrincipals, which defaults to true: it can be shared with accounts outside the organization.',
        fix: 'Add `AllowExternalPrincipals: false`.',
      });
      return;
    }
    if (asBoolean(allow.value) !== true) return;
    report({
      path: allow.path,
      message: 'The RAM resource share allows external principals: it can be shared with accounts outside the organization.',
      fix: cfn ? 'Set `AllowExternalPrincipals: false`.' : 'Set `allow_external_principals = false` (or remove it).',
    });
  },
});
