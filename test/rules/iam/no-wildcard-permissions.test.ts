import rule from '../../../src/rules/iam/no-wildcard-permissions.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: "a NotAction or NotResource Allow that an unconditional Deny of everything overrides grants nothing",
      filename: 'policy.json',
      code: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"NotAction\": \"iam:*\",\n      \"Resource\": \"*\"\n    },\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"*\",\n      \"NotResource\": \"arn:aws:s3:::b\"\n    },\n    {\n      \"Effect\": \"Deny\",\n      \"Action\": \"*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}",
    },
    {
      name: 'cfn_nag: Action "*" with NotResource "*" applies to no resource (iam/duplicate-statements says it never applies)',
      filename: 'policy.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', NotResource: '*' }] }, null, 2),
    },
    {
      name: 'review: NotAction "*" leaves no action, on named resources or on all',
      filename: 'policy.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: '*', Resource: 'arn:aws:s3:::b/*' }, { Effect: 'Allow', NotAction: ['*'], Resource: '*' }] }, null, 2),
    },
    {
      name: 'scoped actions and resources (standalone policy file)',
      filename: 'policy.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }] }, null, 2),
    },
    {
      name: 'actions without resource-level permissions may use Resource "*"',
      filename: 'policy.json',
      code: JSON.stringify(
        { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'xray:PutTraceSegments', 'ec2:Describe*', 'cloudwatch:PutMetricData'], Resource: '*' } },
        null,
        2,
      ),
    },
    {
      name: 'Deny statements never grant; an unconditional Deny of "*" overrides every Allow of the policy',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Deny
                    Action: "*"
                    Resource: "*"
                  - Effect: Allow
                    Action: s3:*
                    Resource: !Sub arn:aws:s3:::\${Bucket}/*
                  - Effect: Allow
                    Action: s3:*
                    Resource: arn:aws:s3:::my-bucket/*
      `,
    },
    {
      name: 'ecs:* is left to iam/no-ecs-eks-ecr-admin',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          P:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: p
              Roles: [!Ref R]
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: ecs:*
                    Resource: "*"
      `,
    },
    {
      name: 'trust and bucket policies are not identity policies',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          BP:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: b
              PolicyDocument:
                Statement:
                  - Effect: Deny
                    Principal: "*"
                    Action: s3:*
                    Resource: "*"
      `,
    },
    {
      name: 'CloudFormation: a managed policy used only as a permissions boundary grants nothing',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          DeveloperBoundary:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: ["s3:*", "ec2:*"]
                    Resource: "*"
          AppRole:
            Type: AWS::IAM::Role
            Properties:
              PermissionsBoundary: !Ref DeveloperBoundary
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: { Service: lambda.amazonaws.com }
                    Action: sts:AssumeRole
      `,
    },
    {
      name: 'Terraform: a policy used only as permissions_boundary, and an SCP built from a policy document, grant nothing',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_policy" "boundary" {
          name = "developer-boundary"
          policy = jsonencode({
            Version   = "2012-10-17"
            Statement = [{ Effect = "Allow", Action = ["s3:*", "ec2:*"], Resource = "*" }]
          })
        }
        resource "aws_iam_user" "dev" {
          name                 = "dev"
          permissions_boundary = aws_iam_policy.boundary.arn
        }
        data "aws_iam_policy_document" "allow_list" {
          statement {
            actions   = ["s3:*", "ec2:*", "cloudwatch:*"]
            resources = ["*"]
          }
        }
        resource "aws_organizations_policy" "allow_list" {
          name    = "allow-list"
          content = data.aws_iam_policy_document.allow_list.json
        }
      `,
    },
    {
      name: 'an empty resource list grants nothing',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - { Effect: Allow, Action: s3:*, Resource: [] }
      `,
    },
    {
      // Resource ARNs compare case-sensitively: a Deny on Secret/* does not cover secret/*.
      name: 'a Deny on a differently cased ARN does not override the Allow',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', Action: 'sqs:*', Resource: 'arn:aws:sqs:us-east-1:123456789012:Queue' },
            { Effect: 'Allow', Action: 'sqs:*', Resource: 'arn:aws:sqs:us-east-1:123456789012:Queue' },
          ],
        },
        null,
        2,
      ),
    },
    {
      // Trivy AVD-AWS-0345 test "allow s3 full access overridden by deny": an explicit Deny always wins.
      name: 'Allow s3:* on * entirely overridden by a Deny s3:* on * of the same policy',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', Action: 's3:*', Resource: '*' },
            { Effect: 'Allow', Action: 's3:*', Resource: '*' },
          ],
        },
        null,
        2,
      ),
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: policies an Fn::ForEach loop generates are checked at their written lines (cfn-lint foreach fixtures)',
      filename: 'template.yaml',
      code: yaml`
        Transform: AWS::LanguageExtensions
        Resources:
          Fn::ForEach::Policies:
            - Team
            - [red, blue]
            - Policy\${Team}:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement: [{ Effect: Allow, Action: '*', Resource: '*' }]
      `,
      errors: [
        { line: 11, severity: 'critical', message: 'allows every action ("*") on every resource' },
        { line: 11, severity: 'critical', message: 'allows every action ("*") on every resource' },
      ],
    },
    {
      name: 'CloudFormation: a loop over a parameter\'s Default says a deployment may pass another collection',
      filename: 'template.yaml',
      code: yaml`
        Transform: AWS::LanguageExtensions
        Parameters:
          Teams:
            Type: CommaDelimitedList
            Default: red,blue
        Resources:
          Fn::ForEach::Policies:
            - Team
            - !Ref Teams
            - Policy\${Team}:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Statement: [{ Effect: Allow, Action: '*', Resource: '*' }]
      `,
      errors: [
        { line: 14, message: 'full administrator access (one of the resources Fn::ForEach::Policies generates for the Default of parameter Teams: a deployment may pass other items).' },
        { line: 14, message: 'full administrator access (one of the resources Fn::ForEach::Policies generates for the Default of parameter Teams: a deployment may pass other items).' },
      ],
    },
    {
      name: 'several service wildcards in one statement: one finding that names them all; "*" among them says it all',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: [codebuild:*, logs:*, s3:*]
                    Resource: "*"
                  - Effect: Allow
                    Action: [sqs:*, "*"]
                    Resource: "*"
                  - Effect: Allow
                    Action: [sns:*, sqs:*]
                    Resource: arn:aws:sns:eu-west-1:123456789012:alerts
      `,
      errors: [
        { line: 8, severity: 'high', message: 'Statement[0] allows every action of 3 services ("codebuild:*", "logs:*", "s3:*") on every resource.' },
        { line: 11, severity: 'critical', message: 'Statement[1] allows every action ("*") on every resource: full administrator access.' },
        {
          line: 14,
          severity: 'medium',
          message: 'Statement[2] allows every action of 2 services ("sns:*", "sqs:*") on arn:aws:sns:eu-west-1:123456789012:alerts: every present and future sns and sqs permission on them',
        },
      ],
    },
    {
      name: 'every resource of a service in the account is as broad as "*" for it: high (a table wildcard of the caller account)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: dynamodb:*
                    Resource: !Sub arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:*
                  - Effect: Allow
                    Action: "*"
                    Resource: arn:aws:ssm:us-east-1:123456789012:parameter/*
                  - Effect: Allow
                    Action: dynamodb:*
                    Resource: !Sub arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/orders
                  - Effect: Allow
                    Action: "*"
                    Resource: !Sub arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/*
      `,
      errors: [
        { line: 8, severity: 'high', message: '(every dynamodb resource of the account)' },
        { line: 11, severity: 'high', message: 'allows every action ("*") on arn:aws:ssm:us-east-1:123456789012:parameter/* (every ssm parameter of the account)' },
        { line: 14, severity: 'medium' },
        { line: 17, severity: 'high', message: '(every dynamodb table of the account)' },
      ],
    },
    {
      name: 'cfn_nag: NotAction on named resources grants every other action on them',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    NotAction: rds:CreateDBInstance
                    Resource: arn:aws:rds:eu-west-1:123456789012:db:test*
      `,
      errors: [
        {
          line: 8,
          severity: 'medium',
          message: 'Statement[0] allows every action except rds:CreateDBInstance (NotAction) on arn:aws:rds:eu-west-1:123456789012:db:test*: every present and future permission on them, deleting them and changing their policies included.',
        },
      ],
    },
    {
      name: 'cfn_nag: a whole service (or everything) on resources the files do not resolve is reported at medium, as written, saying they may be "*"',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Target: { Type: String }
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - { Effect: Allow, Action: s3:*, Resource: !Ref Target }
                  - { Effect: Allow, Action: s3:*, Resource: !GetAtt [Nested, Outputs.BucketArn] }
                  - { Effect: Allow, Action: s3:*, Resource: !Sub "arn:aws:s3:::\${AWS::StackName}-data/*" }
                  - { Effect: Allow, Action: rds:*, Resource: [!GetAtt Db.DBInstanceArn, !Join ["", ["arn:aws:rds:", !Ref "AWS::Region", ":", !Ref "AWS::AccountId", ":db:test"]]] }
      `,
      errors: [
        { line: 9, severity: 'medium', message: 'Statement[0] allows every s3 action ("s3:*") on ${Target} (values the files do not resolve, which may be "*")' },
        { line: 10, severity: 'medium', message: 'every s3 action ("s3:*") on ${Nested.Outputs.BucketArn} (values' },
        { line: 11, severity: 'medium', message: 'every s3 action ("s3:*") on arn:aws:s3:::${AWS::StackName}-data/*: every present' },
        { line: 12, severity: 'medium', message: 'every rds action ("rds:*") on Db.DBInstanceArn, arn:aws:rds:${AWS::Region}:${AWS::AccountId}:db:test: every present' },
      ],
    },
    {
      name: 'Terraform: every action on a variable',
      filename: 'main.tf',
      code: yaml`
        variable "table_arn" {}
        data "aws_iam_policy_document" "table" {
          statement {
            actions   = ["*"]
            resources = [var.table_arn]
          }
        }
        resource "aws_iam_policy" "table" {
          name   = "table"
          policy = data.aws_iam_policy_document.table.json
        }
      `,
      errors: [{ line: 4, severity: 'medium', message: 'allows every action ("*") on' }],
    },
    {
      name: 'every action on every resource of one service is that service\'s every action, not administrator access',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          S3Only:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - { Effect: Allow, Action: "*", Resource: ["arn:aws:s3:::*", "arn:aws:s3:::*/*"] }
          Everything:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - { Effect: Allow, Action: "*", Resource: ["arn:aws:s3:::*", "arn:aws:*:*:*:*"] }
      `,
      errors: [
        { line: 8, message: 'PolicyDocument Statement[0] allows every action ("*") on every s3 resource (arn:aws:s3:::*, arn:aws:s3:::*/*): every present and future s3 permission', severity: 'high' },
        { line: 15, message: 'full administrator access', severity: 'critical' },
      ],
    },
    {
      name: 'IAM Identity Center permission sets: CloudFormation InlinePolicy',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Ops:
            Type: AWS::SSO::PermissionSet
            Properties:
              InstanceArn: arn:aws:sso:::instance/ssoins-1
              Name: ops
              InlinePolicy:
                Version: "2012-10-17"
                Statement:
                  - { Effect: Allow, Action: "iam:*", Resource: "*" }
      `,
      errors: [{ line: 10, message: 'InlinePolicy Statement[0] allows every iam action ("iam:*") on every resource.' }],
    },
    {
      name: 'IAM Identity Center permission sets: Terraform aws_ssoadmin_permission_set_inline_policy',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ssoadmin_permission_set_inline_policy" "p" {
          instance_arn       = "arn:aws:sso:::instance/ssoins-1"
          permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1/ps-1"
          inline_policy      = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
        }
      `,
      errors: [{ line: 4, severity: 'critical', message: 'inline_policy Statement[0] allows every action ("*") on every resource: full administrator access.' }],
    },
    {
      name: 'Terraform: a module called by two root modules (two examples) reports its line once',
      filename: 'examples/a/main.tf',
      code: yaml`
        module "role" {
          source = "../../modules/role"
        }
      `,
      others: [
        { filename: 'examples/b/main.tf', code: 'module "other" {\n  source = "../../modules/role"\n}\n' },
        {
          filename: 'modules/role/main.tf',
          code: 'resource "aws_iam_policy" "this" {\n  name   = "all"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n',
        },
      ],
      errors: [{ line: 3, path: 'modules/role/main.tf', message: 'allows every action ("*") on every resource' }],
    },
    {
      name: 'Terraform: documents merged in with source_policy_documents are read; a statement with the same sid replaces a merged one',
      filename: 'main.tf',
      code: yaml`
        data "aws_iam_policy_document" "merged" {
          source_policy_documents = [
            jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "Admin", Effect = "Allow", Action = "*", Resource = "*" }] }),
            jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "S3", Effect = "Allow", Action = "s3:*", Resource = "*" }] }),
          ]
          statement {
            sid       = "S3"
            actions   = ["s3:GetObject"]
            resources = ["arn:aws:s3:::app/*"]
          }
        }
        resource "aws_iam_policy" "merged" {
          name   = "merged"
          policy = data.aws_iam_policy_document.merged.json
        }
      `,
      errors: [{ line: 3, severity: 'critical', message: 'statement "Admin" allows every action ("*") on every resource' }],
    },
    {
      name: 'CloudFormation: a policy written as JSON text in Fn::Sub is read (its templated strings stay unknown)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
              Policies:
                - PolicyName: all
                  PolicyDocument: !Sub |
                    {"Version": "2012-10-17", "Id": "\${AWS::StackName}", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
      `,
      errors: [{ line: 10, severity: 'critical', message: 'Policies[0] "all" Statement[0] allows every action ("*") on every resource' }],
    },
    {
      name: 'SAM: inline documents in a function\'s Policies (one document, or entries of the list)',
      filename: 'template.yaml',
      code: yaml`
        Transform: AWS::Serverless-2016-10-31
        Resources:
          One:
            Type: AWS::Serverless::Function
            Properties:
              Policies:
                Statement: [{ Effect: Allow, Action: "*", Resource: "*" }]
          Listed:
            Type: AWS::Serverless::Function
            Properties:
              Policies:
                - S3ReadPolicy: { BucketName: data }
                - Statement:
                    - Effect: Allow
                      Action: dynamodb:*
                      Resource: "*"
      `,
      errors: [
        { line: 7, severity: 'critical', message: 'Policies Statement[0] allows every action ("*") on every resource' },
        { line: 15, message: 'Policies[1] Statement[0] allows every dynamodb action' },
      ],
    },
    {
      name: 's3:* on * (Trivy AVD-AWS-0345 bad example shape)',
      filename: 'template.yaml',
      code: yaml`
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          BadPolicy:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: bad_policy
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: s3:*
                    Resource: '*'
              Roles:
                - !Ref BadRole
      `,
      errors: [{ line: 11, column: 13, message: 'allows every s3 action ("s3:*") on every resource' }],
    },
    {
      name: 'Action "*" on named resources (Checkov CKV_AWS_63 / CKV_AWS_49)',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_policy" "bucket" {
          name = "bucket"
          policy = jsonencode({
            Version   = "2012-10-17"
            Statement = [{ Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::mybucket/*" }]
          })
        }
      `,
      errors: [
        {
          line: 5,
          severity: 'medium',
          message: 'Statement[0] allows every action ("*") on arn:aws:s3:::mybucket/*: every present and future permission on them, changing their policies and deleting them included.',
        },
      ],
    },
    {
      // Trivy AVD-AWS-0057 test "deny wildcard action": s3:* on one bucket also changes its policy, ACLs and deletes it.
      name: 'a whole service (s3:*) on a named bucket; partial wildcards are not reported',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_policy" "bucket" {
          name = "bucket"
          policy = jsonencode({
            Version   = "2012-10-17"
            Statement = [
              { Effect = "Allow", Action = ["s3:*"], Resource = ["arn:aws:s3:::bucket-name"] },
              { Effect = "Allow", Action = ["s3:Get*", "ecr:*"], Resource = ["arn:aws:s3:::bucket-name/*"] },
            ]
          })
        }
      `,
      errors: [
        {
          line: 6,
          severity: 'medium',
          message:
            'Statement[0] allows every s3 action ("s3:*") on arn:aws:s3:::bucket-name: every present and future s3 permission on them, deleting them and changing their access policies included.',
        },
      ],
    },
    {
      // cdk-nag IAM5 noncompliance 2 as the CDK synthesizes it; a parameter could be "*" and stays unknown.
      name: 'a whole service on resources named by GetAtt and by a Sub of resource attributes (CloudFormation)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Target: { Type: String }
        Resources:
          GroupPolicy:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: p
              Groups: [!Ref Group]
              PolicyDocument:
                Statement:
                  - Action: s3:*
                    Effect: Allow
                    Resource: !GetAtt Bucket.Arn
                  - Action: [sqs:*]
                    Effect: Allow
                    Resource: [!Sub "arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:\${Queue.QueueName}"]
                  - Action: dynamodb:*
                    Effect: Allow
                    Resource: !Ref Target
      `,
      errors: [
        { line: 11, severity: 'medium', message: 'Statement[0] allows every s3 action ("s3:*") on Bucket.Arn: every present and future s3 permission on them' },
        { line: 14, severity: 'medium', message: /every sqs action \("sqs:\*"\) on arn:aws:sqs:\$\{AWS::Region\}/ },
        { line: 17, severity: 'medium', message: 'every dynamodb action ("dynamodb:*") on ${Target} (values the files do not resolve, which may be "*")' },
      ],
    },
    {
      name: 'the CDK\'s Fn::Join of a bucket ARN and "/*", and a Sub starting with a resource attribute',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          P:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: p
              Roles: [!Ref R]
              PolicyDocument:
                Statement:
                  - Action: s3:*
                    Effect: Allow
                    Resource:
                      - Fn::GetAtt: [Bucket83908E77, Arn]
                      - Fn::Join: ["", [{ Fn::GetAtt: [Bucket83908E77, Arn] }, "/*"]]
                  - { Effect: Allow, Action: sqs:*, Resource: !Sub "\${Queue.Arn}" }
                  - { Effect: Allow, Action: sns:*, Resource: "arn:aws:sns:us-east-1:123456789012:Topic" }
                  - { Effect: Deny, Action: sns:*, Resource: "arn:aws:sns:us-east-1:123456789012:topic" }
      `,
      errors: [
        { line: 9, severity: 'medium', message: 'allows every s3 action ("s3:*") on Bucket83908E77.Arn, Bucket83908E77.Arn/*' },
        { line: 14, severity: 'medium', message: 'allows every sqs action ("sqs:*") on ${Queue.Arn}' },
        { line: 15, severity: 'medium', message: 'allows every sns action ("sns:*") on arn:aws:sns:us-east-1:123456789012:Topic' },
      ],
    },
    {
      name: 'Terraform: Action "*" on a resource attribute and on an interpolated resource ARN',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "b" {
          bucket = "b"
        }
        resource "aws_iam_policy" "bucket" {
          name = "bucket"
          policy = jsonencode({
            Version   = "2012-10-17"
            Statement = [
              { Effect = "Allow", Action = "*", Resource = aws_s3_bucket.b.arn },
              { Effect = "Allow", Action = "s3:*", Resource = ["\${aws_s3_bucket.b.arn}/*"] },
            ]
          })
        }
      `,
      errors: [
        { line: 9, severity: 'medium', message: 'Statement[0] allows every action ("*") on aws_s3_bucket.b.arn' },
        { line: 10, severity: 'medium', message: 'Statement[1] allows every s3 action ("s3:*") on ${aws_s3_bucket.b.arn}/*' },
      ],
    },
    {
      name: 'a Deny that covers only part of the Allow (s3:Get*) does not override it',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', Action: 's3:Get*', Resource: '*' },
            { Effect: 'Allow', Action: 's3:*', Resource: '*' },
            { Effect: 'Deny', Action: 'dynamodb:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
            { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' },
          ],
        },
        null,
        2,
      ),
      errors: [{ line: 11, message: /every s3 action/ }, { line: 26, message: /every dynamodb action/ }],
    },
    {
      name: 'Action "*" in a single-object Statement of a policy file',
      filename: 'admin.json',
      code: '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Allow",\n    "Action": "*",\n    "Resource": "*"\n  }\n}\n',
      errors: [{ line: 5, message: 'full administrator access' }],
    },
    {
      name: 'inline role policies, NotAction and NotResource (CloudFormation JSON)',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Role: {
              Type: 'AWS::IAM::Role',
              Properties: {
                AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
                Policies: [
                  {
                    PolicyName: 'p',
                    PolicyDocument: {
                      Statement: [
                        { Sid: 'Logs', Effect: 'Allow', Action: ['logs:*', 'xray:PutTraceSegments'], Resource: 'arn:aws:logs:*:*:*' },
                        { Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' },
                        { Effect: 'Allow', Action: 'sqs:*', NotResource: 'arn:aws:sqs:*:*:secret' },
                      ],
                    },
                  },
                ],
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [
        { line: 26, message: 'Policies[0] "p" statement "Logs" allows every logs action' },
        { line: 33, message: 'allows every action except iam:* (NotAction)' },
        { line: 40, message: 'every sqs action ("sqs:*") on every resource but those in NotResource' },
      ],
    },
    {
      name: 'eksctl: inline policies eksctl puts on the roles it creates (service account attachPolicy, Pod Identity permissionPolicy; eksctl-hunt)',
      filename: 'cluster.yaml',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: c, region: us-west-2 }
        iam:
          withOIDC: true
          serviceAccounts:
            - metadata: { name: a, namespace: b }
              attachPolicy:
                Version: "2012-10-17"
                Statement: [{ Effect: Allow, Action: "*", Resource: "*" }]
          podIdentityAssociations:
            - namespace: apps
              serviceAccountName: uploader
              permissionPolicy:
                Version: "2012-10-17"
                Statement: [{ Effect: Allow, Action: ["s3:*"], Resource: "*" }]
            - namespace: apps
              serviceAccountName: own-role
              roleARN: arn:aws:iam::111122223333:role/own
              permissionPolicy:
                Statement: [{ Effect: Allow, Action: "*", Resource: "*" }]
        managedNodeGroups:
          - name: ng
            iam:
              attachPolicy:
                Statement: [{ Effect: Allow, Action: ["autoscaling:SetDesiredCapacity"], Resource: "*" }]
      `,
      errors: [
        { line: 10, severity: 'critical', message: 'attachPolicy of service account "b/a" Statement[0] allows every action ("*") on every resource: full administrator access.' },
        { line: 16, severity: 'high', message: 'permissionPolicy of the cluster\'s Pod Identity association for "apps/uploader" Statement[0] allows every s3 action ("s3:*") on every resource.' },
      ],
    },
  ],
});
