import rule from '../../../src/rules/iam/duplicate-statements.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: a list emptied only by a parameter default (the condition holds with the value deployed)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          SecretArn: { Type: String, Default: '' }
        Conditions:
          HasSecret: !Not [!Equals [!Ref SecretArn, '']]
        Resources:
          Policy:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - { Effect: Allow, Action: secretsmanager:GetSecretValue, Resource: [!If [HasSecret, !Ref SecretArn, !Ref 'AWS::NoValue']] }
                  - { Effect: Allow, Action: secretsmanager:ListSecrets, Resource: !If [HasSecret, [!Ref SecretArn], []] }
      `,
    },
    {
      name: 'Terraform: statements of different principals blocks do not shadow each other',
      filename: 'main.tf',
      code: yaml`
        data "aws_iam_policy_document" "assume" {
          statement {
            sid     = "CrossAccount"
            actions = ["sts:AssumeRole"]
            principals {
              type        = "AWS"
              identifiers = ["arn:aws:iam::111122223333:role/deployer"]
            }
          }
          statement {
            sid     = "EcsTasks"
            actions = ["sts:AssumeRole"]
            principals {
              type        = "Service"
              identifiers = ["ecs-tasks.amazonaws.com"]
            }
            condition {
              test     = "StringEquals"
              variable = "aws:SourceAccount"
              values   = ["111122223333"]
            }
          }
        }
        resource "aws_iam_role" "task" {
          name               = "task"
          assume_role_policy = data.aws_iam_policy_document.assume.json
        }
      `,
    },
    {
      name: 'distinct statements; a conditional broad Allow does not shadow',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' },
            { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'x' } } },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
            { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/secret' },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'partial overlaps and unresolved values are not certain',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - { Effect: Allow, Action: [s3:Get*], Resource: !Sub "arn:aws:s3:::\${B}/*" }
                  - { Effect: Allow, Action: [s3:GetObject], Resource: !Sub "arn:aws:s3:::\${B}/*" }
                  - { Effect: Allow, Action: [s3:Get?bject], Resource: arn:aws:s3:::y/* }
                  - { Effect: Allow, Action: [s3:Get*], Resource: arn:aws:s3:::x/* }
                  - { Effect: Allow, Action: [s3:PutObject], Resource: "*", Condition: { Null: { aws:TokenIssueTime: "true" }, StringEqualsIfExists: { aws:TokenIssueTime: x } } }
      `,
    },
  ],
  invalid: [
    {
      name: "two statements that grant the same: only the later one is redundant",
      filename: 'policy.json',
      code: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"iam:PutRolePolicy\",\n      \"Resource\": \"arn:aws:iam::123456789012:role/app\"\n    },\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"IAM:PutRolePolicy\",\n      \"Resource\": \"arn:aws:iam::123456789012:role/app\"\n    }\n  ]\n}",
      errors: [{ line: 9, message: "Statement[1] is redundant: Statement[0] already allows" }],
    },
    {
      name: 'a literal "*" covers resources the files do not resolve',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - { Effect: Allow, Action: [s3:GetObject], Resource: !Sub "arn:aws:s3:::\${B}/*" }
                  - { Effect: Allow, Action: [s3:Get?bject], Resource: "*" }
      `,
      errors: [{ line: 7, message: 'Statement[0] is redundant: Statement[1] already allows all its actions on all its resources without conditions.' }],
    },
    {
      name: 'an Allow that an unconditional Deny of the same policy entirely overrides grants nothing',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'NoS3', Effect: 'Deny', Action: 's3:*', Resource: '*' },
            { Sid: 'S3', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::a/*' },
            { Sid: 'Sqs', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' },
          ],
        },
        null,
        2,
      ),
      errors: [{ line: 10, message: 'policy statement "S3" grants nothing: statement "NoS3" denies all its actions on all its resources without conditions, and an explicit Deny always wins.' }],
    },
    {
      name: 'identical statements and one shadowed by a wildcard (policy file)',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' },
            { Sid: 'B', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' },
            { Sid: 'All', Effect: 'Allow', Action: ['s3:*', 'sqs:SendMessage'], Resource: ['arn:aws:s3:::*'] },
            { Sid: 'Narrow', Effect: 'Allow', Action: ['s3:Get*', 's3:PutObject'], Resource: 'arn:aws:s3:::c/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 4, message: 'statement "A" is redundant: statement "All" already allows' },
        { line: 10, message: 'policy statement "B" duplicates statement "A"' },
        { line: 27, message: 'statement "Narrow" is redundant' },
      ],
    },
    {
      name: 'statements that can never apply (CloudFormation YAML)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              Policies:
                - PolicyName: p
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: []
                        Resource: "*"
                      - Effect: Allow
                        NotAction: "*"
                        Resource: "*"
                      - Effect: Allow
                        Action: s3:GetObject
                        Resource: "*"
                        Condition:
                          "Null": { s3:prefix: "true" }
                          StringLike: { s3:prefix: "home/*" }
      `,
      errors: [
        { line: 9, message: 'can never apply: its Action list is empty' },
        { line: 12, message: 'NotAction "*" excludes every action' },
        { line: 15, message: 'requires s3:prefix to be absent (Null) and to match StringLike' },
      ],
    },
  ],
});
