import { isTrail, keyFor, setting } from '../../graph/aws.js';
import { createRule } from '../rule.js';
import { asBoolean } from '../../util/json.js';

export default createRule({
  meta: {
    id: 'audit/cloudtrail-logging-on',
    title: 'CloudTrail trails must be logging',
    severity: 'high',
    seedPoints: ['OBS-5'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports a CloudTrail trail that is stopped: CloudFormation `IsLogging: false` or Terraform `enable_logging = false`. A trail that is created stopped delivers no events, whatever else it is configured to do.',
    rationale:
      'A stopped trail looks like an audit trail in the template and in the console, but records nothing: API activity, including an attacker\'s, leaves no trace. Stopping logging is itself a classic first step of an intruder, which is why it must never be the declared state.',
    remediation: 'CloudFormation: `IsLogging: true`. Terraform: remove `enable_logging` (the default is true) or set it to true.',
    limitations:
      'A value given by a parameter or another unresolved expression is unknown and not reported. CloudFormation requires `IsLogging`: a trail without it is not a valid template and is not reported. Who may stop the trail later (`cloudtrail:StopLogging`) is not checked here.',
    references: {
      peers: [{ tool: 'checkov', id: 'CKV_AWS_251' }],
      frameworks: [{ framework: 'AWS FSBP', id: 'CloudTrail.1' }],
      links: ['https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudtrail-trail.html'],
    },
  },
  scope: 'resource',
  appliesTo: isTrail,
  check({ resource, report }) {
    const key = keyFor(resource, 'IsLogging', 'enable_logging');
    const found = setting(resource, [key]);
    if (found.unknown || asBoolean(found.value) !== false) return;
    report({ path: found.path, message: `The trail is stopped (${key} is false): it records no API activity.`, fix: `Set ${key} to true.` });
  },
});
