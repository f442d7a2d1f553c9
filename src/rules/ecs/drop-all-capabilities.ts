import { normalizeCapability } from '../../graph/capabilities.js';
import { booleanValue, ecsTaskDefinition, isEcsTaskDefinition, isWindowsTask, stringList } from '../../graph/ecs.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'ecs/drop-all-capabilities',
    title: 'ECS containers must drop all Linux capabilities',
    severity: 'low',
    seedPoints: ['RUN-3'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      'Reports container definitions whose `linuxParameters.capabilities.drop` (CloudFormation `LinuxParameters.Capabilities.Drop`) does not include `ALL`. Windows task definitions (by `runtimePlatform`, or the signs only Windows tasks have: see ecs/run-as-non-root) are skipped, and so are privileged containers (ecs/no-privileged reports them).',
    rationale:
      "Without `drop: [ALL]`, a container keeps Docker's default capabilities (CHOWN, DAC_OVERRIDE, FOWNER, NET_RAW, SETUID, SETGID, ...), which an attacker uses to spoof traffic on the task network or change file ownership and permissions. Dropping all of them and adding back what the process needs makes the privileges explicit.",
    remediation: 'Add `"linuxParameters": { "capabilities": { "drop": ["ALL"] } }` to each container definition and add back only what the process needs (e.g. `NET_BIND_SERVICE`).',
    references: {
      peers: [],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Least privilege: drop capabilities' }],
    },
  },
  scope: 'resource',
  appliesTo: isEcsTaskDefinition,
  check({ resource, report }) {
    const task = ecsTaskDefinition(resource);
    if (!task || isWindowsTask(task)) return;
    for (const container of task.containers) {
      // A privileged container has every capability whatever it drops: ecs/no-privileged reports it.
      if (booleanValue(container.get('privileged')?.value) === true) continue;
      const drop = container.get('linuxParameters', 'capabilities', 'drop');
      if (drop && isUnknown(drop.value)) continue;
      const list = stringList(drop);
      if (list === undefined) continue;
      if (list.some((entry) => normalizeCapability(entry.value) === 'ALL')) continue;
      report({
        path: drop?.path ?? container.nearest('linuxParameters', 'capabilities', 'drop'),
        container: container.name,
        message: `Container "${container.name}" does not drop all capabilities: it keeps the container runtime's default set.`,
      });
    }
  },
});
