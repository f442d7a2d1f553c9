import rule from '../../../src/rules/iam/no-wildcard-resource.js';
import { describe, expect, it } from 'vitest';
import { ruleTester, runRule, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'an all-resources ARN of one service grants no other service\'s actions; AMIs and AWS-managed policies are no account\'s',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['logs:DescribeLogGroups', 'iam:PutRolePolicy'], Resource: 'arn:aws:logs:*:*:*' },
            { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: 'arn:aws:ec2:us-east-1::image/*' },
            { Effect: 'Allow', Action: 'iam:GetPolicy', Resource: 'arn:aws:iam::aws:policy/*' },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'CloudFormation: aws:CalledVia matched against an unresolved service list still leaves only calls through a service',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Service: { Type: String }
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: iam:AttachRolePolicy
                    Resource: "*"
                    Condition: { ForAnyValue:StringEquals: { aws:CalledVia: !Ref Service } }
      `,
    },
    {
      name: 'a statement only services may use on the caller\'s behalf (aws:CalledVia, aws:ViaAWSService true)',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } } },
            { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { Bool: { 'aws:ViaAWSService': 'true' } } },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'route53:GetChange on change/* (cert-manager, external-dns): the change id exists only once the change is made',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'route53:GetChange', Resource: 'arn:aws:route53:::change/*' },
            { Effect: 'Allow', Action: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets'], Resource: 'arn:aws:route53:::hostedzone/Z123' },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'an Allow that an unconditional Deny of the same policy entirely overrides grants nothing',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', Action: 's3:PutObject', Resource: '*' },
            { Effect: 'Allow', Action: 's3:PutObject', Resource: '*' },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'actions without resource-level permissions keep Resource "*" (policy file)',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['ecr:GetAuthorizationToken', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'ec2:Describe*', 'autoscaling:Describe*', 'elasticloadbalancing:Describe*', 'sts:GetCallerIdentity', 'kms:CreateKey'],
              Resource: '*',
            },
            { Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: 'arn:aws:ecr:eu-west-1:123456789012:repository/app' },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'resource-scoping conditions, Deny, unknown actions, optional resource types (CloudFormation YAML)',
      code: yaml`
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: [ec2:StartInstances, ec2:StopInstances]
                    Resource: "*"
                    Condition:
                      StringEquals:
                        aws:ResourceTag/team: web
                  - Effect: Allow
                    Action: ec2:AuthorizeSecurityGroupIngress
                    Resource: "*"
                    Condition:
                      ArnEquals:
                        ec2:Vpc: arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-1
                  - Effect: Allow
                    Action: ecs:RunTask
                    Resource: "*"
                    Condition:
                      ArnEquals:
                        ecs:cluster: arn:aws:ecs:eu-west-1:123456789012:cluster/web
                  - Effect: Allow
                    Action: sns:Publish
                    Resource: "*"
                    Condition:
                      ArnLike:
                        aws:SourceArn: arn:aws:events:eu-west-1:123456789012:rule/*
                  - Effect: Allow
                    Action: sqs:SendMessage
                    Resource: "*"
                    Condition: !If [Prod, {StringEquals: {aws:ResourceTag/env: prod}}, !Ref AWS::NoValue]
                  - Effect: Deny
                    Action: [s3:DeleteObject, sns:Publish]
                    Resource: "*"
                  - Effect: Allow
                    Action: [cloudwatch:GetMetricData, cloudwatch:PutMetricData, newservice:DoThing, ecs:NoSuchAction]
                    Resource: "*"
                  - Effect: Allow
                    Action: sns:Publish
                    Resource: !Ref Topic
      `,
    },
    {
      name: 'statements other rules report: *, service:*, NotAction, ecs:*, iam:PassRole on "*" (alone)',
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
                    Action: ["*", sns:Publish]
                    Resource: "*"
                  - Effect: Allow
                    Action: [ecs:*, s3:*]
                    Resource: "*"
                  - Effect: Allow
                    NotAction: iam:*
                    Resource: "*"
                  - Effect: Allow
                    Action: iam:PassRole
                    Resource: "*"
      `,
    },
    {
      name: 'trust policies and resource-based policies (bucket, repository) are not identity policies',
      code: yaml`
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Service: ecs-tasks.amazonaws.com }
                    Action: sts:AssumeRole
          BP:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: b
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { AWS: arn:aws:iam::123456789012:root }
                    Action: s3:GetObject
                    Resource: "*"
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryPolicyText:
                Statement:
                  - Effect: Allow
                    Principal: { AWS: arn:aws:iam::123456789012:root }
                    Action: [ecr:BatchGetImage]
      `,
    },
    {
      name: 'Terraform: scoped resources, unknown resources, a policy document used as a bucket policy',
      filename: 'main.tf',
      code: `resource "aws_iam_role_policy" "app" {
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["sns:Publish"], Resource = aws_sns_topic.alerts.arn },
      { Effect = "Allow", Action = ["logs:PutLogEvents"], Resource = "\${aws_cloudwatch_log_group.app.arn}:*" },
    ]
  })
}
data "aws_iam_policy_document" "bucket" {
  statement {
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
resource "aws_s3_bucket_policy" "b" {
  bucket = "b"
  policy = data.aws_iam_policy_document.bucket.json
}
`,
    },
  ],
  invalid: [
    {
      name: "actions an unconditional Deny takes away are neither named nor counted for the severity",
      filename: 'policy.json',
      code: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"iam:PutRolePolicy\",\n        \"s3:PutObject\"\n      ],\n      \"Resource\": \"*\"\n    },\n    {\n      \"Effect\": \"Deny\",\n      \"Action\": \"iam:*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}",
      errors: [{ line: 10, severity: 'medium', message: "Statement[0] allows s3:PutObject on every resource" }],
    },
    {
      name: 'a file() call in a comment reads nothing: the policy file is checked on its own',
      filename: 'main.tf',
      code: ['# policy = file("policy.json")', 'resource "aws_iam_policy" "p" {', '  name   = "p"', '  policy = var.policy', '}', 'variable "policy" {', '  type = string', '}', ''].join('\n'),
      others: [{ filename: 'policy.json', code: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}]}\n' }],
      errors: [{ path: 'policy.json', line: 1, message: 'policy Statement[0] allows sns:Publish on every resource' }],
    },
    {
      name: 'actions whose resources another service names (sts:AssumeRole on roles, SSM sessions on instances) are granted by those ARNs',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'A', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::123456789012:role/*' },
            { Sid: 'B', Effect: 'Allow', Action: 'ec2-instance-connect:SendSSHPublicKey', Resource: 'arn:aws:ec2:*:*:instance/*' },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 8, severity: 'medium', message: 'statement "A" allows sts:AssumeRole on every role of the account' },
        { line: 14, severity: 'medium', message: 'statement "B" allows ec2-instance-connect:SendSSHPublicKey on every instance' },
      ],
    },
    {
      name: 'Terraform: a policy decoded from a file (jsonencode(jsondecode(file(...)))) is checked once, at the attribute',
      filename: 'main.tf',
      code: ['resource "aws_iam_policy" "p" {', '  name   = "p"', '  policy = jsonencode(jsondecode(file("${path.module}/p.json")))', '}', ''].join('\n'),
      others: [{ filename: 'p.json', code: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "*"}]}\n' }],
      errors: [{ line: 3, message: 'allows sns:Publish on every resource' }],
    },
    {
      name: 'Terraform: a policy read with file() is checked as the resource\'s policy, at its lines in the JSON file, once',
      filename: 'main.tf',
      code: [
        'resource "aws_iam_policy" "publish" {',
        '  name   = "publish"',
        '  policy = file("${path.module}/policies/publish.json")',
        '}',
        '',
      ].join('\n'),
      others: [
        {
          filename: 'policies/publish.json',
          code: ['{', '  "Version": "2012-10-17",', '  "Statement": [', '    { "Effect": "Allow", "Action": ["sns:Publish"], "Resource": "*" }', '  ]', '}', ''].join('\n'),
        },
      ],
      errors: [{ path: 'policies/publish.json', line: 4, message: 'policy Statement[0] allows sns:Publish on every resource ("*")' }],
    },
    {
      name: 'a service wildcard does not hide the other actions of its statement (CodeBuild role: codebuild:* next to IAM writes)',
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
                    Action: [codebuild:*, iam:CreateRole, iam:AttachRolePolicy, ssm:PutParameter]
                    Resource: "*"
                  - Effect: Allow
                    Action: [ecs:*, logs:PutLogEvents]
                    Resource: "*"
      `,
      errors: [
        { line: 11, severity: 'high', message: 'PolicyDocument Statement[0] allows iam:AttachRolePolicy, iam:CreateRole, ssm:PutParameter on every resource ("*")' },
        { line: 14, severity: 'medium', message: 'PolicyDocument Statement[1] allows logs:PutLogEvents on every resource ("*")' },
      ],
    },
    {
      name: 'conditions that do not narrow the resources: negated operators, IfExists, ForAllValues, S3 request headers and listing prefixes',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'NotTag', Effect: 'Allow', Action: 's3:DeleteBucket', Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceTag/env': 'prod' } } },
            { Sid: 'OtherAccounts', Effect: 'Allow', Action: 's3:DeleteBucket', Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceAccount': '123456789012' } } },
            { Sid: 'IfExists', Effect: 'Allow', Action: 's3:DeleteBucket', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:ResourceTag/team': 'web' } } },
            { Sid: 'AllValues', Effect: 'Allow', Action: 's3:DeleteBucket', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } },
            { Sid: 'Acl', Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } },
            { Sid: 'Sse', Effect: 'Allow', Action: 's3:PutObject', Resource: '*', Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } } },
            // data-on-eks JupyterHub: a home prefix, in every bucket.
            { Sid: 'Prefix', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } } },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 8, message: 'statement "NotTag"' },
        { line: 19, message: 'statement "OtherAccounts"' },
        { line: 30, message: 'statement "IfExists"' },
        { line: 41, message: 'statement "AllValues"' },
        { line: 54, message: 'statement "Acl"' },
        { line: 65, message: 'statement "Sse"' },
        { line: 76, message: 'statement "Prefix"' },
      ],
    },
    {
      name: 'Terraform heredoc policy: a partition-only templated ARN that names every queue',
      filename: 'main.tf',
      code: [
        'resource "aws_iam_policy" "queues" {',
        '  policy = <<EOF',
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [{"Effect": "Allow", "Action": "sqs:DeleteQueue", "Resource": "arn:${local.partition}:sqs:*:*:*"}]',
        '}',
        'EOF',
        '}',
        '',
      ].join('\n'),
      errors: [{ line: 5, message: 'allows sqs:DeleteQueue on every resource ("arn:${local.partition}:sqs:*:*:*")' }],
    },
    {
      name: 'conditions that leave exactly the direct calls do not scope: aws:ViaAWSService false, CalledVia with IfExists or negated',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'Direct', Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: '*', Condition: { Bool: { 'aws:ViaAWSService': 'false' } } },
            { Sid: 'IfExists', Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:CalledVia': 'cloudformation.amazonaws.com' } } },
            { Sid: 'Not', Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: '*', Condition: { 'ForAnyValue:StringNotEquals': { 'aws:CalledVia': 'athena.amazonaws.com' } } },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 8, message: 'statement "Direct"' },
        { line: 19, message: 'statement "IfExists"' },
        { line: 30, message: 'statement "Not"' },
      ],
    },
    {
      name: 'CloudFormation: a policy written as multi-line JSON in !Sub | (Karpenter getting-started) is located at the statement\'s line',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument: !Sub |
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "AllowInstanceProfileReadActions",
                      "Effect": "Allow",
                      "Resource": "*",
                      "Action": "iam:GetInstanceProfile"
                    },
                    {
                      "Sid": "Scoped",
                      "Effect": "Allow",
                      "Resource": "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:instance-profile/*",
                      "Action": "iam:GetInstanceProfile"
                    }
                  ]
                }
      `,
      // Every instance profile of the account is as broad (low: a metadata read); its templated string is located at the policy.
      errors: [
        { line: 5, severity: 'low', message: 'statement "Scoped" allows iam:GetInstanceProfile on every instance-profile of the account' },
        { line: 12, column: 15, message: 'statement "AllowInstanceProfileReadActions" allows iam:GetInstanceProfile on every resource ("*")' },
      ],
    },
    {
      name: 'an EC2 id prefix with a wildcard is every resource of the type (volume/vol-*); a longer prefix is not',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'Every', Effect: 'Allow', Action: 'ec2:DeleteVolume', Resource: 'arn:aws:ec2:*:*:volume/vol-*' },
            { Sid: 'Some', Effect: 'Allow', Action: 'ec2:DeleteVolume', Resource: 'arn:aws:ec2:*:*:volume/vol-0abc*' },
          ],
        },
        null,
        2,
      ),
      errors: [{ line: 8, severity: 'medium', message: 'statement "Every" allows ec2:DeleteVolume on every volume ("arn:aws:ec2:*:*:volume/vol-*")' }],
    },
    {
      name: 'iam:PassRole on "*" is no-passrole-wildcard\'s, the other actions of its statement are judged (Karpenter v0.x getting-started policy)',
      code: yaml`
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: [iam:PassRole, ec2:RunInstances, ec2:TerminateInstances]
                    Resource: "*"
      `,
      errors: [{ line: 9, message: 'allows ec2:RunInstances, ec2:TerminateInstances on every resource ("*")' }],
    },
    {
      name: 'Terraform: partition-neutral ARNs (terraform-aws-modules style) that name every resource of a type in every region and account, or in one account',
      filename: 'main.tf',
      code: [
        'data "aws_partition" "current" {}',
        'data "aws_iam_policy_document" "controller" {',
        '  statement {',
        '    sid       = "AllowScopedEC2InstanceActions"',
        '    actions   = ["ec2:RunInstances", "ec2:CreateFleet"]',
        '    resources = ["arn:${data.aws_partition.current.partition}:ec2:*:*:launch-template/*"]',
        '  }',
        '  statement {',
        '    sid       = "OneAccount"',
        '    actions   = ["ec2:TerminateInstances"]',
        '    resources = ["arn:${data.aws_partition.current.partition}:ec2:*:${var.account_id}:instance/*"]',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 6, severity: 'low', message: 'statement "AllowScopedEC2InstanceActions" allows ec2:RunInstances, ec2:CreateFleet on every launch-template ("arn:${data.aws_partition.current.partition}:ec2:*:*:launch-template/*")' },
        { line: 11, severity: 'medium', message: 'statement "OneAccount" allows ec2:TerminateInstances on every instance of the account ("arn:${data.aws_partition.current.partition}:ec2:*:${var.account_id}:instance/*")' },
      ],
    },
    {
      name: 'a pattern of one resource type scopes actions that take other types too (low: ec2:CreateTags on network interfaces, the EKS IPv6 CNI policy); a single-type action on its type is every resource it takes',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'Cni', Effect: 'Allow', Action: 'ec2:CreateTags', Resource: 'arn:aws:ec2:*:*:network-interface/*' },
            { Sid: 'Pull', Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: 'arn:aws:ecr:*:*:repository/*' },
            { Sid: 'Mixed', Effect: 'Allow', Action: ['ec2:CreateTags', 'ec2:DeleteNetworkInterface'], Resource: 'arn:aws:ec2:*:*:network-interface/*' },
            { Sid: 'Ingress', Effect: 'Allow', Action: ['ec2:AuthorizeSecurityGroupIngress', 'sns:Publish'], Resource: 'arn:aws:ec2:*:*:security-group/*' },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 8, severity: 'low', message: 'statement "Cni" allows ec2:CreateTags on every network-interface ("arn:aws:ec2:*:*:network-interface/*")' },
        { line: 17, severity: 'medium', message: 'statement "Pull" allows ecr:BatchGetImage, ecr:GetDownloadUrlForLayer on every repository' },
        { line: 26, severity: 'medium', message: 'statement "Mixed" allows ec2:DeleteNetworkInterface, ec2:CreateTags on every network-interface' },
        // The group is the only type the action requires; sns:Publish takes no security group and is not granted.
        { line: 35, severity: 'medium', message: 'statement "Ingress" allows ec2:AuthorizeSecurityGroupIngress on every security-group' },
      ],
    },
    {
      name: 'a Null condition requiring a tag to be absent does not scope the statement (every untagged instance)',
      filename: 'policy.json',
      code: JSON.stringify(
        { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:TerminateInstances', Resource: '*', Condition: { Null: { 'aws:ResourceTag/owner': 'true' } } }] },
        null,
        2,
      ),
      errors: [{ line: 7, message: 'allows ec2:TerminateInstances on every resource ("*")' }],
    },
    {
      name: 'Elastic Load Balancing v2 actions whose names Classic Load Balancing shares take the v2 resource types too',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'DeleteAlbs', Effect: 'Allow', Action: 'elasticloadbalancing:DeleteLoadBalancer', Resource: 'arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*' },
            { Sid: 'Deregister', Effect: 'Allow', Action: 'elasticloadbalancing:DeregisterTargets', Resource: 'arn:aws:elasticloadbalancing:*:*:targetgroup/*/*' },
            { Sid: 'Tag', Effect: 'Allow', Action: ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'], Resource: 'arn:aws:elasticloadbalancing:*:*:targetgroup/*' },
            {
              Sid: 'Listeners',
              Effect: 'Allow',
              Action: 'elasticloadbalancing:AddTags',
              Resource: ['arn:aws:elasticloadbalancing:*:*:listener/net/*/*/*', 'arn:aws:elasticloadbalancing:*:*:listener/app/*/*/*'],
            },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 8, severity: 'low', message: 'statement "DeleteAlbs" allows elasticloadbalancing:DeleteLoadBalancer on every loadbalancer/app' },
        { line: 14, severity: 'medium', message: 'statement "Deregister" allows elasticloadbalancing:DeregisterTargets on every targetgroup' },
        { line: 23, severity: 'low', message: 'statement "Tag" allows elasticloadbalancing:AddTags, elasticloadbalancing:RemoveTags on every targetgroup', fix: 'targetgroup' },
        { line: 30, severity: 'low', message: 'statement "Listeners" allows elasticloadbalancing:AddTags on every listener/net, listener/app ("arn:aws:elasticloadbalancing:*:*:listener/net/*/*/*" and 1 more)' },
      ],
    },
    {
      name: 'arn:aws:s3:::*/* is every object of every bucket',
      filename: 'policy.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::*/*' }] }, null, 2),
      errors: [{ line: 9, message: 's3:GetObject' }],
    },
    {
      name: 'ECS service role and events role (CloudFormation YAML, real-world shapes)',
      code: yaml`
        Resources:
          ServiceRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Service: ecs.amazonaws.com }
                    Action: sts:AssumeRole
              Policies:
                - PolicyName: ecs-service
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action:
                          - ec2:AuthorizeSecurityGroupIngress
                          - ec2:Describe*
                          - elasticloadbalancing:DeregisterInstancesFromLoadBalancer
                          - elasticloadbalancing:Describe*
                          - elasticloadbalancing:RegisterInstancesWithLoadBalancer
                          - elasticloadbalancing:DeregisterTargets
                          - elasticloadbalancing:RegisterTargets
                        Resource: "*"
          EventsRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Service: events.amazonaws.com }
                    Action: sts:AssumeRole
              Policies:
                - PolicyName: run-task
                  PolicyDocument:
                    Statement:
                      - Sid: Run
                        Effect: Allow
                        Action: ecs:RunTask
                        Resource: "*"
                        Condition:
                          Bool:
                            aws:SecureTransport: "true"
      `,
      errors: [
        {
          line: 23,
          column: 17,
          message:
            'Policies[0] "ecs-service" Statement[0] allows ec2:AuthorizeSecurityGroupIngress, elasticloadbalancing:DeregisterInstancesFromLoadBalancer, elasticloadbalancing:RegisterInstancesWithLoadBalancer, elasticloadbalancing:DeregisterTargets, elasticloadbalancing:RegisterTargets on every resource ("*"), though these actions support resource-level permissions.',
        },
        { line: 39, message: 'Policies[0] "run-task" statement "Run" allows ecs:RunTask on every resource ("*"), though this action supports resource-level permissions.' },
      ],
    },
    {
      name: 'lifecycle hook role and execution role: "*" among other entries, all-resources ARN (CloudFormation YAML)',
      code: yaml`
        Resources:
          HookPolicy:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: hook
              Roles: [!Ref HookRole]
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: [autoscaling:CompleteLifecycleAction, sns:Publish, ecs:ListContainerInstances, ecs:DescribeContainerInstances, ecs:UpdateContainerInstancesState]
                    Resource: [!Ref Topic, "*"]
          ExecutionPolicy:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: [ecr:GetAuthorizationToken, ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer, ecr:BatchGetImage]
                    Resource: "*"
                  - Effect: Allow
                    Action: [logs:CreateLogStream, logs:PutLogEvents]
                    Resource: arn:aws:logs:*:*:*
      `,
      errors: [
        {
          line: 11,
          column: 36,
          message:
            'PolicyDocument Statement[0] allows autoscaling:CompleteLifecycleAction, sns:Publish, ecs:UpdateContainerInstancesState, ecs:ListContainerInstances, ecs:DescribeContainerInstances on every resource ("*")',
        },
        { line: 19, message: 'allows ecr:GetDownloadUrlForLayer, ecr:BatchGetImage, ecr:BatchCheckLayerAvailability on every resource ("*")' },
        { line: 22, message: 'allows logs:CreateLogStream, logs:PutLogEvents on every resource ("arn:aws:logs:*:*:*")' },
      ],
    },
    {
      name: 'severity follows access level; NotResource; an iam:PassedToService condition keeps the statement from granting anything but iam:PassRole (CloudFormation JSON)',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            User: {
              Type: 'AWS::IAM::User',
              Properties: {
                Policies: [
                  {
                    PolicyName: 'ops',
                    PolicyDocument: {
                      Statement: [
                        { Sid: 'Escalate', Effect: 'Allow', Action: ['iam:AttachRolePolicy', 'iam:PutRolePolicy'], Resource: '*' },
                        { Sid: 'List', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: '*' },
                        { Sid: 'Deploy', Effect: 'Allow', Action: ['iam:PassRole', 'ecs:UpdateService'], Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } },
                        { Sid: 'AllBut', Effect: 'Allow', Action: 'sqs:SendMessage', NotResource: 'arn:aws:sqs:*:*:secret' },
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
        { line: 18, message: 'statement "Escalate" allows iam:AttachRolePolicy, iam:PutRolePolicy on every resource ("*")' },
        { line: 26, message: 'statement "List" allows s3:ListBucket' },
        { line: 46, message: 'statement "AllBut" allows sqs:SendMessage on every resource but those in NotResource, though this action' },
      ],
    },
    {
      name: 'Terraform: jsonencode inline policy and an aws_iam_policy_document data source',
      filename: 'main.tf',
      code: `resource "aws_iam_role" "task" {
  name               = "task"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  inline_policy {
    name = "app"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = ["dynamodb:PutItem", "dynamodb:GetItem", "xray:PutTraceSegments"]
          Resource = "*"
        },
      ]
    })
  }
}
data "aws_iam_policy_document" "worker" {
  statement {
    sid       = "Queue"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage"]
    resources = ["*"]
  }
  statement {
    sid       = "Tracing"
    actions   = ["xray:PutTraceSegments"]
    resources = ["*"]
  }
  statement {
    sid           = "Cluster"
    actions       = ["eks:DescribeCluster"]
    resources     = ["*"]
    not_resources = null
  }
}
resource "aws_iam_role_policy" "worker" {
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.worker.json
}
`,
      errors: [
        { line: 12, message: 'inline_policy[0] "app" Statement[0] allows dynamodb:PutItem, dynamodb:GetItem on every resource ("*")' },
        { line: 22, message: 'policy document statement "Queue" allows sqs:ReceiveMessage, sqs:DeleteMessage on every resource ("*")' },
        { line: 32, message: 'policy document statement "Cluster" allows eks:DescribeCluster on every resource ("*"), though this action supports' },
      ],
    },
    {
      name: 'policy file: patterns with resource-level actions, single-object Statement',
      filename: 'policy.json',
      code: '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Allow",\n    "Action": ["s3:Get*", "ecr:GetAuthorizationToken", "secretsmanager:GetSecretValue"],\n    "Resource": "*"\n  }\n}\n',
      errors: [{ line: 6, column: 5, message: 'policy allows s3:Get*, secretsmanager:GetSecretValue on every resource ("*")' }],
    },
    {
      name: 'policy file: reading the Windows administrator password of every instance is a read of credentials (medium)',
      filename: 'policy.json',
      code: '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Allow",\n    "Action": ["ec2:DescribeInstances", "ec2:GetPasswordData"],\n    "Resource": "*"\n  }\n}\n',
      errors: [{ line: 6, severity: 'medium', message: 'policy allows ec2:GetPasswordData on every resource ("*")' }],
    },
  ],
});

describe('iam/no-wildcard-resource severity', () => {
  it('follows the access level of the actions: IAM permissions management high, list and metadata reads low, else medium', async () => {
    const statement = (Action: string[]): object => ({ Effect: 'Allow', Action, Resource: '*' });
    const code = JSON.stringify({ Version: '2012-10-17', Statement: [statement(['iam:PutRolePolicy', 's3:GetObject']), statement(['s3:ListBucket']), statement(['s3:GetObject', 's3:ListBucket']), statement(['eks:DescribeCluster', 'acm:DescribeCertificate']), statement(['ec2:CreateNetworkInterfacePermission'])] }, null, 2);
    const findings = await runRule(rule, { name: 'severity', filename: 'policy.json', code });
    expect(findings.map((finding) => finding.severity)).toEqual(['high', 'low', 'medium', 'low', 'medium']);
  });
});
