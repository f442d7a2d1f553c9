import rule from '../../../src/rules/gov/ram-share-internal.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: AllowExternalPrincipals false',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Share:
            Type: AWS::RAM::ResourceShare
            Properties:
              Name: subnets
              AllowExternalPrincipals: false
              Principals: [arn:aws:organizations::111111111111:organization/o-abc]
      `,
    },
    {
      name: 'CloudFormation: AllowExternalPrincipals from a parameter is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          External: { Type: String }
        Resources:
          Share:
            Type: AWS::RAM::ResourceShare
            Properties:
              Name: subnets
              AllowExternalPrincipals: !Ref External
      `,
    },
    {
      name: 'Terraform: default (false) and explicit false',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ram_resource_share" "a" {
          name = "a"
        }
        resource "aws_ram_resource_share" "b" {
          name                      = "b"
          allow_external_principals = false
        }
      `,
    },
    {
      name: 'Terraform: from a variable without default',
      filename: 'main.tf',
      code: yaml`
        variable "external" {}
        resource "aws_ram_resource_share" "a" {
          name                      = "a"
          allow_external_principals = var.external
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: AllowExternalPrincipals missing (defaults to true)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Share:
            Type: AWS::RAM::ResourceShare
            Properties:
              Name: subnets
      `,
      errors: [{ line: 4, message: 'defaults to true' }],
    },
    {
      name: 'CloudFormation: AllowExternalPrincipals true (string form too)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Share:
            Type: AWS::RAM::ResourceShare
            Properties:
              Name: subnets
              AllowExternalPrincipals: true
          Other:
            Type: AWS::RAM::ResourceShare
            Properties:
              Name: other
              AllowExternalPrincipals: "true"
      `,
      errors: [
        { line: 6, message: 'allows external principals' },
        { line: 11, message: 'allows external principals' },
      ],
    },
    {
      name: 'CloudFormation JSON: AllowExternalPrincipals true',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Share: { Type: 'AWS::RAM::ResourceShare', Properties: { Name: 'x', AllowExternalPrincipals: true } } } }, null, 2),
      errors: [{ line: 7, message: 'allows external principals' }],
    },
    {
      name: 'Terraform: allow_external_principals = true',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ram_resource_share" "a" {
          name                      = "a"
          allow_external_principals = true
        }
      `,
      errors: [{ line: 3, message: 'allows external principals' }],
    },
  ],
});
