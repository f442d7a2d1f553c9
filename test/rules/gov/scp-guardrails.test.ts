import rule from '../../../src/rules/gov/scp-guardrails.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const FULL = [
  'cloudtrail:StopLogging',
  'cloudtrail:DeleteTrail',
  'cloudtrail:UpdateTrail',
  'guardduty:DeleteDetector',
  'guardduty:DisassociateFromAdministratorAccount',
  'config:StopConfigurationRecorder',
  'config:DeleteConfigurationRecorder',
  'config:DeleteDeliveryChannel',
];

ruleTester(rule, {
  valid: [
    {
      name: 'a guardrail Deny whose region condition matches every Region still guards',
      filename: 'scp-guardrails.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'guardduty:DeleteDetector', 'guardduty:DisassociateFromMasterAccount', 'guardduty:DisassociateFromAdministratorAccount', 'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder', 'config:DeleteDeliveryChannel'],
              Resource: '*',
              Condition: { StringLike: { 'aws:RequestedRegion': '*' }, ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/OrgSecurityAdmin' } },
            },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'CloudFormation: an SCP denying every guardrail action (wildcards, condition exempting an admin role)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Guardrails:
            Type: AWS::Organizations::Policy
            Properties:
              Name: guardrails
              Type: SERVICE_CONTROL_POLICY
              Content:
                Version: "2012-10-17"
                Statement:
                  - Effect: Deny
                    Action: [cloudtrail:StopLogging, cloudtrail:Delete*, cloudtrail:UpdateTrail, guardduty:*]
                    Resource: "*"
                    Condition:
                      ArnNotLike: { aws:PrincipalArn: arn:aws:iam::*:role/SecurityAdmin }
                  - Effect: Deny
                    Action: [config:Stop*, config:Delete*]
                    Resource: "*"
      `,
    },
    {
      name: 'No SCP in the scan: nothing reported (other policy types and identity policies)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Tags:
            Type: AWS::Organizations::Policy
            Properties:
              Name: tags
              Type: TAG_POLICY
              Content: { tags: {} }
          Boundary:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - { Effect: Deny, Action: "s3:DeleteBucket", Resource: "*" }
      `,
    },
    {
      name: 'Guardrails split across two SCPs in two files',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Trail:
            Type: AWS::Organizations::Policy
            Properties:
              Name: trail
              Type: SERVICE_CONTROL_POLICY
              Content: '{"Statement":[{"Effect":"Deny","Action":"cloudtrail:*","Resource":"*"}]}'
      `,
      others: [
        {
          filename: 'scp-detect.json',
          code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: FULL.slice(3), Resource: '*' }] }, null, 2),
        },
      ],
    },
    {
      name: 'An SCP with unresolved content: unknown, not reported',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Content: { Type: String }
        Resources:
          Unknown:
            Type: AWS::Organizations::Policy
            Properties: { Name: x, Type: SERVICE_CONTROL_POLICY, Content: !Ref Content }
          Partial:
            Type: AWS::Organizations::Policy
            Properties:
              Name: y
              Type: SERVICE_CONTROL_POLICY
              Content: { Statement: [{ Effect: Deny, Action: "ec2:*", Resource: "*" }] }
      `,
    },
    {
      name: 'A Deny-only standalone policy unrelated to audit services and not named as an SCP is not an SCP',
      filename: 'deny-delete.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }] }, null, 2),
    },
    {
      name: 'Terraform: complete SCP through data.aws_iam_policy_document',
      filename: 'main.tf',
      code: yaml`
        data "aws_iam_policy_document" "guardrails" {
          statement {
            effect    = "Deny"
            actions   = ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "guardduty:DeleteDetector", "guardduty:DisassociateFromMasterAccount", "config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel"]
            resources = ["*"]
          }
        }
        resource "aws_organizations_policy" "guardrails" {
          name    = "guardrails"
          content = data.aws_iam_policy_document.guardrails.json
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: SCP that only protects CloudTrail',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Guardrails:
            Type: AWS::Organizations::Policy
            Properties:
              Name: guardrails
              Type: SERVICE_CONTROL_POLICY
              Content:
                Statement:
                  - Effect: Deny
                    Action: [cloudtrail:StopLogging, cloudtrail:DeleteTrail]
                    Resource: "*"
      `,
      errors: [
        { line: 7, message: 'The service control policy does not deny disabling AWS Config: config:StopConfigurationRecorder, config:DeleteConfigurationRecorder, config:DeleteDeliveryChannel.' },
        { line: 7, message: 'disabling CloudTrail: cloudtrail:UpdateTrail.' },
        { line: 7, message: 'disabling GuardDuty: guardduty:DeleteDetector, guardduty:DisassociateFromMasterAccount / guardduty:DisassociateFromAdministratorAccount.' },
      ],
    },
    {
      name: 'CloudFormation JSON: a region-restriction SCP (NotAction deny) and another SCP: nothing guarded; reported on the first SCP',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Region: {
              Type: 'AWS::Organizations::Policy',
              Properties: {
                Name: 'region',
                Type: 'SERVICE_CONTROL_POLICY',
                Content: { Statement: [{ Effect: 'Deny', NotAction: ['config:*', 'iam:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }] },
              },
            },
            Other: { Type: 'AWS::Organizations::Policy', Properties: { Name: 'other', Type: 'SERVICE_CONTROL_POLICY', Content: { Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] } } },
          },
        },
        null,
        2,
      ),
      // The region SCP denies CloudTrail and GuardDuty actions only outside eu-west-1: nothing is guarded there.
      errors: [
        { line: 8, message: 'None of the 2 service control policies of the scan denies disabling AWS Config' },
        { line: 8, message: 'denies disabling CloudTrail' },
        { line: 8, message: 'denies disabling GuardDuty' },
      ],
    },
    {
      name: 'Standalone SCP file named scp-*.json with FullAWSAccess and a region deny',
      filename: 'scp-baseline.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: '*', Resource: '*' },
            { Effect: 'Deny', Action: ['guardduty:*', 'config:*'], Resource: '*' },
          ],
        },
        null,
        2,
      ),
      errors: [{ line: 1, message: 'disabling CloudTrail: cloudtrail:StopLogging, cloudtrail:DeleteTrail, cloudtrail:UpdateTrail.' }],
    },
    {
      name: 'Standalone Deny-only policy on audit services (any file name) is an SCP',
      filename: 'protect.json',
      code: JSON.stringify({ Statement: { Effect: 'Deny', Action: FULL.filter((a) => a !== 'config:DeleteDeliveryChannel'), Resource: '*' } }, null, 2),
      errors: [{ line: 1, message: 'AWS Config: config:DeleteDeliveryChannel.' }],
    },
    {
      name: 'Terraform: aws_organizations_policy without type (defaults to SCP) with jsonencode content',
      filename: 'main.tf',
      code: yaml`
        resource "aws_organizations_policy" "scp" {
          name    = "scp"
          content = jsonencode({
            Version = "2012-10-17"
            Statement = [{
              Effect   = "Deny"
              Action   = ["cloudtrail:*", "config:*"]
              Resource = "*"
            }]
          })
        }
        resource "aws_organizations_policy" "backup" {
          name    = "backup"
          type    = "BACKUP_POLICY"
          content = "{}"
        }
      `,
      errors: [{ line: 3, message: 'disabling GuardDuty: guardduty:DeleteDetector' }],
    },
    {
      name: 'Terraform: SCP through data.aws_iam_policy_document that misses Config',
      filename: 'main.tf',
      code: yaml`
        data "aws_iam_policy_document" "guardrails" {
          statement {
            effect    = "Deny"
            actions   = ["cloudtrail:*", "guardduty:*"]
            resources = ["*"]
          }
        }
        resource "aws_organizations_policy" "guardrails" {
          name    = "guardrails"
          type    = "SERVICE_CONTROL_POLICY"
          content = data.aws_iam_policy_document.guardrails.json
        }
      `,
      errors: [{ line: 11, message: 'disabling AWS Config' }],
    },
    {
      name: 'a region-restriction SCP (NotAction Deny on aws:RequestedRegion) guards nothing in the allowed Regions',
      filename: 'scp-region.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } },
            { Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail'], Resource: '*' },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 1, message: 'disabling AWS Config' },
        { line: 1, message: 'disabling GuardDuty' },
      ],
    },
  ],
});
