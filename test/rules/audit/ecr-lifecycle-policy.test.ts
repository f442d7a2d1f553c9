import rule from '../../../src/rules/audit/ecr-lifecycle-policy.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const POLICY = '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},"action":{"type":"expire"}}]}';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: a lifecycle policy, and one given by a parameter',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Lifecycle: { Type: String }
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              LifecyclePolicy:
                LifecyclePolicyText: '${POLICY}'
          Other:
            Type: AWS::ECR::Repository
            Properties:
              LifecyclePolicy: !Ref Lifecycle
      `,
    },
    {
      name: 'Terraform: lifecycle policies by reference and by literal name; one whose repository is a variable may name any',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecr_repository" "app" {
          name = "app"
        }
        resource "aws_ecr_lifecycle_policy" "app" {
          repository = aws_ecr_repository.app.name
          policy     = jsonencode({ rules = [] })
        }
        resource "aws_ecr_repository" "worker" {
          name = "worker"
        }
        resource "aws_ecr_lifecycle_policy" "worker" {
          repository = "worker"
          policy     = jsonencode({ rules = [] })
        }
      `,
      others: [
        {
          filename: 'module/main.tf',
          code: yaml`
            variable "repository" {}
            resource "aws_ecr_repository" "this" {
              name = "this"
            }
            resource "aws_ecr_lifecycle_policy" "this" {
              repository = var.repository
              policy     = jsonencode({ rules = [] })
            }
          `,
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'CloudFormation YAML and JSON: no LifecyclePolicy',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: app
              ImageTagMutability: IMMUTABLE
      `,
      others: [{ filename: 'template.json', code: JSON.stringify({ Resources: { Repo: { Type: 'AWS::ECR::Repository' } } }, null, 2) }],
      errors: [
        { path: 'template.json', line: 3, message: 'The repository has no LifecyclePolicy: every image ever pushed stays pullable.' },
        { line: 4, message: 'The repository has no LifecyclePolicy' },
      ],
    },
    {
      name: 'Terraform: no lifecycle policy, or one for another repository (by reference and by name)',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecr_repository" "app" {
          name = "app"
        }
        resource "aws_ecr_repository" "other" {
          name = "other"
        }
        resource "aws_ecr_lifecycle_policy" "other" {
          repository = aws_ecr_repository.other.name
          policy     = jsonencode({ rules = [] })
        }
        resource "aws_ecr_repository" "third" {
          name = "third"
        }
        resource "aws_ecr_lifecycle_policy" "named" {
          repository = "other"
          policy     = jsonencode({ rules = [] })
        }
      `,
      errors: [
        { line: 2, message: 'No aws_ecr_lifecycle_policy names the repository: every image ever pushed stays pullable.' },
        { line: 12, message: 'No aws_ecr_lifecycle_policy names the repository' },
      ],
    },
  ],
});
