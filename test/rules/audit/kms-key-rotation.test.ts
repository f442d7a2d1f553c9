import rule from '../../../src/rules/audit/kms-key-rotation.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: rotation on; keys AWS cannot rotate; a parameter is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Rotate: { Type: String }
        Resources:
          Rotated:
            Type: AWS::KMS::Key
            Properties: { EnableKeyRotation: true, RotationPeriodInDays: 180 }
          Signing:
            Type: AWS::KMS::Key
            Properties: { KeySpec: ECC_NIST_P256, KeyUsage: SIGN_VERIFY }
          Hmac:
            Type: AWS::KMS::Key
            Properties: { KeySpec: HMAC_256, KeyUsage: GENERATE_VERIFY_MAC }
          Imported:
            Type: AWS::KMS::Key
            Properties: { Origin: EXTERNAL }
          Unknown:
            Type: AWS::KMS::Key
            Properties: { EnableKeyRotation: !Ref Rotate }
      `,
    },
    {
      name: 'Terraform: enable_key_rotation = true; an asymmetric key; imported material is another resource type',
      filename: 'main.tf',
      code: [
        'resource "aws_kms_key" "logs" {',
        '  enable_key_rotation = true',
        '}',
        'resource "aws_kms_key" "signing" {',
        '  customer_master_key_spec = "RSA_2048"',
        '  key_usage                = "SIGN_VERIFY"',
        '}',
        'resource "aws_kms_external_key" "imported" {}',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: rotation not set, and set to false',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          TrailKey:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy: { Version: "2012-10-17", Statement: [] }
          Explicit:
            Type: AWS::KMS::Key
            Properties:
              KeySpec: SYMMETRIC_DEFAULT
              EnableKeyRotation: false
      `,
      errors: [
        { line: 4, message: 'The key material of this KMS key is never rotated: EnableKeyRotation is not set (default false).' },
        { line: 10, column: 7, message: 'The key material of this KMS key is never rotated (EnableKeyRotation is false).' },
      ],
    },
    {
      name: 'CloudFormation JSON: a key without properties',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Key: { Type: 'AWS::KMS::Key' } } }, null, 2),
      errors: [{ line: 3, message: 'EnableKeyRotation is not set' }],
    },
    {
      name: 'Terraform: not set, false, and null (the default)',
      filename: 'main.tf',
      code: [
        'resource "aws_kms_key" "a" {',
        '  description = "ecr"',
        '}',
        'resource "aws_kms_key" "b" {',
        '  enable_key_rotation = false',
        '}',
        'resource "aws_kms_key" "c" {',
        '  enable_key_rotation = null',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 1, message: 'enable_key_rotation is not set (default false)' },
        { line: 5, message: '(enable_key_rotation is false)' },
        { line: 7, message: 'enable_key_rotation is not set (default false)' },
      ],
    },
  ],
});
