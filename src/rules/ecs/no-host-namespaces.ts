import { ecsTaskDefinition, enumValue, isEcsTaskDefinition, isExternalOnly } from '../../graph/ecs.js';
import { createRule } from '../rule.js';

const NAMESPACES = [
  { field: 'networkMode', what: "the container instance's network namespace: its interfaces, every port of the host, and the instance metadata service (the instance role credentials)" },
  { field: 'pidMode', what: "the container instance's process namespace: every process of the host and of the other tasks is visible, and signals or ptrace can reach them" },
  { field: 'ipcMode', what: "the container instance's IPC namespace: shared memory and semaphores of the host processes" },
] as const;

export default createRule({
  meta: {
    id: 'ecs/no-host-namespaces',
    title: "ECS tasks must not share the host's network, process or IPC namespace",
    severity: 'high',
    seedPoints: ['RUN-3'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description: 'Reports task definitions with `networkMode: host`, `pidMode: host` or `ipcMode: host` (CloudFormation `NetworkMode`, `PidMode`, `IpcMode`; Terraform `network_mode`, `pid_mode`, `ipc_mode`).',
    rationale:
      "Host namespaces remove the isolation between the task and the container instance: with the host network the task binds host ports and reaches the instance metadata service (and so the instance role); with the host PID or IPC namespace it sees and can interfere with every process of the instance, the ECS agent's included.",
    remediation: 'Use `networkMode: awsvpc` (each task gets its own ENI and security groups) and leave `pidMode` / `ipcMode` unset or `task`.',
    references: {
      peers: [
        { tool: 'prowler', id: 'ecs_task_definitions_host_namespace_not_shared' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'ECS.3' },
        { framework: 'AWS FSBP', id: 'ECS.17' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isEcsTaskDefinition,
  check({ resource, report }) {
    const task = ecsTaskDefinition(resource);
    if (!task) return;
    // ECS Anywhere servers (EXTERNAL) are no EC2 instances (no instance metadata) and have no awsvpc mode.
    const anywhere = isExternalOnly(task);
    for (const { field, what } of NAMESPACES) {
      const value = task.get(field);
      if (enumValue(value?.value) !== 'HOST' || !value) continue;
      if (anywhere && field === 'networkMode') {
        report({
          path: value.path,
          key: field,
          message: "Task definition sets networkMode: host, sharing the external instance's network namespace: its interfaces and every port of the server.",
          fix: 'Use `networkMode: bridge` (ECS Anywhere supports bridge, host and none) and publish only the ports the task serves.',
        });
        continue;
      }
      report({ path: value.path, key: field, message: `Task definition sets ${field}: host, sharing ${what}.` });
    }
  },
});
