import rule from '../../../src/rules/audit/ecr-kms-encryption.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: KMS with a key of the template, KMS_DSSE with an alias, a parameter',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Key: { Type: String }
        Resources:
          EcrKey:
            Type: AWS::KMS::Key
          A:
            Type: AWS::ECR::Repository
            Properties:
              EncryptionConfiguration: { EncryptionType: KMS, KmsKey: !GetAtt EcrKey.Arn }
          B:
            Type: AWS::ECR::Repository
            Properties:
              EncryptionConfiguration: { EncryptionType: KMS_DSSE, KmsKey: alias/ecr-key }
          C:
            Type: AWS::ECR::Repository
            Properties:
              EncryptionConfiguration: { EncryptionType: KMS, KmsKey: !Ref Key }
      `,
    },
    {
      name: 'Terraform: KMS with kms_key',
      filename: 'main.tf',
      code: yaml`
        resource "aws_kms_key" "ecr" {}
        resource "aws_ecr_repository" "a" {
          name = "a"
          encryption_configuration {
            encryption_type = "KMS"
            kms_key         = aws_kms_key.ecr.arn
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: no EncryptionConfiguration; AES256; KMS without a key; AWS-managed alias',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          A:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: a
          B:
            Type: AWS::ECR::Repository
            Properties:
              EncryptionConfiguration:
                EncryptionType: AES256
          C:
            Type: AWS::ECR::Repository
            Properties:
              EncryptionConfiguration:
                EncryptionType: KMS
          D:
            Type: AWS::ECR::Repository
            Properties:
              EncryptionConfiguration:
                EncryptionType: KMS
                KmsKey: alias/aws/ecr
      `,
      errors: [
        { line: 4, message: 'no EncryptionConfiguration.EncryptionType (default AES256)' },
        { line: 10, message: 'EncryptionType is AES256' },
        { line: 15, message: 'AWS-managed aws/ecr key' },
        { line: 21, message: 'AWS-managed key alias/aws/ecr' },
      ],
    },
    {
      name: 'CloudFormation JSON: no EncryptionConfiguration',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Repo: { Type: 'AWS::ECR::Repository', Properties: { RepositoryName: 'app' } } } }, null, 2),
      errors: [{ line: 5 }],
    },
    {
      name: 'Terraform: no block, and KMS without kms_key',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecr_repository" "a" {
          name = "a"
        }
        resource "aws_ecr_repository" "b" {
          name = "b"
          encryption_configuration {
            encryption_type = "KMS"
          }
        }
      `,
      errors: [
        { line: 1, message: 'no encryption_configuration.encryption_type' },
        { line: 7, message: 'AWS-managed aws/ecr key' },
      ],
    },
  ],
});
