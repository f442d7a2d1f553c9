import { ecsTaskDefinition, enumValue, isEcsTaskDefinition } from '../../graph/ecs.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

const CLOUDWATCH_DRIVERS = new Set(['AWSLOGS', 'AWSFIRELENS']);

export default createRule({
  meta: {
    id: 'ecs/logging-configured',
    title: 'ECS containers must send their logs to CloudWatch Logs (awslogs or FireLens)',
    severity: 'medium',
    seedPoints: ['OBS-1'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      'Reports every container definition without `logConfiguration` (CloudFormation `LogConfiguration`), and those whose `logDriver` is neither `awslogs` nor `awsfirelens` (`json-file`, `syslog`, `splunk`, `none`, ...).',
    rationale:
      'Without a log driver that ships logs off the task, container output is lost when the task stops (Fargate) or stays on the instance disk (EC2): incidents cannot be investigated. awslogs and FireLens (Fluent Bit) send logs to CloudWatch Logs, where retention, encryption and access are controlled.',
    remediation:
      'Add `"logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/<service>", "awslogs-region": "<region>", "awslogs-stream-prefix": "<container>" } }` to each container definition (or `awsfirelens` with a FireLens log router container), and give the log group a retention period and a KMS key.',
    limitations: 'Drivers other than awslogs and awsfirelens may ship logs elsewhere on purpose (Splunk, a syslog collector): allow them by disabling the rule per container. The log group\'s retention and encryption are not checked here.',
    references: {
      peers: [
        { tool: 'cdk-nag', id: 'AwsSolutions-ECS7' },
        { tool: 'prowler', id: 'ecs_task_definitions_logging_enabled' },
      ],
      frameworks: [{ framework: 'AWS FSBP', id: 'ECS.9' }],
    },
  },
  scope: 'resource',
  appliesTo: isEcsTaskDefinition,
  check({ resource, report }) {
    const task = ecsTaskDefinition(resource);
    if (!task) return;
    for (const container of task.containers) {
      const config = container.get('logConfiguration');
      if (config && isUnknown(config.value)) continue;
      if (!config) {
        report({
          path: container.path,
          container: container.name,
          message: `Container "${container.name}" has no logConfiguration: its logs are not sent to CloudWatch Logs.`,
        });
        continue;
      }
      const driver = container.get('logConfiguration', 'logDriver');
      if (driver && isUnknown(driver.value)) continue;
      const name = enumValue(driver?.value);
      if (name !== undefined && CLOUDWATCH_DRIVERS.has(name)) continue;
      report({
        path: driver?.path ?? config.path,
        container: container.name,
        message:
          name === undefined
            ? `Container "${container.name}" has a logConfiguration without logDriver.`
            : `Container "${container.name}" logs with the "${String(driver?.value)}" driver, not awslogs or awsfirelens: its logs do not reach CloudWatch Logs.`,
      });
    }
  },
});
