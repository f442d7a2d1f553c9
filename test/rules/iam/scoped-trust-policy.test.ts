import rule from '../../../src/rules/iam/scoped-trust-policy.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const OIDC = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC';
const KEY = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC';

ruleTester(rule, {
  valid: [
    {
      name: 'statements that allow no way to assume the role (session tags alone, a misplaced action) hand out nothing',
      filename: 'trust.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:TagSession' },
            { Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 'sts:SetSourceIdentity'] },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'ecs-tasks trust with aws:SourceAccount and aws:SourceArn',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          TaskRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Service: ecs-tasks.amazonaws.com }
                    Action: sts:AssumeRole
                    Condition:
                      ArnLike: { aws:SourceArn: !Sub "arn:aws:ecs:\${AWS::Region}:\${AWS::AccountId}:*" }
                      StringEquals: { aws:SourceAccount: !Ref AWS::AccountId }
      `,
    },
    {
      name: 'IRSA trust pinned to one service account and audience (trust policy file)',
      filename: 'trust.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: OIDC },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringEquals: { [`${KEY}:sub`]: 'system:serviceaccount:app:web', [`${KEY}:aud`]: 'sts.amazonaws.com' } },
            },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'GitHub OIDC scoped to a repository; unresolved condition is unknown; other services',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Deploy:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Federated: arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com }
                    Action: sts:AssumeRoleWithWebIdentity
                    Condition:
                      StringLike: { "token.actions.githubusercontent.com:sub": "repo:org/app:*" }
                      StringEquals: { "token.actions.githubusercontent.com:aud": sts.amazonaws.com }
                  - Effect: Allow
                    Principal: { Service: ecs-tasks.amazonaws.com }
                    Action: sts:AssumeRole
                    Condition: !If [IsProd, { StringEquals: { aws:SourceAccount: "1" } }, !Ref AWS::NoValue]
                  - Effect: Allow
                    Principal: { Service: [lambda.amazonaws.com, ec2.amazonaws.com] }
                    Action: sts:AssumeRole
      `,
    },
    {
      name: 'IRSA trust by reference to an OIDC provider resource: exact keys for a literal URL, any key when unresolved; parameters unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          ProviderArn: { Type: String }
        Resources:
          Known:
            Type: AWS::IAM::OIDCProvider
            Properties:
              Url: https://oidc.eks.eu-west-1.amazonaws.com/id/ABC
              ClientIdList: [sts.amazonaws.com]
          FromCluster:
            Type: AWS::IAM::OIDCProvider
            Properties:
              Url: !GetAtt Cluster.OpenIdConnectIssuerUrl
              ClientIdList: [sts.amazonaws.com]
          Saml:
            Type: AWS::IAM::SAMLProvider
            Properties: { SamlMetadataDocument: x }
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Federated: !Ref Known }
                    Action: sts:AssumeRoleWithWebIdentity
                    Condition:
                      StringEquals:
                        oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub: system:serviceaccount:app:web
                        oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud: sts.amazonaws.com
                  - Effect: Allow
                    Principal: { Federated: !GetAtt FromCluster.Arn }
                    Action: sts:AssumeRoleWithWebIdentity
                    Condition: !If [IsProd, { StringEquals: { a:sub: b } }, !Ref AWS::NoValue]
                  - Effect: Allow
                    Principal: { Federated: [!Ref ProviderArn, !Ref Saml] }
                    Action: [sts:AssumeRoleWithWebIdentity, sts:AssumeRoleWithSAML]
      `,
    },
    {
      name: 'IRSA trust by reference, unresolved URL: any *:sub and *:aud keys count (CloudFormation JSON)',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Oidc: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: { 'Fn::GetAtt': ['Cluster', 'OpenIdConnectIssuerUrl'] }, ClientIdList: ['sts.amazonaws.com'] } },
            Role: {
              Type: 'AWS::IAM::Role',
              Properties: {
                AssumeRolePolicyDocument: {
                  Statement: [
                    {
                      Effect: 'Allow',
                      Principal: { Federated: { 'Fn::GetAtt': ['Oidc', 'Arn'] } },
                      Action: 'sts:AssumeRoleWithWebIdentity',
                      Condition: { StringEquals: { 'Fn::Sub': 'x' }, StringLike: { 'whatever:sub': 'system:serviceaccount:app:web', 'whatever:aud': 'sts.amazonaws.com' } },
                    },
                  ],
                },
              },
            },
          },
        },
        null,
        2,
      ),
    },
    {
      name: 'a required sub of another issuer is never in this provider\'s tokens: the statement matches nothing (Checkov CKV_AWS_358 pass-gh-org)',
      filename: 'trust.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
                StringLike: { 'token.actions.githubusercontent.com/github-org:sub': 'repo:org/*' },
              },
            },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'a whole account narrowed by aws:PrincipalArn, an external ID or MFA; a named role',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { AWS: !Sub "arn:aws:iam::\${AWS::AccountId}:root" }
                    Action: sts:AssumeRole
                    Condition: { ArnEquals: { aws:PrincipalArn: !Sub "arn:aws:iam::\${AWS::AccountId}:role/deployer" } }
                  - Effect: Allow
                    Principal: { AWS: arn:aws:iam::123456789101:root }
                    Action: sts:AssumeRole
                    Condition: { StringEquals: { sts:ExternalId: a1b2c3 } }
                  - Effect: Allow
                    Principal: { AWS: "123456789101" }
                    Action: sts:AssumeRole
                    Condition: { Bool: { aws:MultiFactorAuthPresent: "true" } }
                  - Effect: Allow
                    Principal: { AWS: arn:aws:iam::123456789101:role/deployer }
                    Action: sts:AssumeRole
      `,
    },
  ],
  invalid: [
    {
      name: "CDK's AccountRootPrincipal, written with Fn::Join: the deploying account (low), as with Fn::Sub",
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Action: sts:AssumeRole
                    Effect: Allow
                    Principal:
                      AWS: !Join ["", ["arn:", !Ref AWS::Partition, ":iam::", !Ref AWS::AccountId, ":root"]]
      `,
      errors: [{ line: 11, severity: 'low', message: 'trusts its own whole account (arn:aws:iam::${AWS::AccountId}:root)' }],
    },
    {
      name: 'web identity trust in a provider given by a variable (terraform-aws-iam IRSA wiring, policy document data source): a wildcard subject; a pinned one passes',
      filename: 'main.tf',
      code: yaml`
        variable "oidc_provider_arn" {}
        variable "oidc_provider" {}
        data "aws_iam_policy_document" "any" {
          statement {
            actions = ["sts:AssumeRoleWithWebIdentity"]
            principals {
              type        = "Federated"
              identifiers = [var.oidc_provider_arn]
            }
            condition {
              test     = "StringLike"
              variable = "\${var.oidc_provider}:sub"
              values   = ["system:serviceaccount:*:*"]
            }
            condition {
              test     = "StringEquals"
              variable = "\${var.oidc_provider}:aud"
              values   = ["sts.amazonaws.com"]
            }
          }
        }
        data "aws_iam_policy_document" "web" {
          statement {
            actions = ["sts:AssumeRoleWithWebIdentity"]
            principals {
              type        = "Federated"
              identifiers = [var.oidc_provider_arn]
            }
            condition {
              test     = "StringEquals"
              variable = "\${var.oidc_provider}:sub"
              values   = ["system:serviceaccount:shop:web"]
            }
            condition {
              test     = "StringEquals"
              variable = "\${var.oidc_provider}:aud"
              values   = ["sts.amazonaws.com"]
            }
          }
        }
        resource "aws_iam_role" "any" {
          name               = "any"
          assume_role_policy = data.aws_iam_policy_document.any.json
        }
        resource "aws_iam_role" "web" {
          name               = "web"
          assume_role_policy = data.aws_iam_policy_document.web.json
        }
      `,
      errors: [{ line: 10, message: 'accepts a wildcard subject ("system:serviceaccount:*:*") from var.oidc_provider_arn' }],
    },
    {
      name: 'CDK IRSA conditions in a Custom::AWSCDKCfnJson keyed by the issuer (Fn::Join of tokens): a wildcard service account; a pinned one passes',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Provider:
            Type: Custom::AWSCDKOpenIdConnectProvider
            Properties:
              ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:cdk-oidc
              Url: !GetAtt Cluster.OpenIdConnectIssuerUrl
          AnyConditionJson:
            Type: Custom::AWSCDKCfnJson
            Properties:
              ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:cfnjson
              Value: !Join ["", ['{"', !Select [1, !Split [":oidc-provider/", !Ref Provider]], ':aud":"sts.amazonaws.com","', !Select [1, !Split [":oidc-provider/", !Ref Provider]], ':sub":"system:serviceaccount:*:*"}']]
          PinnedConditionJson:
            Type: Custom::AWSCDKCfnJson
            Properties:
              ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:cfnjson
              Value: !Join ["", ['{"', !Select [1, !Split [":oidc-provider/", !Ref Provider]], ':aud":"sts.amazonaws.com","', !Select [1, !Split [":oidc-provider/", !Ref Provider]], ':sub":"system:serviceaccount:app:web"}']]
          AnyServiceAccount:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: sts:AssumeRoleWithWebIdentity
                    Principal: { Federated: !Ref Provider }
                    Condition: { StringLike: !GetAtt AnyConditionJson.Value }
          WebServiceAccount:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: sts:AssumeRoleWithWebIdentity
                    Principal: { Federated: !Ref Provider }
                    Condition: { StringEquals: !GetAtt PinnedConditionJson.Value }
      `,
      errors: [{ line: 25, message: 'accepts a wildcard subject ("system:serviceaccount:*:*") from Provider (Custom::AWSCDKOpenIdConnectProvider)' }],
    },
    {
      name: 'CDK OIDC providers (Custom::AWSCDKOpenIdConnectProvider): GitHub with a wildcard sub, IRSA with no condition',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          GithubProvider:
            Type: Custom::AWSCDKOpenIdConnectProvider
            Properties:
              ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:cdk-oidc
              Url: https://token.actions.githubusercontent.com
              ClientIDList: [sts.amazonaws.com]
          ClusterProvider:
            Type: Custom::AWSCDKOpenIdConnectProvider
            Properties:
              ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:cdk-oidc
              Url: !GetAtt Cluster.OpenIdConnectIssuerUrl
          GithubWildcard:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: sts:AssumeRoleWithWebIdentity
                    Principal: { Federated: !Ref GithubProvider }
                    Condition:
                      StringEquals: { "token.actions.githubusercontent.com:aud": sts.amazonaws.com }
                      StringLike: { "token.actions.githubusercontent.com:sub": "*" }
          AnyServiceAccount:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: sts:AssumeRoleWithWebIdentity
                    Principal: { Federated: !Ref ClusterProvider }
      `,
      errors: [
        { line: 24, message: 'accepts a wildcard subject ("*") from token.actions.githubusercontent.com' },
        { line: 32, message: 'trusts the OIDC provider ClusterProvider (Custom::AWSCDKOpenIdConnectProvider) without a ":sub" condition' },
        { line: 32, message: 'trusts the OIDC provider ClusterProvider (Custom::AWSCDKOpenIdConnectProvider) without an ":aud" condition' },
      ],
    },
    {
      name: 'ecs-tasks trust without confused-deputy conditions (YAML and list form)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          TaskExecutionRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: 2012-10-17
                Statement:
                  - Effect: Allow
                    Principal:
                      Service:
                        - ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
      `,
      errors: [{ line: 11, message: 'trusts ecs-tasks.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition' }],
    },
    {
      name: 'IRSA without sub, with wildcard sub, without aud (trust policy file)',
      filename: 'trust.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Federated: OIDC }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${KEY}:aud`]: 'sts.amazonaws.com' } } },
            { Sid: 'Wild', Effect: 'Allow', Principal: { Federated: OIDC }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { [`${KEY}:sub`]: 'system:serviceaccount:app:*' } } },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 7, message: 'without a ":sub" condition' },
        { line: 20, message: 'statement "Wild" trusts the OIDC provider oidc.eks.eu-west-1.amazonaws.com/id/ABC without an ":aud" condition' },
        { line: 25, message: 'accepts a wildcard subject ("system:serviceaccount:app:*")' },
      ],
    },
    {
      name: 'Principal "*" and AWS "*" without conditions (CloudFormation JSON)',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Role: {
              Type: 'AWS::IAM::Role',
              Properties: {
                AssumeRolePolicyDocument: {
                  Statement: [
                    { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
                    { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: 'sts:AssumeRole' },
                    { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } },
                    { Effect: 'Allow', Principal: { AWS: '*' }, Action: ['sts:TagSession', 'sts:Assume*'] },
                    { Effect: 'Allow', Principal: { AWS: '*' }, NotAction: 's3:*' },
                  ],
                },
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [
        { line: 10, message: 'lets any AWS principal ("*") assume the role, with no condition' },
        { line: 18, message: 'lets any AWS principal' },
        { line: 38, message: 'lets any AWS principal' },
        { line: 48, message: 'lets any AWS principal' },
      ],
    },
    {
      name: 'a whole account without a condition that names the callers: another account (medium), its own (low) (Checkov CKV_AWS_61)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          ExecutionRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { AWS: arn:aws:iam::123456789101:root }
                    Action: sts:AssumeRole
          AdminRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal:
                      AWS:
                        - !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root
                        - !Ref AWS::AccountId
                    Action: sts:AssumeRole
                    Condition: { Bool: { aws:SecureTransport: "true" } }
      `,
      errors: [
        { line: 8, column: 26, severity: 'medium', message: 'AssumeRolePolicyDocument Statement[0] trusts the whole account arn:aws:iam::123456789101:root with no condition: every principal that account allows can assume the role.' },
        { line: 18, severity: 'low', message: 'trusts its own whole account (arn:aws:iam::\${AWS::AccountId}:root) with only conditions that do not narrow the caller (Bool aws:SecureTransport)' },
        { line: 19, severity: 'low', message: 'trusts its own whole account (\${AWS::AccountId})' },
      ],
    },
    {
      name: 'a whole account in Terraform: the caller identity is the own account, in a template or as a bare reference',
      filename: 'main.tf',
      code: [
        'data "aws_caller_identity" "current" {}',
        'data "aws_iam_policy_document" "assume" {',
        '  statement {',
        '    actions = ["sts:AssumeRole"]',
        '    principals {',
        '      type        = "AWS"',
        '      identifiers = ["arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root", "210987654321", data.aws_caller_identity.current.account_id]',
        '    }',
        '  }',
        '}',
        'resource "aws_iam_role" "admins" {',
        '  name               = "admins"',
        '  assume_role_policy = data.aws_iam_policy_document.assume.json',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 7, severity: 'low', message: 'trusts its own whole account (arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root)' },
        { line: 7, severity: 'medium', message: 'trusts the whole account 210987654321 with no condition' },
        { line: 7, severity: 'low', message: 'trusts its own whole account (data.aws_caller_identity.current.account_id)' },
      ],
    },
    {
      name: 'Terraform: an IRSA provider ARN built with format() (Cloud Posse) and no condition blocks',
      filename: 'main.tf',
      code: [
        'variable "account" { type = string }',
        'data "aws_iam_policy_document" "assume" {',
        '  statement {',
        '    actions = ["sts:AssumeRoleWithWebIdentity"]',
        '    principals {',
        '      type        = "Federated"',
        '      identifiers = [format("arn:%s:iam::%s:oidc-provider/%s", "aws", var.account, "oidc.eks.us-west-2.amazonaws.com/id/ABC")]',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 7, severity: 'high', message: 'trusts the OIDC provider oidc.eks.us-west-2.amazonaws.com/id/ABC without a ":sub" condition' },
        { line: 7, severity: 'medium', message: 'without an ":aud" condition' },
      ],
    },
    {
      name: 'GitHub Actions trust whose aud list holds a wildcard: no audience condition at all',
      filename: 'trust.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringLike: { 'token.actions.githubusercontent.com:aud': ['sts.amazonaws.com', '*'], 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' } },
            },
          ],
        },
        null,
        2,
      ),
      errors: [{ line: 7, severity: 'medium', message: 'trusts the OIDC provider token.actions.githubusercontent.com without an ":aud" condition' }],
    },
    {
      name: 'Terraform jsonencode IRSA trust whose condition keys are templates (the issuer from the provider resource)',
      filename: 'main.tf',
      code: [
        'data "aws_eks_cluster" "c" { name = "x" }',
        'resource "aws_iam_openid_connect_provider" "oidc" {',
        '  url            = data.aws_eks_cluster.c.identity[0].oidc[0].issuer',
        '  client_id_list = ["sts.amazonaws.com"]',
        '}',
        'resource "aws_iam_role" "irsa" {',
        '  name = "irsa"',
        '  assume_role_policy = jsonencode({',
        '    Version = "2012-10-17"',
        '    Statement = [{',
        '      Effect    = "Allow"',
        '      Principal = { Federated = aws_iam_openid_connect_provider.oidc.arn }',
        '      Action    = "sts:AssumeRoleWithWebIdentity"',
        '      Condition = { StringLike = { "${replace(aws_iam_openid_connect_provider.oidc.url, "https://", "")}:sub" = "system:serviceaccount:*:*" } }',
        '    }]',
        '  })',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 12, severity: 'medium', message: 'without an ":aud" condition' },
        { line: 14, severity: 'high', message: 'accepts a wildcard subject ("system:serviceaccount:*:*")' },
      ],
    },
    {
      name: 'Terraform heredoc trust that interpolates the provider resource\'s ARN and the issuer in the condition key',
      filename: 'main.tf',
      code: [
        'resource "aws_iam_openid_connect_provider" "oidc" {',
        '  url            = "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC"',
        '  client_id_list = ["sts.amazonaws.com"]',
        '}',
        'locals { issuer = replace(aws_iam_openid_connect_provider.oidc.url, "https://", "") }',
        'resource "aws_iam_role" "irsa" {',
        '  name = "irsa"',
        '  assume_role_policy = <<EOF',
        '{',
        '  "Statement": [{',
        '    "Effect": "Allow",',
        '    "Principal": {"Federated": "${aws_iam_openid_connect_provider.oidc.arn}"},',
        '    "Action": "sts:AssumeRoleWithWebIdentity",',
        '    "Condition": {"StringLike": {"${local.issuer}:sub": "system:serviceaccount:*:*"}}',
        '  }]',
        '}',
        'EOF',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 12, severity: 'medium', message: 'trusts the OIDC provider oidc.eks.eu-west-1.amazonaws.com/id/ABC without an ":aud" condition' },
        { line: 14, severity: 'high', message: 'accepts a wildcard subject ("system:serviceaccount:*:*") from oidc.eks.eu-west-1.amazonaws.com/id/ABC' },
      ],
    },
    {
      name: 'CloudFormation Fn::Sub JSON trust whose sub value is templated: the subject is unknown, the missing aud is still reported',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          OidcId: { Type: String }
          Namespace: { Type: String }
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Fn::Sub: |
                  {
                    "Statement": [
                      {
                        "Effect": "Allow",
                        "Principal": { "Federated": "arn:aws:iam::\${AWS::AccountId}:oidc-provider/oidc.eks.\${AWS::Region}.amazonaws.com/id/\${OidcId}" },
                        "Action": "sts:AssumeRoleWithWebIdentity",
                        "Condition": { "StringLike": { "oidc.eks.\${AWS::Region}.amazonaws.com/id/\${OidcId}:sub": "system:serviceaccount:\${Namespace}:*" } }
                      }
                    ]
                  }
      `,
      errors: [{ line: 14, severity: 'medium', message: 'without an ":aud" condition' }],
    },
    {
      name: 'Principal "*" under conditions any caller can meet: a user name, TLS, IfExists',
      filename: 'trust.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:username': 'deployer' } } },
            { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:SecureTransport': 'true' }, StringEqualsIfExists: { 'aws:PrincipalAccount': '111122223333' } } },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 7, message: 'lets any AWS principal ("*") assume the role, with only conditions that do not narrow the caller (StringEquals aws:username).' },
        { line: 18, message: 'with only conditions that do not narrow the caller (Bool aws:SecureTransport, StringEqualsIfExists aws:PrincipalAccount).' },
      ],
    },
    {
      name: 'a sub of another issuer under IfExists does not close the trust: tokens without the key pass',
      filename: 'trust.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
                StringLikeIfExists: { 'token.actions.githubusercontent.com/github-org:sub': 'repo:org/*' },
              },
            },
          ],
        },
        null,
        2,
      ),
      errors: [{ line: 7, message: 'trusts the OIDC provider token.actions.githubusercontent.com without a ":sub" condition' }],
    },
    {
      name: 'IRSA trust by !Ref / !GetAtt to an OIDC provider of the template, and an ARN built with Fn::Sub',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          OidcHost: { Type: String }
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              RoleArn: arn:aws:iam::123456789012:role/eks
              ResourcesVpcConfig: { SubnetIds: [a, b] }
          Oidc:
            Type: AWS::IAM::OIDCProvider
            Properties:
              Url: !GetAtt Cluster.OpenIdConnectIssuerUrl
              ClientIdList: [sts.amazonaws.com]
          Known:
            Type: AWS::IAM::OIDCProvider
            Properties:
              Url: https://oidc.eks.eu-west-1.amazonaws.com/id/ABC
          IrsaRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Principal:
                      Federated: !Ref Oidc
                    Action: sts:AssumeRoleWithWebIdentity
                  - Sid: OtherClusterKeys
                    Effect: Allow
                    Principal: { Federated: !GetAtt Known.Arn }
                    Action: sts:AssumeRoleWithWebIdentity
                    Condition:
                      StringEqualsIfExists:
                        oidc.eks.us-east-1.amazonaws.com/id/XYZ:sub: system:serviceaccount:app:web
                        oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud: sts.amazonaws.com
                  - Sid: Built
                    Effect: Allow
                    Principal: { Federated: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/\${OidcHost}" }
                    Action: sts:AssumeRoleWithWebIdentity
                    Condition:
                      StringLike: { "\${OidcHost}:sub": "system:serviceaccount:*" }
      `,
      errors: [
        { line: 26, message: 'AssumeRolePolicyDocument Statement[0] trusts the OIDC provider Oidc (AWS::IAM::OIDCProvider) without a ":sub" condition' },
        { line: 26, message: 'AssumeRolePolicyDocument Statement[0] trusts the OIDC provider Oidc (AWS::IAM::OIDCProvider) without an ":aud" condition (expected "sts.amazonaws.com").' },
        { line: 30, message: 'statement "OtherClusterKeys" trusts the OIDC provider oidc.eks.eu-west-1.amazonaws.com/id/ABC without a ":sub" condition' },
        { line: 38, message: 'statement "Built" trusts the OIDC provider arn:aws:iam::${AWS::AccountId}:oidc-provider/${OidcHost} without an ":aud" condition' },
        { line: 41, message: 'statement "Built" accepts a wildcard subject ("system:serviceaccount:*") from arn:aws:iam::${AWS::AccountId}:oidc-provider/${OidcHost}' },
      ],
    },
    {
      name: 'IRSA trust in another template\'s OIDC provider through Fn::ImportValue (CloudFormation JSON)',
      filename: 'role.json',
      others: [
        {
          filename: 'cluster.yaml',
          code: yaml`
            Resources:
              Oidc:
                Type: AWS::IAM::OIDCProvider
                Properties:
                  Url: https://oidc.eks.eu-west-1.amazonaws.com/id/ABC
            Outputs:
              OidcArn:
                Value: !GetAtt Oidc.Arn
                Export: { Name: cluster-oidc-arn }
          `,
        },
      ],
      code: JSON.stringify(
        {
          Resources: {
            Role: {
              Type: 'AWS::IAM::Role',
              Properties: {
                AssumeRolePolicyDocument: {
                  Statement: [
                    {
                      Effect: 'Allow',
                      Principal: { Federated: [{ 'Fn::ImportValue': 'cluster-oidc-arn' }] },
                      Action: 'sts:AssumeRoleWithWebIdentity',
                      Condition: { StringEquals: { 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:aud': 'sts.amazonaws.com' } },
                    },
                  ],
                },
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 12, message: 'AssumeRolePolicyDocument Statement[0] trusts the OIDC provider oidc.eks.eu-west-1.amazonaws.com/id/ABC without a ":sub" condition' }],
    },
  ],
});
