import { ecsTaskDefinition } from '../../graph/ecs.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'core/malformed-container-definitions',
    title: 'ECS container definitions must have the shape ECS accepts',
    severity: 'low',
    seedPoints: [],
    artifacts: ['cloudformation', 'terraform', 'task-definition'],
    description:
      'Reports task definitions (CloudFormation `AWS::ECS::TaskDefinition`, Terraform `aws_ecs_task_definition`, task definition JSON) whose container definitions are not a list (a single object, a number), are a string that is not valid JSON (Terraform `container_definitions`), or hold an entry that is not an object. Values left unresolved (a variable, a module output, an intrinsic) are not judged.',
    rationale:
      'ECS (and the Terraform provider, which decodes `container_definitions` into a list) rejects such a task definition, and seaworthy cannot read the containers it was meant to describe: without this finding, a wrongly shaped definition would pass every container rule as if it were secure.',
    remediation:
      'Write the container definitions as a list of objects: CloudFormation `ContainerDefinitions: [{ Name: app, ... }]`; Terraform `container_definitions = jsonencode([{ name = "app", ... }])` (a list, even for one container).',
    limitations: 'Only the shape of the list and its entries is checked, not every field of a container definition.',
    references: {
      peers: [],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definitions'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => ecsTaskDefinition(resource) !== undefined,
  check({ resource, report }) {
    const malformed = ecsTaskDefinition(resource)?.malformed;
    if (!malformed) return;
    report({
      path: malformed.path,
      message: `The task definition's container definitions ${malformed.problem}: ECS rejects it, and the containers it describes were not checked.`,
    });
  },
});
