import rule from '../../../src/rules/gov/separation-of-duties.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: separate build, deploy and task roles',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          BuildRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Federated: arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com }
                    Action: sts:AssumeRoleWithWebIdentity
              Policies:
                - PolicyName: push
                  PolicyDocument:
                    Statement:
                      - { Effect: Allow, Action: [ecr:PutImage, ecr:UploadLayerPart, ecr:GetAuthorizationToken], Resource: "*" }
          DeployRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - { Effect: Allow, Principal: { Service: codepipeline.amazonaws.com }, Action: sts:AssumeRole }
              Policies:
                - PolicyName: deploy
                  PolicyDocument:
                    Statement:
                      - { Effect: Allow, Action: [ecs:UpdateService, ecs:RegisterTaskDefinition, iam:PassRole], Resource: "*" }
          TaskRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - { Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: !GetAtt TaskRole.Arn
              ExecutionRoleArn: !Ref TaskRole
              ContainerDefinitions: [{ Name: app, Image: app }]
      `,
    },
    {
      name: 'CloudFormation: push + deploy only through an admin wildcard (left to iam/no-admin-policy), Deny removes PassRole',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Admin:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { AWS: arn:aws:iam::111111111111:root }, Action: sts:AssumeRole }] }
              Policies:
                - PolicyName: admin
                  PolicyDocument: { Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }
          Build:
            Type: AWS::IAM::User
            Properties:
              Policies:
                - PolicyName: build
                  PolicyDocument:
                    Statement:
                      - { Effect: Allow, Action: [ecr:*, iam:PassRole], Resource: "*" }
                      - { Effect: Deny, Action: iam:PassRole, Resource: "*" }
      `,
    },
    {
      name: 'EKS IRSA role (OIDC, not CI) used by a task definition is not a CI role',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Federated: arn:aws:iam::111111111111:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC }
                    Action: sts:AssumeRoleWithWebIdentity
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: !GetAtt Role.Arn
              ContainerDefinitions: [{ Name: app, Image: app }]
      `,
    },
    {
      name: 'Terraform: separate push and deploy roles',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_role" "push" {
          name               = "push"
          assume_role_policy = "{}"
        }
        resource "aws_iam_role_policy" "push" {
          role   = aws_iam_role.push.id
          policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["ecr:PutImage"], Resource = "*" }] })
        }
        resource "aws_iam_role" "deploy" {
          name               = "deploy"
          assume_role_policy = "{}"
        }
        resource "aws_iam_role_policy" "deploy" {
          role   = aws_iam_role.deploy.id
          policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["ecs:UpdateService"], Resource = "*" }] })
        }
      `,
    },
    {
      name: 'Standalone push-only policy',
      filename: 'push.json',
      code: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['ecr:PutImage', 'ecr:GetAuthorizationToken'], Resource: '*' }] }, null, 2),
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: one role pushes and deploys; attached managed policy adds PassRole',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          CiRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - { Effect: Allow, Principal: { Service: codebuild.amazonaws.com }, Action: sts:AssumeRole }
              Policies:
                - PolicyName: push
                  PolicyDocument:
                    Statement:
                      - { Effect: Allow, Action: ecr:Put*, Resource: "*" }
          Deploy:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              Roles: [!Ref CiRole]
              PolicyDocument:
                Statement:
                  - { Effect: Allow, Action: iam:PassRole, Resource: "*" }
      `,
      errors: [{ line: 2, message: 'The role can both push images (ecr:Put* in Policies[0] "push") and pass roles (iam:PassRole in Deploy)' }],
    },
    {
      name: 'CloudFormation: GitHub Actions role (Federated by Ref, issuer in the condition) used as task and execution role',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          GitHubOidc:
            Type: AWS::IAM::OIDCProvider
            Properties: { Url: https://token.actions.githubusercontent.com, ClientIdList: [sts.amazonaws.com] }
          GitHubRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Federated: !Ref GitHubOidc }
                    Action: sts:AssumeRoleWithWebIdentity
                    Condition:
                      StringLike: { "token.actions.githubusercontent.com:sub": "repo:org/app:*" }
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: !GetAtt GitHubRole.Arn
              ExecutionRoleArn: !GetAtt GitHubRole.Arn
              ContainerDefinitions: [{ Name: app, Image: app }]
      `,
      errors: [{ line: 8, message: 'trusted by the OIDC provider token.actions.githubusercontent.com (a CI / deploy role) and is also used by ECS task definition Task (TaskRoleArn), Task (ExecutionRoleArn)' }],
    },
    {
      name: 'CloudFormation JSON: user with ecr:* and eks:*',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Ci: { Type: 'AWS::IAM::User', Properties: { Policies: [{ PolicyName: 'ci', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['ecr:*', 'eks:*'], Resource: '*' }] } }] } } } },
        null,
        2,
      ),
      errors: [{ line: 3, message: 'The user can both push images (ecr:* in Policies[0] "ci") and deploy (eks:* in Policies[0] "ci")' }],
    },
    {
      name: 'Terraform: CodeBuild role pushing and deploying, also the task execution role',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_role" "ci" {
          name = "ci"
          assume_role_policy = jsonencode({
            Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }]
          })
        }
        resource "aws_iam_policy" "ci" {
          name   = "ci"
          policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["ecr:PutImage", "ecs:RegisterTaskDefinition"], Resource = "*" }] })
        }
        resource "aws_iam_role_policy_attachment" "ci" {
          role       = aws_iam_role.ci.name
          policy_arn = aws_iam_policy.ci.arn
        }
        resource "aws_ecs_task_definition" "app" {
          family                = "app"
          execution_role_arn    = aws_iam_role.ci.arn
          container_definitions = jsonencode([{ name = "app", image = "app" }])
        }
      `,
      errors: [
        { line: 1, message: 'The role can both push images (ecr:PutImage in aws_iam_policy.ci) and deploy (ecs:RegisterTaskDefinition in aws_iam_policy.ci)' },
        { line: 3, message: 'also used by ECS task definition aws_ecs_task_definition.app (execution_role_arn)' },
      ],
    },
    {
      name: 'Terraform: unresolved count, references with [0], policy from data.aws_iam_policy_document',
      filename: 'main.tf',
      code: yaml`
        variable "create" {}
        resource "aws_iam_role" "this" {
          count              = var.create ? 1 : 0
          name               = "ci"
          assume_role_policy = "{}"
        }
        data "aws_iam_policy_document" "this" {
          count = var.create ? 1 : 0
          statement {
            actions   = ["ecr:PutImage", "iam:PassRole"]
            resources = ["*"]
          }
        }
        resource "aws_iam_role_policy" "this" {
          count  = var.create ? 1 : 0
          role   = aws_iam_role.this[0].id
          policy = data.aws_iam_policy_document.this[0].json
        }
      `,
      errors: [{ line: 2, message: 'and pass roles (iam:PassRole in data.aws_iam_policy_document.this[0])' }],
    },
    {
      name: 'Terraform: trust and inline_policy from data sources (CodeBuild role pushing and deploying, also a task role)',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_role" "ci" {
          name               = "ci"
          assume_role_policy = data.aws_iam_policy_document.ci_trust.json
          inline_policy {
            name   = "ci"
            policy = data.aws_iam_policy_document.ci.json
          }
        }
        data "aws_iam_policy_document" "ci_trust" {
          statement {
            actions = ["sts:AssumeRole"]
            principals {
              type        = "Service"
              identifiers = ["codebuild.amazonaws.com"]
            }
          }
        }
        data "aws_iam_policy_document" "ci" {
          statement {
            actions   = ["ecr:PutImage", "ecs:UpdateService"]
            resources = ["*"]
          }
        }
        resource "aws_ecs_task_definition" "app" {
          family                = "app"
          task_role_arn         = aws_iam_role.ci.arn
          container_definitions = jsonencode([{ name = "app", image = "app" }])
        }
      `,
      errors: [
        { line: 1, message: 'The role can both push images (ecr:PutImage in data.aws_iam_policy_document.ci) and deploy (ecs:UpdateService in data.aws_iam_policy_document.ci)' },
        { line: 1, message: 'The role is trusted by the codebuild.amazonaws.com service (a CI / deploy role) and is also used by ECS task definition aws_ecs_task_definition.app (task_role_arn)' },
      ],
    },
    {
      name: 'Standalone identity policy granting push and deploy',
      filename: 'ci-policy.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ecr:PutImage', 'ecs:UpdateService'], Resource: '*' }] }, null, 2),
      errors: [{ line: 1, message: 'The policy allows both pushing images (ecr:PutImage in policy) and deploying (ecs:UpdateService in policy)' }],
    },
  ],
});
