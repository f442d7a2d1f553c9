import { booleanValue, ecsTaskDefinition, isEcsTaskDefinition } from '../../graph/ecs.js';
import { isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { sensitiveHostPath } from '../../graph/host-paths.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'ecs/no-sensitive-host-path',
    title: "ECS tasks must not mount sensitive paths of the container instance",
    severity: 'high',
    seedPoints: ['RUN-3'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      "Reports bind-mount volumes (`volumes[].host.sourcePath`, CloudFormation `Volumes[].Host.SourcePath`, Terraform `volume.host_path`) that expose a sensitive part of the container instance: the Docker or containerd socket (`/var/run/docker.sock`), `/`, `/etc`, `/proc`, `/sys`, `/dev`, `/var/run`, `/var/lib/docker`, `/var/lib/ecs` (the ECS agent's data), home directories, or host binaries when a container mounts them writable. Volumes no container mounts are skipped. Also host devices mapped into a container (`linuxParameters.devices[].hostPath`: `/dev/mem`, disks, terminals, ...; not `/dev/null`, `/dev/urandom`, `/dev/fuse`, `/dev/net/tun`, GPUs or Neuron devices).",
    rationale:
      'The Docker socket is root on the instance; /etc, /proc and /sys let a container rewrite the host configuration or kernel settings; /var/lib/ecs holds the agent state. A task that mounts them is one bug away from owning the instance and every task on it.',
    remediation: 'Remove the host volume, or mount a narrower, non-sensitive directory read-only (`mountPoints[].readOnly: true`). For logs or metrics, use the awslogs / FireLens drivers or the CloudWatch agent instead of host paths.',
    references: {
      peers: [],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Host path mounts' }],
    },
  },
  scope: 'resource',
  appliesTo: isEcsTaskDefinition,
  check({ resource, report }) {
    const task = ecsTaskDefinition(resource);
    if (!task) return;
    for (const volume of task.volumes) {
      const source = volume.hostSourcePath();
      if (!source || typeof source.value !== 'string' || isUnknown(source.value)) continue;
      // Which containers mount it, and whether one of them can write through it.
      let mounted = task.containersUnknown;
      let writable = task.containersUnknown;
      for (const container of task.containers) {
        const mounts = container.get('mountPoints');
        if (!mounts || !Array.isArray(mounts.value)) continue;
        for (const mount of mounts.value) {
          if (!isObject(mount)) continue;
          const entries = Object.entries(mount);
          const sourceVolume = entries.find(([key]) => key.toLowerCase() === 'sourcevolume')?.[1];
          if (isUnknown(sourceVolume)) {
            mounted = true;
            writable = true;
            continue;
          }
          if (sourceVolume !== volume.name) continue;
          mounted = true;
          const readOnly = entries.find(([key]) => key.toLowerCase() === 'readonly')?.[1];
          if (booleanValue(readOnly) !== true) writable = true;
        }
      }
      if (!mounted) continue;
      const sensitive = ecsSensitive(source.value, writable);
      if (!sensitive) continue;
      report({
        path: source.path,
        key: volume.name,
        message: `Volume "${volume.name}" mounts the host path "${source.value}"${writable ? '' : ' (read-only)'}, which ${sensitive.relation === 'contains' ? `contains ${sensitive.root}, ` : sensitive.relation === 'inside' ? `is inside ${sensitive.root}, ` : ''}exposes ${sensitive.reason}.`,
      });
    }
    // Host devices mapped straight into a container (`linuxParameters.devices`): /dev/mem, disks, ...
    for (const container of task.containers) {
      const devices = container.get('linuxParameters', 'devices');
      if (!devices || !Array.isArray(devices.value) || devices.inexact) continue;
      devices.value.forEach((device, index) => {
        if (!isObject(device)) return;
        const hostPath = Object.entries(device).find(([key]) => key.toLowerCase() === 'hostpath' || key === 'host_path')?.[1];
        if (typeof hostPath !== 'string' || isUnknown(hostPath)) return;
        const permissions = Object.entries(device).find(([key]) => key.toLowerCase() === 'permissions')?.[1];
        const readOnly = Array.isArray(permissions) && permissions.length > 0 && permissions.every((permission) => permission === 'read');
        const sensitive = HARMLESS_DEVICE.test(hostPath.trim()) ? undefined : sensitiveHostPath(hostPath, !readOnly);
        if (!sensitive) return;
        report({
          path: [...devices.path, index],
          container: container.name,
          key: `device:${hostPath}`,
          message: `Container "${container.name}" maps the host device "${hostPath}"${readOnly ? ' (read-only)' : ''} (linuxParameters.devices), which exposes ${sensitive.reason}.`,
        });
      });
    }
  },
});

/**
 * Devices that give no hold on the host: data sinks and sources, FUSE, TUN, GPUs and accelerators. Memory,
 * ports, disks, terminals and everything else are reported.
 */
const HARMLESS_DEVICE = /^\/dev\/(null|zero|full|random|urandom|fuse|net\/tun|nvidia[\w-]*|dri\/[\w-]+|neuron\d+)$/;

function ecsSensitive(hostPath: string, writable: boolean): { root: string; reason: string; relation: string } | undefined {
  const normalised = hostPath.replace(/\/+$/, '') || '/';
  if (normalised === '/var/lib/ecs' || normalised.startsWith('/var/lib/ecs/')) {
    return { root: '/var/lib/ecs', reason: "the ECS agent's state and data (task credentials and secrets it caches)", relation: normalised === '/var/lib/ecs' ? 'is' : 'inside' };
  }
  return sensitiveHostPath(hostPath, writable);
}
