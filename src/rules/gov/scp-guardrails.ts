import { maybeServiceControlPolicy, serviceControlPolicies, type ServiceControlPolicy } from '../../graph/governance.js';
import { statementCoversAction, type ConditionEntry } from '../../graph/iam.js';
import { createRule } from '../rule.js';

interface Guardrail {
  service: string;
  /** Each requirement is met by denying any one of its actions (API renames). */
  actions: ReadonlyArray<readonly string[]>;
}

const GUARDRAILS: readonly Guardrail[] = [
  { service: 'CloudTrail', actions: [['cloudtrail:StopLogging'], ['cloudtrail:DeleteTrail'], ['cloudtrail:UpdateTrail']] },
  { service: 'GuardDuty', actions: [['guardduty:DeleteDetector'], ['guardduty:DisassociateFromMasterAccount', 'guardduty:DisassociateFromAdministratorAccount']] },
  { service: 'AWS Config', actions: [['config:StopConfigurationRecorder'], ['config:DeleteConfigurationRecorder'], ['config:DeleteDeliveryChannel']] },
];

/** A condition on `aws:RequestedRegion` that leaves some Regions out (anything but a positive match on `*`). */
function restrictsRegions(entry: ConditionEntry): boolean {
  if (!/^aws:RequestedRegion$/i.test(entry.key)) return false;
  const everyRegion = /^StringLike(IfExists)?$/i.test(entry.operator.replace(/^For(Any|All)Values:/i, '')) && entry.values.some((value) => value.trim() === '*');
  return !everyRegion;
}

/** Is `action` denied by some SCP: true, false, or undefined when an unresolved part could deny it. */
function denied(scps: readonly ServiceControlPolicy[], action: string): boolean | undefined {
  let unknown = false;
  for (const scp of scps) {
    if (!scp.policy || scp.policy.unknownStatements > 0) {
      unknown = true;
      continue;
    }
    for (const statement of scp.policy.statements) {
      if (statement.effect === 'Allow') continue;
      // A region restriction (`aws:RequestedRegion`) denies the action only outside the allowed Regions: in them,
      // trails and detectors can still be stopped.
      if (statement.conditions.some(restrictsRegions)) continue;
      const covers = statementCoversAction(statement, action);
      if (covers === true && statement.effect === 'Deny') return true;
      if (covers !== false) unknown = true; // unresolved action list or unresolved effect
    }
  }
  return unknown ? undefined : false;
}

export default createRule({
  meta: {
    id: 'gov/scp-guardrails',
    title: 'Service control policies must deny disabling CloudTrail, GuardDuty and AWS Config',
    severity: 'medium',
    seedPoints: ['IAM-7'],
    artifacts: ['cloudformation', 'terraform', 'iam-policy'],
    description:
      'When the scan defines service control policies (CloudFormation `AWS::Organizations::Policy` of type `SERVICE_CONTROL_POLICY`, Terraform `aws_organizations_policy` of that type or without `type`, or a standalone policy JSON that is clearly an SCP: Deny-only statements without `Principal`, apart from a `FullAWSAccess` allow, whose file name says `scp` / `service-control` / `guardrail` or which denies actions of CloudTrail, GuardDuty, Config or Organizations), reports the audit and detection actions that no SCP of the scan denies: `cloudtrail:StopLogging` / `DeleteTrail` / `UpdateTrail`, `guardduty:DeleteDetector` / `DisassociateFromMasterAccount` (or `DisassociateFromAdministratorAccount`), `config:StopConfigurationRecorder` / `DeleteConfigurationRecorder` / `DeleteDeliveryChannel`. The SCPs of the scan are taken together (guardrails are often split across several); the finding is reported once per service, on the first SCP of the scan.',
    rationale:
      'Whoever gains administrator rights in a member account (a stolen CI credential, an over-privileged role) can otherwise switch off the organization trail, the GuardDuty detector or the Config recorder before acting, leaving no audit record and no detection. An SCP is the only control that even account administrators cannot bypass.',
    remediation:
      'Add a Deny statement to an SCP attached to the workload OUs, e.g. `{"Effect":"Deny","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail","cloudtrail:UpdateTrail","guardduty:DeleteDetector","guardduty:DisassociateFromMasterAccount","guardduty:DisassociateFromAdministratorAccount","config:StopConfigurationRecorder","config:DeleteConfigurationRecorder","config:DeleteDeliveryChannel"],"Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/OrgSecurityAdmin"}}}`.',
    limitations:
      'Nothing is reported when the scan defines no SCP (guardrails may live in another repository). Which accounts or OUs each SCP targets, and whether a condition or a resource scope narrows the Deny too much, is not evaluated: a Deny of the action with any condition or resource counts, except one whose `aws:RequestedRegion` condition leaves Regions out (a region restriction leaves the allowed Regions open; `StringLike "*"` is every Region). An SCP whose content is unresolved makes the result unknown and the rule silent.',
    references: {
      peers: [],
      frameworks: [],
      links: [
        'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html',
        'https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/org-management.html',
      ],
    },
  },
  appliesTo: maybeServiceControlPolicy,
  check({ resource, graph, report }) {
    const scps = serviceControlPolicies(graph);
    const first = scps[0];
    if (!first || first.resource !== resource) return;
    for (const guardrail of GUARDRAILS) {
      const missing: string[] = [];
      for (const alternatives of guardrail.actions) {
        const results = alternatives.map((action) => denied(scps, action));
        if (results.includes(true) || results.includes(undefined)) continue;
        missing.push(alternatives.join(' / '));
      }
      if (missing.length === 0) continue;
      const subject = scps.length === 1 ? 'The service control policy does not deny' : `None of the ${scps.length} service control policies of the scan denies`;
      report({
        path: first.path,
        key: guardrail.service,
        message: `${subject} disabling ${guardrail.service}: ${missing.join(', ')}.`,
        fix: `Add a Deny statement for ${missing.join(', ')} (Resource "*", optionally excepting a security admin role by aws:PrincipalArn).`,
      });
    }
  },
});
