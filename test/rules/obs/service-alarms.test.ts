import rule from '../../../src/rules/obs/service-alarms.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: CPU alarm with GetAtt Name, memory alarm with a Ref',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
          Api:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
          Web:
            Type: AWS::ECS::Service
            Properties:
              Cluster: !Ref Cluster
          ApiCpu:
            Type: AWS::CloudWatch::Alarm
            Properties:
              Namespace: AWS/ECS
              MetricName: CPUUtilization
              Dimensions:
                - { Name: ClusterName, Value: !Ref Cluster }
                - { Name: ServiceName, Value: !GetAtt Api.Name }
          WebMemory:
            Type: AWS::CloudWatch::Alarm
            Properties:
              Namespace: AWS/ECS
              MetricName: MemoryUtilization
              Dimensions:
                - { Name: ServiceName, Value: !Ref Web }
      `,
    },
    {
      name: 'CloudFormation: literal service name; metric-math alarm',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Api:
            Type: AWS::ECS::Service
            Properties:
              ServiceName: api
          Web:
            Type: AWS::ECS::Service
          ApiCpu:
            Type: AWS::CloudWatch::Alarm
            Properties:
              MetricName: CPUUtilization
              Dimensions: [{ Name: ServiceName, Value: api }]
          WebCpu:
            Type: AWS::CloudWatch::Alarm
            Properties:
              Metrics:
                - Id: m1
                  MetricStat:
                    Metric:
                      Namespace: AWS/ECS
                      MetricName: CPUUtilization
                      Dimensions: [{ Name: ServiceName, Value: !GetAtt Web.Name }]
      `,
    },
    {
      name: 'CloudFormation: a ServiceName from a parameter may name any service',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Name: { Type: String }
        Resources:
          Api:
            Type: AWS::ECS::Service
          Alarm:
            Type: AWS::CloudWatch::Alarm
            Properties:
              MetricName: CPUUtilization
              Dimensions: [{ Name: ServiceName, Value: !Ref Name }]
      `,
    },
    {
      name: 'Terraform: dimensions refer to the service',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecs_service" "api" {
          name = "api"
        }
        resource "aws_cloudwatch_metric_alarm" "cpu" {
          alarm_name  = "api-cpu"
          namespace   = "AWS/ECS"
          metric_name = "CPUUtilization"
          dimensions = {
            ServiceName = aws_ecs_service.api.name
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: no alarm at all; an alarm on another service; an alarm on another metric',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Api:
            Type: AWS::ECS::Service
            Properties:
              ServiceName: api
          Web:
            Type: AWS::ECS::Service
          Worker:
            Type: AWS::ECS::Service
          WebCpu:
            Type: AWS::CloudWatch::Alarm
            Properties:
              MetricName: CPUUtilization
              Dimensions: [{ Name: ServiceName, Value: !GetAtt Web.Name }]
          WorkerTasks:
            Type: AWS::CloudWatch::Alarm
            Properties:
              MetricName: HealthyHostCount
              Dimensions: [{ Name: ServiceName, Value: !GetAtt Worker.Name }]
      `,
      errors: [
        { line: 2, message: 'ECS service "api" has no CloudWatch alarm' },
        { line: 8, message: 'ECS service Worker has no CloudWatch alarm' },
      ],
    },
    {
      name: 'CloudFormation JSON: the alarm names the cluster only',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Cluster: { Type: 'AWS::ECS::Cluster' },
            Svc: { Type: 'AWS::ECS::Service', Properties: { Cluster: { Ref: 'Cluster' } } },
            Cpu: { Type: 'AWS::CloudWatch::Alarm', Properties: { MetricName: 'CPUUtilization', Dimensions: [{ Name: 'ClusterName', Value: { Ref: 'Cluster' } }] } },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 6, message: 'ECS service Svc has no CloudWatch alarm' }],
    },
    {
      name: 'Terraform: the alarm watches another service',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecs_service" "api" {
          name = "api"
        }
        resource "aws_ecs_service" "web" {
          name = "web"
        }
        resource "aws_cloudwatch_metric_alarm" "cpu" {
          alarm_name  = "api-cpu"
          metric_name = "CPUUtilization"
          dimensions = {
            ServiceName = aws_ecs_service.api.name
          }
        }
      `,
      errors: [{ line: 4, message: 'ECS service "web" has no CloudWatch alarm' }],
    },
  ],
});
