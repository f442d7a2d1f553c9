import { ecsTaskDefinition, isEcsTaskDefinition } from '../../graph/ecs.js';
import type { JsonValue } from '../../model/types.js';
import { isObject, stableStringify } from '../../util/json.js';
import { UNKNOWN_KEY } from '../../util/unknown.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'ecs/task-role-separate',
    title: 'ECS tasks must not use their execution role as task role',
    severity: 'medium',
    seedPoints: ['IAM-1'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      'Reports task definitions whose `taskRoleArn` and `executionRoleArn` name the same role: the same literal ARN or role name, the same CloudFormation `Ref` / `Fn::GetAtt <role>.Arn` target, or the same Terraform reference. A task definition without a task role is not reported: its containers get no AWS credentials, which is least privilege.',
    rationale:
      'The execution role is used by the ECS agent to pull images, write logs and fetch the task\'s secrets; the task role is what the application\'s code gets. One role for both hands the application every secret and registry the agent can read, and lets a compromised container read the secrets of the task definition directly.',
    remediation: 'Create a separate task role with only the permissions the application needs and keep image pull, logging and secret retrieval permissions on the execution role.',
    limitations:
      'Two different expressions that resolve to the same role at deploy time (two parameters with the same value, an ARN written out against a GetAtt) cannot be compared and are not reported. Containers that need AWS access but have no task role fail at run time; they are not reported here (static keys are reported by ecs/no-aws-credentials-in-env).',
    references: {
      peers: [{ tool: 'checkov', id: 'CKV_AWS_249' }],
      frameworks: [{ framework: 'AWS ECS Best Practices', id: 'Task and execution IAM roles' }],
    },
  },
  scope: 'resource',
  appliesTo: isEcsTaskDefinition,
  check({ resource, report }) {
    const task = ecsTaskDefinition(resource);
    if (!task) return;
    const taskRole = task.get('taskRoleArn');
    const executionRole = task.get('executionRoleArn');
    if (!taskRole || !executionRole) return;
    const a = roleIdentity(taskRole.value);
    const b = roleIdentity(executionRole.value);
    if (a === undefined || a !== b) return;
    report({
      path: taskRole.path,
      message: 'The task role is the execution role: the application gets the permissions the ECS agent uses to pull images, write logs and read the task\'s secrets.',
    });
  },
});

/** What names the role, comparable across spellings; undefined when it cannot be compared. */
function roleIdentity(value: JsonValue): string | undefined {
  if (typeof value === 'string') {
    if (value.trim() === '') return undefined;
    if (/\$\{|\{\{/.test(value)) return `text:${value.trim()}`;
    // An ARN or a role name: role names are unique in an account whatever their path.
    const name = value.trim().replace(/^arn:[^:]+:iam::[^:]*:role\//, '').split('/').pop() ?? value;
    return `name:${name}`;
  }
  if (!isObject(value)) return undefined;
  const ref = value.Ref;
  if (typeof ref === 'string') return `cfn:${ref}`;
  const getAtt = value['Fn::GetAtt'];
  if (getAtt !== undefined) {
    const [logicalId, attribute] = Array.isArray(getAtt) ? getAtt : typeof getAtt === 'string' ? getAtt.split('.', 2) : [];
    if (typeof logicalId === 'string' && (attribute === 'Arn' || attribute === undefined)) return `cfn:${logicalId}`;
    return `expr:${stableStringify(value)}`;
  }
  const unknown = value[UNKNOWN_KEY];
  if (typeof unknown === 'string') return `tf:${unknown.replace(/\.(arn|name|id)$/, '')}`;
  return `expr:${stableStringify(value)}`;
}
