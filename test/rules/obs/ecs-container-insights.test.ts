import rule from '../../../src/rules/obs/ecs-container-insights.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: enabled, enhanced, and an unknown value',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Insights: { Type: String }
        Resources:
          A:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: enabled
          B:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings: [{ Name: containerInsights, Value: enhanced }]
          C:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings: [{ Name: containerInsights, Value: !Ref Insights }]
          D:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings: !If [Prod, [{ Name: containerInsights, Value: enabled }], !Ref AWS::NoValue]
      `,
    },
    {
      name: 'Terraform: setting block enabled / enhanced',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecs_cluster" "a" {
          name = "a"
          setting {
            name  = "containerInsights"
            value = "enhanced"
          }
        }
        resource "aws_ecs_cluster" "b" {
          name = "b"
          setting {
            name  = "containerInsights"
            value = "enabled"
          }
        }
      `,
    },
    {
      name: 'Terraform: value from a variable without default is unknown',
      filename: 'main.tf',
      code: yaml`
        variable "insights" {}
        resource "aws_ecs_cluster" "a" {
          name = "a"
          setting {
            name  = "containerInsights"
            value = var.insights
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: an empty ClusterSettings list is reported where the entry goes (KICS fixture shape)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterName: app
              ClusterSettings: []
      `,
      errors: [{ line: 6, message: 'Container Insights is not enabled: ClusterSettings has no containerInsights entry.' }],
    },
    {
      name: 'CloudFormation: no ClusterSettings',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterName: app
      `,
      errors: [{ line: 4, message: 'ClusterSettings has no containerInsights entry' }],
    },
    {
      name: 'CloudFormation: no Properties at all, reported at the resource',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
      `,
      errors: [{ line: 2, message: 'ClusterSettings has no containerInsights entry' }],
    },
    {
      name: 'CloudFormation: disabled, reported at the value',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterSettings:
                - Name: containerInsights
                  Value: disabled
      `,
      errors: [{ line: 7, message: 'containerInsights is "disabled"' }],
    },
    {
      name: 'CloudFormation JSON: settings without containerInsights',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Cluster: { Type: 'AWS::ECS::Cluster', Properties: { ClusterSettings: [{ Name: 'other', Value: 'x' }] } } } },
        null,
        2,
      ),
      errors: [{ line: 6, message: 'ClusterSettings has no containerInsights entry' }],
    },
    {
      name: 'Terraform: no setting block; setting disabled',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecs_cluster" "a" {
          name = "a"
        }
        resource "aws_ecs_cluster" "b" {
          name = "b"
          setting {
            name  = "containerInsights"
            value = "disabled"
          }
        }
      `,
      errors: [
        { line: 1, message: 'setting has no containerInsights entry' },
        { line: 8, message: 'containerInsights is "disabled"' },
      ],
    },
  ],
});
