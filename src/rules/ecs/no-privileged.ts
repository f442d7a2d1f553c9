import { DANGEROUS_CAPABILITY_NOTES, normalizeCapability } from '../../graph/capabilities.js';
import { booleanValue, ecsTaskDefinition, enumValue, isEcsTaskDefinition, stringList } from '../../graph/ecs.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

/** Capabilities beyond Docker's default set that give a container power over the host or its neighbours. */
const DANGEROUS = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_BOOT', 'SYS_TIME', 'DAC_READ_SEARCH', 'BPF', 'PERFMON', 'MAC_ADMIN', 'MAC_OVERRIDE', 'SYSLOG', 'LINUX_IMMUTABLE', 'AUDIT_CONTROL', 'SYS_RESOURCE']);

export default createRule({
  meta: {
    id: 'ecs/no-privileged',
    title: 'ECS containers must not be privileged or add dangerous Linux capabilities',
    severity: 'critical',
    otherSeverities: ['high'],
    seedPoints: ['RUN-3'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      'Reports container definitions with `privileged: true`, and each dangerous capability in `linuxParameters.capabilities.add` (CloudFormation `LinuxParameters.Capabilities.Add`): `ALL`, `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`, `SYS_RAWIO`, `SYS_BOOT`, `SYS_TIME`, `DAC_READ_SEARCH`, `BPF`, `PERFMON`, `MAC_ADMIN`, `MAC_OVERRIDE`, `SYSLOG`, `LINUX_IMMUTABLE`, `AUDIT_CONTROL`, `SYS_RESOURCE` (with or without a `CAP_` prefix). `SYS_PTRACE` is high rather than critical when the task does not set `pidMode: host`: it then reaches the task\'s own processes only.',
    rationale:
      'A privileged container has every capability and every host device: it is root on the container instance, with access to the ECS agent, the instance role credentials and the other tasks of the instance. Capabilities such as SYS_ADMIN or SYS_MODULE are each enough for a container escape.',
    remediation:
      'Remove `privileged` (Fargate rejects it anyway) and the dangerous capabilities from `linuxParameters.capabilities.add`; add `"drop": ["ALL"]` and add back only what the process needs (usually nothing, or `NET_BIND_SERVICE`).',
    limitations: 'Capabilities the image or entrypoint gains otherwise (file capabilities, setuid binaries) are not visible in the task definition.',
    references: {
      peers: [{ tool: 'prowler', id: 'ecs_task_definitions_no_privileged_containers' }],
      frameworks: [
        { framework: 'AWS FSBP', id: 'ECS.4' },
        { framework: 'AWS Config', id: 'ecs-containers-nonprivileged' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isEcsTaskDefinition,
  check({ resource, report }) {
    const task = ecsTaskDefinition(resource);
    if (!task) return;
    const pidMode = task.get('pidMode');
    const hostPid = enumValue(pidMode?.value) === 'HOST';
    for (const container of task.containers) {
      const privileged = container.get('privileged');
      if (privileged && !isUnknown(privileged.value) && booleanValue(privileged.value) === true) {
        report({
          path: privileged.path,
          container: container.name,
          message: `Container "${container.name}" is privileged: every capability and host device, i.e. root on the container instance.`,
        });
      }
      const added = container.get('linuxParameters', 'capabilities', 'add');
      if (added && isUnknown(added.value)) continue;
      for (const capability of stringList(added) ?? []) {
        const name = normalizeCapability(capability.value);
        if (!DANGEROUS.has(name)) continue;
        const note = ecsWording(DANGEROUS_CAPABILITY_NOTES[name], hostPid);
        report({
          path: capability.path,
          container: container.name,
          key: `add:${name}`,
          // Without the host's PID namespace, SYS_PTRACE reaches the task's own processes only (Fargate allows it).
          ...(name === 'SYS_PTRACE' && !hostPid && !(pidMode && isUnknown(pidMode.value)) ? { severity: 'high' as const } : {}),
          message: `Container "${container.name}" adds the ${name} capability${note ? `, which allows ${note}` : ''}.`,
        });
      }
    }
  },
});

/** The shared notes speak Kubernetes; say task and container instance instead, and name pidMode: host only when set. */
function ecsWording(note: string | undefined, hostPid: boolean): string | undefined {
  return note
    ?.replace(/privileged: true/g, 'privileged')
    .replace(/ \(of the whole pod with shareProcessNamespace, of the node with hostPID\)/, hostPid ? ' (of the whole instance: the task sets pidMode: host)' : ' (of the task\'s own processes; of the whole instance with pidMode: host)')
    .replace(/ \(and of the node with hostNetwork\)/, ' (and of the instance with networkMode: host)')
    .replace(/\bpod\b/g, 'task')
    .replace(/\bnode\b/g, 'container instance');
}
