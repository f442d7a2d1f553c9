import rule from '../../../src/rules/audit/securityhub-enabled.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: hub with default standards (implicit and explicit)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Hub:
            Type: AWS::SecurityHub::Hub
          Hub2:
            Type: AWS::SecurityHub::Hub
            Properties: { EnableDefaultStandards: true }
      `,
    },
    {
      name: 'CloudFormation: defaults off but FSBP subscribed with Fn::Sub',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Hub:
            Type: AWS::SecurityHub::Hub
            Properties: { EnableDefaultStandards: false }
          Fsbp:
            Type: AWS::SecurityHub::Standard
            Properties:
              StandardsArn: !Sub arn:\${AWS::Partition}:securityhub:\${AWS::Region}::standards/aws-foundational-security-best-practices/v/1.0.0
      `,
    },
    {
      name: 'Terraform: defaults off, FSBP subscription',
      filename: 'main.tf',
      code: yaml`
        resource "aws_securityhub_account" "main" {
          enable_default_standards = false
        }
        resource "aws_securityhub_standards_subscription" "fsbp" {
          standards_arn = "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0"
          depends_on    = [aws_securityhub_account.main]
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: defaults off, only CIS subscribed',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Hub:
            Type: AWS::SecurityHub::Hub
            Properties:
              EnableDefaultStandards: false
          Cis:
            Type: AWS::SecurityHub::Standard
            Properties:
              StandardsArn: arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0
      `,
      errors: [{ line: 5, message: 'without the AWS Foundational Security Best Practices standard' }],
    },
    {
      name: 'CloudFormation JSON: defaults off',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Hub: { Type: 'AWS::SecurityHub::Hub', Properties: { EnableDefaultStandards: false } } } }, null, 2),
      errors: [{ line: 6 }],
    },
    {
      name: 'Terraform: defaults off and nothing subscribed',
      filename: 'main.tf',
      code: yaml`
        resource "aws_securityhub_account" "main" {
          enable_default_standards = false
        }
      `,
      errors: [{ line: 2, message: 'enable_default_standards is false' }],
    },
  ],
});
