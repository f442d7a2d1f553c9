import rule from '../../../src/rules/audit/ecr-scan-on-push.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: ScanOnPush true; a parameter is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Scan: { Type: String }
        Resources:
          A:
            Type: AWS::ECR::Repository
            Properties:
              ImageScanningConfiguration: { ScanOnPush: true }
          B:
            Type: AWS::ECR::Repository
            Properties:
              ImageScanningConfiguration: { ScanOnPush: !Ref Scan }
      `,
    },
    {
      name: 'CloudFormation: registry-wide enhanced scanning of every repository',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Registry:
            Type: AWS::ECR::RegistryScanningConfiguration
            Properties:
              ScanType: ENHANCED
              Rules:
                - ScanFrequency: CONTINUOUS_SCAN
                  RepositoryFilters: [{ Filter: "*", FilterType: WILDCARD }]
          Repo:
            Type: AWS::ECR::Repository
      `,
    },
    {
      name: 'Terraform: scan_on_push = true',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecr_repository" "a" {
          name = "a"
          image_scanning_configuration {
            scan_on_push = true
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: ScanOnPush false',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              ImageScanningConfiguration:
                ScanOnPush: false
              RepositoryName: app
      `,
      errors: [{ line: 6, message: 'ImageScanningConfiguration.ScanOnPush is false' }],
    },
    {
      name: 'CloudFormation: no Properties at all, reported at the resource',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Repo:
            Type: AWS::ECR::Repository
      `,
      errors: [{ line: 2, message: 'is not set (default false)' }],
    },
    {
      name: 'CloudFormation JSON: registry rule for some repositories only does not cover this one',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Registry: {
              Type: 'AWS::ECR::RegistryScanningConfiguration',
              Properties: { ScanType: 'BASIC', Rules: [{ ScanFrequency: 'SCAN_ON_PUSH', RepositoryFilters: [{ Filter: 'prod-*', FilterType: 'WILDCARD' }] }] },
            },
            Repo: { Type: 'AWS::ECR::Repository', Properties: { RepositoryName: 'app' } },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 22 }],
    },
    {
      name: 'Terraform: block missing, and scan_on_push = false',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecr_repository" "unset" {
          name = "unset"
        }
        resource "aws_ecr_repository" "off" {
          name = "off"
          image_scanning_configuration {
            scan_on_push = false
          }
        }
      `,
      errors: [
        { line: 1, message: 'image_scanning_configuration.scan_on_push is not set' },
        { line: 7, message: 'scan_on_push is false' },
      ],
    },
  ],
});
