import { ecsTaskDefinition } from '../../graph/ecs.js';
import { createRule } from '../rule.js';

/** The fields of an ECS container definition (API names). */
const CONTAINER_FIELDS: ReadonlySet<string> = new Set([
  'name', 'image', 'repositoryCredentials', 'cpu', 'memory', 'memoryReservation', 'links', 'portMappings', 'essential', 'restartPolicy',
  'entryPoint', 'command', 'environment', 'environmentFiles', 'mountPoints', 'volumesFrom', 'linuxParameters', 'secrets', 'dependsOn',
  'startTimeout', 'stopTimeout', 'versionConsistency', 'hostname', 'user', 'workingDirectory', 'disableNetworking', 'privileged',
  'readonlyRootFilesystem', 'dnsServers', 'dnsSearchDomains', 'extraHosts', 'dockerSecurityOptions', 'interactive', 'pseudoTerminal',
  'dockerLabels', 'ulimits', 'logConfiguration', 'healthCheck', 'systemControls', 'resourceRequirements', 'firelensConfiguration', 'credentialSpecs',
].map((field) => field.toLowerCase()));

/** `log_configuration` -> `logConfiguration`. */
function camelCase(name: string): string {
  return name.replace(/_+([a-z0-9])/gi, (_, letter: string) => letter.toUpperCase());
}

export default createRule({
  meta: {
    id: 'core/malformed-container-definitions',
    title: 'ECS container definitions must have the shape ECS accepts',
    severity: 'low',
    seedPoints: [],
    artifacts: ['cloudformation', 'terraform', 'task-definition'],
    description:
      'Reports task definitions (CloudFormation `AWS::ECS::TaskDefinition`, Terraform `aws_ecs_task_definition`, task definition JSON) whose container definitions are not a list (a single object, a number), are a string that is not valid JSON (Terraform `container_definitions`), or hold an entry that is not an object; and Terraform container definitions that write a field in Terraform\'s snake_case (`log_configuration`, `readonly_root_filesystem`) instead of the API\'s camelCase. Values left unresolved (a variable, a module output, an intrinsic) are not judged.',
    rationale:
      'ECS (and the Terraform provider, which decodes `container_definitions` into a list) rejects such a task definition, and seaworthy cannot read the containers it was meant to describe: without this finding, a wrongly shaped definition would pass every container rule as if it were secure. A snake_case field is worse: the provider decodes the JSON into the API\'s structures, matching names without regard to case but not across underscores, and drops what does not match, so `log_configuration` or `readonly_root_filesystem` is deployed as if it were not there (no logs, a writable root filesystem) while the file reads as configured.',
    remediation:
      'Write the container definitions as a list of objects: CloudFormation `ContainerDefinitions: [{ Name: app, ... }]`; Terraform `container_definitions = jsonencode([{ name = "app", ... }])` (a list, even for one container). Inside container definitions, write the API\'s camelCase names (`logConfiguration`, `readonlyRootFilesystem`, `portMappings`), also in Terraform.',
    limitations: 'Only the shape of the list and its entries is checked, and the names of a container definition\'s own fields (not of the objects nested in them), not their values.',
    references: {
      peers: [],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definitions'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => ecsTaskDefinition(resource) !== undefined,
  check({ resource, report }) {
    const taskDefinition = ecsTaskDefinition(resource);
    const malformed = taskDefinition?.malformed;
    if (malformed) {
      report({
        path: malformed.path,
        message: `The task definition's container definitions ${malformed.problem}: ECS rejects it, and the containers it describes were not checked.`,
      });
    }
    // CloudFormation and the AWS CLI reject unknown names; the Terraform provider drops them silently.
    if (taskDefinition?.style !== 'terraform') return;
    for (const container of taskDefinition.containers) {
      for (const key of Object.keys(container.body)) {
        if (!key.includes('_')) continue;
        const field = camelCase(key);
        if (!CONTAINER_FIELDS.has(field.toLowerCase())) continue;
        report({
          path: container.get(key)?.path ?? container.path,
          key: `snake:${container.index}:${key}`,
          message: `Container "${container.name}" sets "${key}", which the AWS provider drops without a word: the field is "${field}", so the container is deployed as if "${key}" were not there.`,
          fix: `Rename "${key}" to "${field}".`,
        });
      }
    }
  },
});
