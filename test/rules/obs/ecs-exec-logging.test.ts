import rule from '../../../src/rules/obs/ecs-exec-logging.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: no exec configuration, DEFAULT, OVERRIDE to CloudWatch, a parameter',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          ExecLogging: { Type: String, AllowedValues: [NONE, DEFAULT] }
        Resources:
          Plain: { Type: AWS::ECS::Cluster }
          Default:
            Type: AWS::ECS::Cluster
            Properties: { Configuration: { ExecuteCommandConfiguration: { Logging: DEFAULT } } }
          Override:
            Type: AWS::ECS::Cluster
            Properties:
              Configuration:
                ExecuteCommandConfiguration:
                  Logging: OVERRIDE
                  LogConfiguration: { CloudWatchLogGroupName: /ecs/exec, CloudWatchEncryptionEnabled: true }
          FromParameter:
            Type: AWS::ECS::Cluster
            Properties: { Configuration: { ExecuteCommandConfiguration: { Logging: !Ref ExecLogging } } }
      `,
    },
    {
      name: 'Terraform: OVERRIDE, or no logging attribute (DEFAULT)',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecs_cluster" "override" {
          name = "override"
          configuration {
            execute_command_configuration {
              logging = "OVERRIDE"
              log_configuration { cloud_watch_log_group_name = "/ecs/exec" }
            }
          }
        }
        resource "aws_ecs_cluster" "kms_only" {
          name = "kms-only"
          configuration {
            execute_command_configuration { kms_key_id = "alias/ecs-exec" }
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: Logging NONE',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              Configuration:
                ExecuteCommandConfiguration:
                  Logging: NONE
      `,
      errors: [{ line: 7, message: "ECS Exec sessions in this cluster's tasks are not logged (Logging: NONE)" }],
    },
    {
      name: 'Terraform: logging = "NONE" (Checkov CKV_AWS_223)',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecs_cluster" "fail" {
          name = "white-hart"
          configuration {
            execute_command_configuration {
              logging = "NONE"
            }
          }
        }
      `,
      errors: [{ line: 5, message: "ECS Exec sessions in this cluster's tasks are not logged (logging: NONE)" }],
    },
  ],
});
