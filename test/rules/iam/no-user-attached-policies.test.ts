import rule from '../../../src/rules/iam/no-user-attached-policies.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const POLICY = '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": ["ec2:Describe*"], "Resource": "*" }] }';

ruleTester(rule, {
  valid: [
    {
      name: 'Regula: an attachment whose user list holds only an empty name attaches to no user',
      filename: 'main.tf',
      code: [
        'resource "aws_iam_policy_attachment" "a" {',
        '  name       = "a"',
        '  groups     = ["g"]',
        '  users      = [""]',
        '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'CloudFormation: users in groups, policies on groups and roles, empty lists',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Developers:
            Type: AWS::IAM::Group
            Properties:
              ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
          Jim:
            Type: AWS::IAM::User
            Properties:
              Groups: [!Ref Developers]
              Policies: []
          ReadLogs:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              Roles: [app]
              Groups: [!Ref Developers]
              PolicyDocument: { Version: "2012-10-17", Statement: [] }
      `,
    },
    {
      name: 'Terraform: group policy and membership (Trivy AVD-AWS-0143 good example shape), a role attachment',
      filename: 'main.tf',
      code: [
        'resource "aws_iam_group" "developers" {',
        '  name = "developers"',
        '}',
        'resource "aws_iam_user" "jim" {',
        '  name = "jim"',
        '}',
        'resource "aws_iam_group_membership" "team" {',
        '  name  = "team"',
        '  users = [aws_iam_user.jim.name]',
        '  group = aws_iam_group.developers.name',
        '}',
        'resource "aws_iam_group_policy" "ec2" {',
        '  group  = aws_iam_group.developers.name',
        `  policy = ${JSON.stringify(POLICY)}`,
        '}',
        'resource "aws_iam_policy_attachment" "roles" {',
        '  name       = "roles"',
        '  roles      = ["app"]',
        '  users      = []',
        '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"',
        '}',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: inline and managed policies on a user, a policy naming users, a UserPolicy',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Deployer:
            Type: AWS::IAM::User
            Properties:
              ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonECS_FullAccess]
              Policies:
                - PolicyName: push
                  PolicyDocument: { Version: "2012-10-17", Statement: [] }
          Push:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: push
              Users: [!Ref Deployer]
              PolicyDocument: { Version: "2012-10-17", Statement: [] }
          Direct:
            Type: AWS::IAM::UserPolicy
            Properties:
              UserName: !Ref Deployer
              PolicyName: direct
              PolicyDocument: { Version: "2012-10-17", Statement: [] }
      `,
      errors: [
        { line: 6, message: 'IAM user "Deployer" has inline policies and managed policies attached.' },
        { line: 13, message: 'AWS::IAM::Policy "Push" is attached to IAM users.' },
        { line: 18, message: 'AWS::IAM::UserPolicy "Direct" gives a policy to one IAM user directly.' },
      ],
    },
    {
      name: 'Terraform: user policy (Trivy AVD-AWS-0143 bad example shape), user policy attachment, policy attachment with users',
      filename: 'main.tf',
      code: [
        'resource "aws_iam_user" "jim" {',
        '  name = "jim"',
        '}',
        'resource "aws_iam_user_policy" "ec2policy" {',
        '  name   = "test"',
        '  user   = aws_iam_user.jim.name',
        `  policy = ${JSON.stringify(POLICY)}`,
        '}',
        'resource "aws_iam_user_policy_attachment" "readonly" {',
        '  user       = aws_iam_user.jim.name',
        '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"',
        '}',
        'resource "aws_iam_policy_attachment" "shared" {',
        '  name       = "shared"',
        '  users      = [aws_iam_user.jim.name]',
        '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 6, message: 'aws_iam_user_policy.ec2policy gives a policy to one IAM user directly.' },
        { line: 10, message: 'aws_iam_user_policy_attachment.readonly gives a policy' },
        { line: 15, message: 'aws_iam_policy_attachment.shared attaches a policy to IAM users.' },
      ],
    },
  ],
});
