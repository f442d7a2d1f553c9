import { isWorkload } from '../../graph/kubernetes.js';
import { createRule } from '../rule.js';
import { hostPathVolumes, isPublicNodeFile, isWritable, sensitiveHostPath, type HostPathVolume } from '../../graph/host-paths.js';

function access(volume: HostPathVolume): string {
  if (volume.kind === 'persistent-volume') return 'any pod that claims it can mount it';
  const writers = [...new Set(volume.mounts.filter((mount) => !mount.readOnly).map((mount) => `"${mount.container}"`))];
  if (writers.length > 0) return `writable by ${writers.join(', ')}`;
  if (volume.mounts.length > 0) return 'mounted read-only';
  return 'not mounted by any container';
}

export default createRule({
  meta: {
    id: 'k8s/no-host-path',
    title: 'Pods should not mount directories of the node (hostPath volumes)',
    severity: 'medium',
    otherSeverities: ['low'],
    seedPoints: [],
    artifacts: ['kubernetes'],
    description:
      "Reports every `hostPath` volume (in pod specs of every workload kind, an Argo workflow\'s volumes that a template mounts, and PersistentVolumes) that `k8s/no-sensitive-host-path` does not already report: paths such as /var/log, /data, /opt, /lib/modules mounted read-only, templated or relative paths. The message says which containers can write through the volume. A sensitive path is reported once, at high severity, by `k8s/no-sensitive-host-path`; this rule never reports it again. The node's public files mounted read-only (CA certificates under /etc/ssl/certs, /etc/pki, /etc/ca-certificates; /etc/localtime, /etc/timezone, /etc/os-release, /etc/machine-id) are low.",
    rationale:
      "A hostPath volume ties the pod to the node's filesystem: it shares files with the node and with every other pod that mounts the same path, survives the pod, and can be a stepping stone to the node (a writable /var/log lets a container plant symbolic links that the kubelet follows when serving logs). Pod Security Standards baseline forbids hostPath volumes altogether.",
    remediation:
      'Use an emptyDir for scratch space, a PersistentVolumeClaim (EBS or EFS CSI) for data that must persist, a ConfigMap, Secret or projected volume for configuration. If a node agent truly needs a host directory, mount it read-only (`readOnly: true` on every volumeMount), restrict it to the exact subdirectory, and suppress with a reason.',
    limitations:
      'Whether the path is sensitive on a given node image cannot be known beyond the well-known locations that `k8s/no-sensitive-host-path` checks.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0023' },
        { tool: 'polaris', id: 'polaris:hostPathSet' },
        { tool: 'kubescape', id: 'C-0048' },
        { tool: 'kubescape', id: 'C-0045' },
      ],
      frameworks: [
        { framework: 'Pod Security Standards', id: 'baseline: HostPath Volumes' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security: hostPath volumes' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.type === 'PersistentVolume' || isWorkload(resource),
  check({ resource, report }) {
    for (const volume of hostPathVolumes(resource)) {
      if (volume.hostPath !== undefined && sensitiveHostPath(volume.hostPath, isWritable(volume))) continue;
      const what = volume.hostPath === undefined ? 'a host path' : `the host path ${volume.hostPath}`;
      const subject = volume.kind === 'persistent-volume' ? `PersistentVolume "${volume.name}" exposes` : `Volume "${volume.name}" mounts`;
      // Public files mounted read-only (the CA bundle an agent needs to call AWS): low.
      const publicFile = volume.hostPath !== undefined && !isWritable(volume) && isPublicNodeFile(volume.hostPath);
      report({ path: volume.path, message: `${subject} ${what} from the node (${access(volume)}).`, ...(publicFile ? { severity: 'low' as const } : {}) });
    }
  },
});
