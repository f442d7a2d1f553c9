import { keyFor, propsOf } from '../../graph/aws.js';
import { tfBlock } from '../../graph/eks.js';
import { createRule } from '../rule.js';

const CLUSTER = { cloudformation: 'AWS::ECS::Cluster', terraform: 'aws_ecs_cluster' };

export default createRule({
  meta: {
    id: 'obs/ecs-exec-logging',
    title: 'ECS clusters must not turn off the logging of ECS Exec sessions',
    severity: 'medium',
    seedPoints: [],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports an ECS cluster whose ECS Exec configuration sets `Logging: NONE` (CloudFormation `Configuration.ExecuteCommandConfiguration.Logging`, Terraform `configuration { execute_command_configuration { logging = "NONE" } }`): the commands and output of interactive sessions in its tasks are recorded nowhere.',
    rationale:
      'ECS Exec opens a shell in a running container of any service that enables it (`EnableExecuteCommand`), for whoever holds `ecs:ExecuteCommand`. CloudTrail records that a session started, not what was typed or read in it; the session log (CloudWatch Logs or S3) is the only record of what an operator, or an attacker with stolen credentials, did inside production tasks.',
    remediation:
      'Leave `Logging` at `DEFAULT` (sessions go to the container\'s awslogs log group) or set `OVERRIDE` with a `LogConfiguration` naming a CloudWatch Logs group or S3 bucket, encrypted with `KmsKeyId`. Keep `EnableExecuteCommand` off on production services that do not need it, and scope `ecs:ExecuteCommand` in IAM to the people on call.',
    limitations:
      'With `DEFAULT`, sessions are logged only for containers with an awslogs log configuration (ecs/logging-configured reports containers without one). Whether any service of the cluster enables ECS Exec is not required for the finding: the setting is reported where it is written. An unresolved value is unknown and not reported.',
    references: {
      peers: [{ tool: 'checkov', id: 'CKV_AWS_223' }],
      frameworks: [{ framework: 'AWS Well-Architected', id: 'SEC04-BP01 Configure service and application logging' }],
      links: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html#ecs-exec-logging'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.type === CLUSTER[resource.artifact as keyof typeof CLUSTER],
  check({ resource, report }) {
    const { path } = propsOf(resource);
    const configuration = tfBlock(resource.body, path, keyFor(resource, 'Configuration', 'configuration'));
    if (typeof configuration !== 'object') return;
    const exec = tfBlock(resource.body, configuration.path, keyFor(resource, 'ExecuteCommandConfiguration', 'execute_command_configuration'));
    if (typeof exec !== 'object') return;
    const key = keyFor(resource, 'Logging', 'logging');
    const logging = exec.block[key];
    if (typeof logging !== 'string' || logging.trim().toUpperCase() !== 'NONE') return;
    report({ path: [...exec.path, key], message: `ECS Exec sessions in this cluster's tasks are not logged (${key}: ${logging}): the commands run and the output read in production containers are recorded nowhere.` });
  },
});
