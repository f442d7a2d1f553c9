import rule from '../../../src/rules/net/security-group-description.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: described group, description from a parameter',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Text: { Type: String }
        Resources:
          A:
            Type: AWS::EC2::SecurityGroup
            Properties: { GroupDescription: orders-api tasks }
          B:
            Type: AWS::EC2::SecurityGroup
            Properties: { GroupDescription: !Ref Text }
      `,
    },
    {
      name: 'Terraform: described group',
      filename: 'main.tf',
      code: yaml`
        resource "aws_security_group" "a" {
          description = "orders-api tasks"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'Terraform: the provider default written out says no more than none',
      filename: 'main.tf',
      code: yaml`
        resource "aws_security_group" "a" {
          name        = "a"
          description = "Managed by Terraform"
        }
      `,
      errors: [{ line: 3, message: 'The security group\'s description is Terraform\'s default "Managed by Terraform"' }],
    },
    {
      name: 'CloudFormation YAML: missing and empty',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          A:
            Type: AWS::EC2::SecurityGroup
            Properties:
              VpcId: vpc-1
          B:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: ""
      `,
      errors: [
        { line: 4, message: 'The security group has no GroupDescription: say which workload it protects.' },
        { line: 9, message: "The security group's GroupDescription is empty: say which workload it protects." },
      ],
    },
    {
      name: 'CloudFormation JSON: missing',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { A: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: 'vpc-1' } } } }, null, 2),
      errors: [{ line: 5 }],
    },
    {
      name: 'Terraform: empty and missing',
      filename: 'main.tf',
      code: yaml`
        resource "aws_security_group" "a" {
          description = ""
        }
        resource "aws_security_group" "b" {
          name = "b"
        }
        resource "aws_security_group" "c" {
          name        = "c"
          description = null
        }
      `,
      // Set to null, the argument is omitted: the provider's default description applies (KICS positive1-2).
      errors: [{ line: 2 }, { line: 4, message: /Managed by Terraform/ }, { line: 7, message: /Managed by Terraform/ }],
    },
  ],
});
