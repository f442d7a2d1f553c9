import rule from '../../../src/rules/iam/no-public-ecr-repository-policy.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'named principal (Trivy AVD-AWS-0032 good example shape)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          GoodExample:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: test-repository
              RepositoryPolicyText:
                Statement:
                  - Action: [ecr:PutImage]
                    Effect: Allow
                    Principal: { AWS: [arn:aws:iam::123456789012:user/Alice] }
                Version: "2012-10-17"
      `,
    },
    {
      name: 'principal * limited to the organization',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryPolicyText:
                Statement:
                  - Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]
                    Effect: Allow
                    Principal: "*"
                    Condition: { StringEquals: { aws:PrincipalOrgID: o-abc123 } }
      `,
    },
    {
      name: 'principal * limited by source address, caller ARN or AWS service; an unresolved organization id is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          OrgId: { Type: String }
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryPolicyText:
                Statement:
                  - Action: ecr:BatchGetImage
                    Effect: Allow
                    Principal: "*"
                    Condition: { IpAddress: { aws:SourceIp: [203.0.113.0/24] } }
                  - Action: ecr:BatchGetImage
                    Effect: Allow
                    Principal: { AWS: "*" }
                    Condition: { ArnLike: { aws:PrincipalArn: arn:aws:iam::123456789012:role/ci-* } }
                  - Action: ecr:BatchGetImage
                    Effect: Allow
                    Principal: "*"
                    Condition: { Bool: { aws:PrincipalIsAWSService: "true" } }
                  - Action: ecr:BatchGetImage
                    Effect: Allow
                    Principal: "*"
                    Condition: { StringEquals: { aws:PrincipalOrgID: !Ref OrgId } }
                  - Action: ecr:BatchGetImage
                    Effect: Allow
                    Principal: "*"
                    Condition: { Bool: { aws:PrincipalIsAWSService: !Ref OrgId } }
                  - Action: ecr:BatchGetImage
                    Effect: Allow
                    Principal: "*"
                    Condition: { "ForAnyValue:StringLike": { aws:PrincipalOrgPaths: "o-abc123/r-ab12/ou-ab12-11111111/*" } }
      `,
    },
  ],
  invalid: [
    {
      name: 'AWS ["*"] push policy (Trivy AVD-AWS-0032 bad example shape)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          BadExample:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: test-repository
              RepositoryPolicyText:
                Statement:
                  - Action:
                      - ecr:PutImage
                    Effect: Allow
                    Principal:
                      AWS:
                        - '*'
                    Sid: AllowPushPull
                Version: "2012-10-17"
      `,
      errors: [{ line: 13, message: 'statement "AllowPushPull" allows any principal ("*") to ecr:PutImage with no condition' }],
    },
    {
      name: 'policy given as a JSON string (CloudFormation JSON) and a standalone repository policy file',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Repo: {
              Type: 'AWS::ECR::Repository',
              Properties: { RepositoryPolicyText: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:BatchGetImage' }] }) },
            },
          },
        },
        null,
        2,
      ),
      others: [{ filename: 'repo-policy.json', code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['ecr:BatchGetImage'] }] }, null, 2) }],
      errors: [
        { line: 7, path: 'repo-policy.json', message: 'the repository is public' },
        { line: 6, message: 'allows any principal ("*") to ecr:BatchGetImage' },
      ],
    },
    {
      name: 'Terraform: * under a condition on aws:username with ForAllValues (Checkov CKV_AWS_32 fail_conditional shape)',
      filename: 'main.tf',
      code: `resource "aws_ecr_repository_policy" "conditional" {
  repository = "app"
  policy = jsonencode({
    Version = "2008-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:PutImage", "ecr:SetRepositoryPolicy"]
      Condition = { "ForAllValues:StringEquals" = { "aws:username" = "pull-user-1" } }
    }]
  })
}
`,
      errors: [
        {
          line: 7,
          message:
            'allows any principal ("*") to ecr:BatchGetImage, ecr:PutImage, ecr:SetRepositoryPolicy with only conditions that do not narrow the caller (ForAllValues:StringEquals aws:username): the repository is public.',
        },
      ],
    },
    {
      name: 'conditions a caller without the key, or any caller, satisfies: TLS only, IfExists, ForAllValues, any address',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryPolicyText:
                Statement:
                  - Action: ecr:PutImage
                    Effect: Allow
                    Principal: { AWS: "*" }
                    Condition: { Bool: { aws:SecureTransport: "true" } }
                  - Action: ecr:BatchGetImage
                    Effect: Allow
                    Principal: "*"
                    Condition: { StringEqualsIfExists: { aws:SourceVpce: vpce-1a2b3c4d } }
                  - Action: ecr:BatchGetImage
                    Effect: Allow
                    Principal: "*"
                    Condition: { "ForAllValues:StringEquals": { aws:PrincipalOrgID: o-abc123 } }
                  - Action: ecr:BatchGetImage
                    Effect: Allow
                    Principal: "*"
                    Condition: { IpAddress: { aws:SourceIp: 0.0.0.0/0 } }
                  - Action: ecr:BatchGetImage
                    Effect: Allow
                    Principal: "*"
                    Condition: { StringLike: { aws:PrincipalAccount: "*" } }
      `,
      errors: [
        { line: 9, message: 'with only conditions that do not narrow the caller (Bool aws:SecureTransport)' },
        { line: 13, message: 'with only conditions that do not narrow the caller (StringEqualsIfExists aws:SourceVpce)' },
        { line: 17, message: 'with only conditions that do not narrow the caller (ForAllValues:StringEquals aws:PrincipalOrgID)' },
        { line: 21, message: 'with only conditions that do not narrow the caller (IpAddress aws:SourceIp)' },
        { line: 25, message: 'with only conditions that do not narrow the caller (StringLike aws:PrincipalAccount)' },
      ],
    },
  ],
});
