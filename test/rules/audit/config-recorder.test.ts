import rule from '../../../src/rules/audit/config-recorder.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: recorder of all types incl. global; all-region aggregators',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Recorder:
            Type: AWS::Config::ConfigurationRecorder
            Properties:
              RoleARN: arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig
              RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true }
          Accounts:
            Type: AWS::Config::ConfigurationAggregator
            Properties:
              AccountAggregationSources:
                - AccountIds: ["111122223333"]
                  AllAwsRegions: true
          Org:
            Type: AWS::Config::ConfigurationAggregator
            Properties:
              OrganizationAggregationSource: { RoleArn: arn:aws:iam::111122223333:role/agg, AllAwsRegions: true }
      `,
    },
    {
      name: 'Terraform: recorder and aggregator covering everything; unknown regions',
      filename: 'main.tf',
      code: yaml`
        variable "regions" {}
        resource "aws_config_configuration_recorder" "main" {
          name     = "main"
          role_arn = "arn:aws:iam::111122223333:role/config"
          recording_group {
            all_supported                 = true
            include_global_resource_types = true
          }
        }
        resource "aws_config_configuration_aggregator" "org" {
          name = "org"
          organization_aggregation_source {
            role_arn    = "arn:aws:iam::111122223333:role/agg"
            all_regions = true
          }
        }
        resource "aws_config_configuration_aggregator" "some" {
          name = "some"
          account_aggregation_source {
            account_ids = ["111122223333"]
            regions     = var.regions
          }
        }
        variable "recording" {}
        resource "aws_config_configuration_recorder_status" "main" {
          name       = aws_config_configuration_recorder.main.name
          is_enabled = true
        }
        resource "aws_config_configuration_recorder_status" "maybe" {
          name       = aws_config_configuration_recorder.main.name
          is_enabled = var.recording
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: selected types only; global types excluded; strategy of selected types',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Selected:
            Type: AWS::Config::ConfigurationRecorder
            Properties:
              RoleARN: arn:aws:iam::111122223333:role/config
              RecordingGroup:
                AllSupported: false
                ResourceTypes: [AWS::EC2::Instance]
          NoGlobal:
            Type: AWS::Config::ConfigurationRecorder
            Properties:
              RoleARN: arn:aws:iam::111122223333:role/config
              RecordingGroup:
                AllSupported: true
                IncludeGlobalResourceTypes: false
          Strategy:
            Type: AWS::Config::ConfigurationRecorder
            Properties:
              RoleARN: arn:aws:iam::111122223333:role/config
              RecordingGroup:
                RecordingStrategy: { UseOnly: INCLUSION_BY_RESOURCE_TYPES }
                ResourceTypes: [AWS::S3::Bucket]
      `,
      errors: [
        { line: 7, message: 'records only selected resource types (AllSupported is false)' },
        { line: 15, message: 'leaves out global resource types' },
        { line: 21, message: 'INCLUSION_BY_RESOURCE_TYPES' },
      ],
    },
    {
      name: 'CloudFormation: aggregator without any source, and one with listed regions',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Empty:
            Type: AWS::Config::ConfigurationAggregator
            Properties:
              ConfigurationAggregatorName: empty
          Some:
            Type: AWS::Config::ConfigurationAggregator
            Properties:
              AccountAggregationSources:
                - AccountIds: ["111122223333"]
                  AwsRegions: [eu-west-1]
          Explicit:
            Type: AWS::Config::ConfigurationAggregator
            Properties:
              OrganizationAggregationSource:
                RoleArn: arn:aws:iam::111122223333:role/aggregator
                AllAwsRegions: false
                AwsRegions: [eu-west-1]
      `,
      // An explicit false is where the finding goes (KICS config_configuration_aggregator_to_all_regions_disabled).
      errors: [
        { line: 4, message: 'has no source that covers all regions' },
        { line: 9, message: 'collects only some regions' },
        { line: 17, message: 'collects only some regions' },
      ],
    },
    {
      name: 'CloudFormation: a ResourceTypes list without AllSupported (as in the AWS sample template)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Recorder:
            Type: AWS::Config::ConfigurationRecorder
            Properties:
              Name: default
              RecordingGroup:
                ResourceTypes:
                  - AWS::EC2::Volume
              RoleARN: !GetAtt ConfigRole.Arn
      `,
      errors: [{ line: 7, message: 'records only the resource types it lists (AllSupported is not set)' }],
    },
    {
      name: 'CloudFormation JSON: AllSupported false',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Recorder: { Type: 'AWS::Config::ConfigurationRecorder', Properties: { RoleARN: 'arn:aws:iam::1:role/c', RecordingGroup: { AllSupported: false } } } } },
        null,
        2,
      ),
      errors: [{ line: 8 }],
    },
    {
      name: 'Terraform: all_supported false; aggregator listing regions',
      filename: 'main.tf',
      code: yaml`
        resource "aws_config_configuration_recorder" "main" {
          name     = "main"
          role_arn = "arn:aws:iam::111122223333:role/config"
          recording_group {
            all_supported  = false
            resource_types = ["AWS::EC2::Instance"]
          }
        }
        resource "aws_config_configuration_aggregator" "some" {
          name = "some"
          account_aggregation_source {
            account_ids = ["111122223333"]
            regions     = ["us-west-2", "eu-west-1"]
          }
        }
      `,
      errors: [
        { line: 5, message: 'all_supported is false' },
        { line: 11, message: 'collects only some regions' },
      ],
    },
    {
      name: 'Terraform: a stopped recorder (Checkov CKV2_AWS_45)',
      filename: 'main.tf',
      code: yaml`
        resource "aws_config_configuration_recorder" "main" {
          name     = "main"
          role_arn = "arn:aws:iam::111122223333:role/config"
          recording_group {
            all_supported                 = true
            include_global_resource_types = true
          }
        }
        resource "aws_config_configuration_recorder_status" "main" {
          name       = aws_config_configuration_recorder.main.name
          is_enabled = false
        }
      `,
      errors: [{ line: 11, message: 'The configuration recorder is stopped (is_enabled is false): it records no changes.' }],
    },
    {
      name: 'a recorder without a recording group, and one that leaves the global flag unset: global IAM types left out (low; Mondoo)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          DefaultRecorder:
            Type: AWS::Config::ConfigurationRecorder
            Properties:
              RoleARN: arn:aws:iam::111122223333:role/config
          AllRegional:
            Type: AWS::Config::ConfigurationRecorder
            Properties:
              RoleARN: arn:aws:iam::111122223333:role/config
              RecordingGroup: { AllSupported: true }
      `,
      errors: [
        { line: 4, severity: 'low', message: 'The recorder has no RecordingGroup: it records every regional resource type but not the global IAM types' },
        { line: 10, severity: 'low', message: 'The recorder does not set IncludeGlobalResourceTypes (default false)' },
      ],
    },
  ],
});
