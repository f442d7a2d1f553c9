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
  ],
});
