import rule from '../../../src/rules/audit/ecr-immutable-tags.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, parameter',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Mutability: { Type: String }
        Resources:
          A:
            Type: AWS::ECR::Repository
            Properties: { ImageTagMutability: IMMUTABLE }
          B:
            Type: AWS::ECR::Repository
            Properties:
              ImageTagMutability: IMMUTABLE_WITH_EXCLUSION
              ImageTagMutabilityExclusionFilters: [{ ImageTagMutabilityExclusionFilterType: WILDCARD, ImageTagMutabilityExclusionFilterValue: latest }]
          C:
            Type: AWS::ECR::Repository
            Properties: { ImageTagMutability: !Ref Mutability }
      `,
    },
    {
      name: 'Terraform: IMMUTABLE',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecr_repository" "a" {
          name                 = "a"
          image_tag_mutability = "IMMUTABLE"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: not set (default MUTABLE), and MUTABLE_WITH_EXCLUSION',
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
              RepositoryName: b
              ImageTagMutability: MUTABLE_WITH_EXCLUSION
      `,
      errors: [
        { line: 4, message: 'ImageTagMutability is not set (default MUTABLE)' },
        { line: 10, message: 'ImageTagMutability is MUTABLE_WITH_EXCLUSION' },
      ],
    },
    {
      name: 'CloudFormation JSON: MUTABLE',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Repo: { Type: 'AWS::ECR::Repository', Properties: { ImageTagMutability: 'MUTABLE' } } } }, null, 2),
      errors: [{ line: 6, message: 'is MUTABLE' }],
    },
    {
      name: 'Terraform: MUTABLE and unset',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecr_repository" "a" {
          name                 = "a"
          image_tag_mutability = "MUTABLE"
        }
        resource "aws_ecr_repository" "b" {
          name = "b"
        }
      `,
      errors: [
        { line: 3, message: 'image_tag_mutability is MUTABLE' },
        { line: 5, message: 'image_tag_mutability is not set' },
      ],
    },
  ],
});
