import { hostPathVolumes, isWritable, sensitiveHostPath, type HostPathVolume, type SensitiveHostPath } from '../../graph/host-paths.js';
import { isWorkload } from '../../graph/kubernetes.js';
import { createRule } from '../rule.js';

function describe(volume: HostPathVolume, hostPath: string, match: SensitiveHostPath): string {
  const subject = volume.kind === 'persistent-volume' ? `PersistentVolume "${volume.name}" exposes` : `Volume "${volume.name}" mounts`;
  switch (match.relation) {
    case 'whole':
      return `${subject} the host path ${hostPath}: ${match.reason}.`;
    case 'is':
      return `${subject} the host path ${hostPath}: ${match.reason}.`;
    case 'inside':
      return `${subject} the host path ${hostPath}, inside ${match.root}: ${match.reason}.`;
    case 'contains':
      return `${subject} the host path ${hostPath}, which contains ${match.root}: ${match.reason}.`;
  }
}

export default createRule({
  meta: {
    id: 'k8s/no-sensitive-host-path',
    title: 'Pods must not mount sensitive host paths such as the container runtime socket, /, /etc, /proc or /var/run',
    severity: 'high',
    seedPoints: ['RUN-3'],
    artifacts: ['kubernetes'],
    description:
      "Reports `hostPath` volumes (pod specs of every workload kind, and PersistentVolumes) whose path is, is inside, or contains a sensitive part of the node: the whole filesystem, container runtime sockets (Docker, containerd, CRI-O, k3s, Podman, BuildKit, also under /var/run and as Windows named pipes, and their state under C:\\ProgramData on Windows nodes), /run itself and the service sockets in it (systemd, D-Bus, snapd, Cilium, Docker\'s runtime state, network namespaces), /etc and its credentials (/etc/kubernetes with its certificates, static pod manifests and kubeconfigs, the CNI configuration with the CNI plugin\'s token, k3s / RKE2 configuration, /etc/shadow, Kerberos keys, SSH, private keys, runtime configuration), /proc, /sys, /dev, /root, /home, the kubelet's and the runtimes' state under /var/lib (the kubelet's CSI plugin directory and device-plugin socket included; C:\\var\\lib\\kubelet on Windows nodes); and, when a container mounts them writable, /boot, host binaries (/usr, /bin, /sbin, /lib, /lib64), CNI binaries, CA certificates, the kubelet's plugin registration directory and any other configuration under /etc. A CSI driver's own directory under /var/lib/kubelet/plugins, a service's own directory under /run, and a tool's configuration under /etc mounted read-only are not sensitive. Public files under /etc (CA certificates, time zone, os-release) and journald's log files under /run/log/journal mounted read-only by every container are not sensitive, nor are /run/xtables.lock and /dev/log. Paths are normalised (`//`, `.`, `..`, trailing slashes, /var/run = /run) before matching whole path segments. Other hostPath volumes are left to `k8s/no-host-path`, so a volume is reported by one of the two rules, never both.",
    rationale:
      "A container that reaches the runtime socket starts privileged containers at will; one that reads /etc, /var/lib/kubelet or /proc reads the node's and every pod's credentials; one that writes host binaries or /etc gets code run as root on the node. Any of these turns a compromised container into a compromised node and, through the kubelet's credentials, into a foothold in the cluster. Mounting read-only does not protect sockets and devices, and still leaks credentials.",
    remediation:
      "Remove the hostPath volume. Use a Secret, ConfigMap, emptyDir, projected or CSI volume for data; talk to the Kubernetes API or a dedicated agent instead of the runtime socket; build images with a daemonless builder (BuildKit rootless, Kaniko) instead of docker.sock. Node agents that truly need one should be isolated in their own namespace and suppressed with a reason.",
    limitations:
      'Symbolic links on the node (other than /var/run -> /run) cannot be seen; a hostPath that is itself a symbolic link to a sensitive location is not detected. Templated paths are unknown and left to `k8s/no-host-path`. /var/log mounted read-only is not treated as sensitive (log shippers read it; `k8s/no-host-path` reports it); writable, it is (the kubelet follows symbolic links planted there when it serves logs).',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0006' },
        // Together with k8s/no-host-path, which reports every other hostPath volume, this rule covers any-hostPath checks (Trivy KSV-0023, Kubescape C-0045 and C-0048).
        { tool: 'trivy', id: 'AVD-KSV-0023' },
        { tool: 'polaris', id: 'polaris:hostPathSet' },
        { tool: 'checkov', id: 'CKV_K8S_27' },
        { tool: 'kube-linter', id: 'docker-sock' },
        { tool: 'kube-linter', id: 'sensitive-host-mounts' },
        { tool: 'kubescape', id: 'C-0074' },
        { tool: 'kubescape', id: 'C-0045' },
        { tool: 'kubescape', id: 'C-0048' },
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
      if (volume.hostPath === undefined) continue;
      const match = sensitiveHostPath(volume.hostPath, isWritable(volume));
      if (!match) continue;
      report({ path: volume.path, message: describe(volume, volume.hostPath, match) });
    }
  },
});
