import { CONTAINER_LISTS, isWorkload, podTemplateOf } from '../../graph/kubernetes.js';

import type { JsonObject, NodePath, Resource } from '../../model/types.js';
import { asArray, asObject, asString } from '../../util/json.js';
import { createRule } from '../rule.js';
import { containsTemplate } from '../../util/template.js';

/** A `hostPath` volume of a pod spec, or the `hostPath` of a PersistentVolume. */
export interface HostPathVolume {
  /** Volume name (the PersistentVolume's name for a PV). */
  name: string;
  /** `hostPath.path` as written, when it is a string. */
  hostPath: string | undefined;
  /** Where to report: `hostPath.path`, or `hostPath` when the path is missing. */
  path: NodePath;
  /** Containers that mount the volume, and whether they can write to it. Empty for a PersistentVolume. */
  mounts: Array<{ container: string; readOnly: boolean }>;
  kind: 'pod-volume' | 'persistent-volume';
}

/** Every hostPath volume of a workload's pod spec, or of a PersistentVolume. */
export function hostPathVolumes(resource: Resource): HostPathVolume[] {
  if (resource.artifact !== 'kubernetes') return [];
  if (resource.type === 'PersistentVolume') {
    const hostPath = asObject(asObject(resource.body.spec)?.hostPath);
    if (!hostPath) return [];
    const base = ['spec', 'hostPath'];
    return [
      {
        name: resource.name,
        hostPath: asString(hostPath.path),
        path: hostPath.path === undefined ? base : [...base, 'path'],
        mounts: [],
        kind: 'persistent-volume',
      },
    ];
  }
  const pod = podTemplateOf(resource);
  if (!pod) return [];
  const volumes: HostPathVolume[] = [];
  asArray(pod.spec.volumes).forEach((item, index) => {
    const volume = asObject(item);
    const hostPath = asObject(volume?.hostPath);
    if (!volume || !hostPath) return;
    const name = asString(volume.name) ?? `volumes[${index}]`;
    const base = [...pod.specPath, 'volumes', index, 'hostPath'];
    volumes.push({
      name,
      hostPath: asString(hostPath.path),
      path: hostPath.path === undefined ? base : [...base, 'path'],
      mounts: mountsOf(pod.spec, name),
      kind: 'pod-volume',
    });
  });
  return volumes;
}

function mountsOf(spec: JsonObject, volume: string): HostPathVolume['mounts'] {
  const mounts: HostPathVolume['mounts'] = [];
  for (const list of CONTAINER_LISTS) {
    asArray(spec[list]).forEach((item, index) => {
      const container = asObject(item);
      if (!container) return;
      const name = asString(container.name) ?? `${list}[${index}]`;
      for (const mountItem of asArray(container.volumeMounts)) {
        const mount = asObject(mountItem);
        if (mount && mount.name === volume) mounts.push({ container: name, readOnly: mount.readOnly === true });
      }
    });
  }
  return mounts;
}

interface SensitiveRoot {
  path: string;
  reason: string;
  /** Only dangerous when writable: reading host binaries is harmless, replacing them is not. */
  writeOnly?: boolean;
}

/** Most specific first: the first root a path is equal to or under names the reason. Paths use `/run` for `/var/run`. */
const SENSITIVE_ROOTS: readonly SensitiveRoot[] = [
  { path: '/run/docker.sock', reason: 'the Docker daemon socket: full control of every container and of the node' },
  { path: '/run/dockershim.sock', reason: 'the dockershim socket: full control of every container and of the node' },
  { path: '/run/cri-dockerd.sock', reason: 'the cri-dockerd socket: full control of every container and of the node' },
  { path: '/run/containerd', reason: 'the containerd socket: full control of every container and of the node' },
  { path: '/run/crio', reason: 'the CRI-O socket: full control of every container and of the node' },
  { path: '/run/podman', reason: 'the Podman socket: full control of containers on the node' },
  { path: '/run/buildkit', reason: 'the BuildKit socket: runs privileged builds on the node' },
  { path: '/run/dbus', reason: "the system D-Bus socket: controls the node's services (systemd)" },
  { path: '/run/systemd', reason: "systemd's runtime sockets: control of the node's services" },
  { path: '/run', reason: 'runtime sockets and state of host services (/run, /var/run)' },
  { path: '/var/lib/kubelet', reason: "the kubelet's state: every pod's Secrets and service account tokens, and the kubelet's credentials" },
  { path: '/var/lib/docker', reason: 'the image layers and filesystems of every container on the node' },
  { path: '/var/lib/containerd', reason: 'the image layers and filesystems of every container on the node' },
  { path: '/var/lib/containers', reason: 'the image layers and filesystems of every container on the node' },
  { path: '/var/lib/etcd', reason: "etcd's data: every object of the cluster, Secrets included" },
  { path: '/etc', reason: "the node's configuration and credentials (/etc/shadow, /etc/kubernetes, kubelet and runtime configuration)" },
  { path: '/proc', reason: "the host's processes and kernel interfaces (/proc/sys, /proc/sysrq-trigger)" },
  { path: '/sys', reason: 'kernel, cgroup and BPF interfaces of the node' },
  { path: '/dev', reason: "the node's devices (disks, memory, terminals)" },
  { path: '/boot', reason: "the node's kernel and boot loader" },
  { path: '/root', reason: "root's home on the node (SSH keys, cloud credentials)" },
  { path: '/home', reason: "users' homes on the node (SSH keys, credentials)" },
  { path: '/usr', reason: 'the host binaries and libraries that root processes run', writeOnly: true },
  { path: '/bin', reason: 'the host binaries that root processes run', writeOnly: true },
  { path: '/sbin', reason: 'the host binaries that root processes run', writeOnly: true },
  { path: '/lib', reason: 'the host libraries and kernel modules that root processes load', writeOnly: true },
  { path: '/lib64', reason: 'the host libraries that root processes load', writeOnly: true },
];

/** Host paths inside sensitive directories that are safe to share in any mode (CNI plugins, kube-proxy, syslog). */
const BENIGN_PATHS = new Set(['/run/xtables.lock', '/dev/log']);

/**
 * Public, non-secret files inside /etc that agents mount read-only (the cluster-autoscaler's EKS manifest mounts
 * /etc/ssl/certs/ca-bundle.crt): harmless to read, but writing them lets a container add a CA the node trusts.
 */
const READ_ONLY_BENIGN = ['/etc/ssl/certs', '/etc/pki/tls/certs', '/etc/pki/ca-trust', '/etc/ca-certificates', '/etc/localtime', '/etc/timezone', '/etc/os-release', '/etc/machine-id'];

export interface SensitiveHostPath {
  /** The sensitive location the host path is, is inside of, or contains. */
  root: string;
  reason: string;
  relation: 'is' | 'inside' | 'contains' | 'whole';
}

/**
 * Whether a host path exposes a sensitive part of the node: it is, or is inside, a sensitive directory or socket,
 * or contains one (`/var` contains `/var/lib/kubelet`). `writable` says whether anything can write through the
 * volume: host binaries (`/usr`, `/lib`...) are only sensitive then. Undefined for paths that expose nothing
 * sensitive, and for paths that cannot be decided (templates, relative paths); Windows paths are only
 * sensitive for the runtime's named pipes and a drive root.
 */
export function sensitiveHostPath(hostPath: string, writable: boolean): SensitiveHostPath | undefined {
  if (containsTemplate(hostPath)) return undefined;
  const windows = windowsSensitive(hostPath);
  if (windows !== undefined) return windows || undefined;
  const normalised = normalisePosix(hostPath);
  if (normalised === undefined) return undefined;
  if (normalised === '/') return { root: '/', reason: "the node's whole filesystem", relation: 'whole' };
  const canonical = normalised === '/var/run' || normalised.startsWith('/var/run/') ? normalised.slice('/var'.length) : normalised;
  if (BENIGN_PATHS.has(canonical)) return undefined;
  if (!writable && READ_ONLY_BENIGN.some((benign) => canonical === benign || canonical.startsWith(`${benign}/`))) return undefined;
  const applicable = SENSITIVE_ROOTS.filter((root) => writable || !root.writeOnly);
  for (const root of applicable) {
    if (canonical === root.path) return { root: displayRoot(root.path, normalised), reason: root.reason, relation: 'is' };
    if (canonical.startsWith(`${root.path}/`)) return { root: displayRoot(root.path, normalised), reason: root.reason, relation: 'inside' };
  }
  // An ancestor exposes what it contains. /var/run is a symbolic link to /run on the host: mounting /var gives the
  // container a link that resolves inside the container, so only real directories below count.
  for (const root of applicable) {
    if (root.path.startsWith(`${normalised}/`) && !root.path.startsWith('/run')) return { root: root.path, reason: root.reason, relation: 'contains' };
  }
  return undefined;
}

function displayRoot(root: string, written: string): string {
  return written.startsWith('/var/run') && root.startsWith('/run') ? `/var${root}` : root;
}

/** POSIX normalisation (`//`, `.`, `..`, trailing `/`); undefined for a relative path. */
function normalisePosix(path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** `false` for a Windows path that is not sensitive, a result for one that is, undefined for a non-Windows path. */
function windowsSensitive(path: string): SensitiveHostPath | false | undefined {
  const pipe = /^[\\/]{2}[.?][\\/]pipe[\\/](.+)$/i.exec(path);
  if (pipe) {
    const name = (pipe[1] ?? '').toLowerCase();
    if (name === 'docker_engine' || name.startsWith('containerd-containerd')) {
      return { root: path, reason: 'the container runtime named pipe: full control of every container and of the node', relation: 'is' };
    }
    return false;
  }
  const drive = /^[a-z]:(?:[\\/](.*))?$/i.exec(path);
  if (!drive) return undefined;
  const rest = (drive[1] ?? '').replace(/[\\/]+$/, '');
  if (rest === '') return { root: path, reason: "the node's whole system drive", relation: 'whole' };
  if (/^windows(?:[\\/]|$)/i.test(rest)) return { root: path, reason: 'the Windows system directory of the node', relation: 'inside' };
  return false;
}

/** Whether some container can write through the volume (a PersistentVolume's claims are not known: writable). */
export function isWritable(volume: HostPathVolume): boolean {
  if (volume.kind === 'persistent-volume') return true;
  return volume.mounts.some((mount) => !mount.readOnly);
}

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
      "Reports `hostPath` volumes (pod specs of every workload kind, and PersistentVolumes) whose path is, is inside, or contains a sensitive part of the node: the whole filesystem, container runtime sockets (Docker, containerd, CRI-O, also under /var/run and as Windows named pipes), /run, /etc, /proc, /sys, /dev, /boot, /root, /home, the kubelet's and the runtimes' state under /var/lib; and host binaries (/usr, /bin, /sbin, /lib, /lib64) when a container mounts them writable. Public files under /etc (CA certificates, time zone, os-release) mounted read-only by every container are not sensitive, nor are /run/xtables.lock and /dev/log. Paths are normalised (`//`, `.`, `..`, trailing slashes, /var/run = /run) before matching whole path segments. Other hostPath volumes are left to `k8s/no-host-path`, so a volume is reported by one of the two rules, never both.",
    rationale:
      "A container that reaches the runtime socket starts privileged containers at will; one that reads /etc, /var/lib/kubelet or /proc reads the node's and every pod's credentials; one that writes host binaries or /etc gets code run as root on the node. Any of these turns a compromised container into a compromised node and, through the kubelet's credentials, into a foothold in the cluster. Mounting read-only does not protect sockets and devices, and still leaks credentials.",
    remediation:
      "Remove the hostPath volume. Use a Secret, ConfigMap, emptyDir, projected or CSI volume for data; talk to the Kubernetes API or a dedicated agent instead of the runtime socket; build images with a daemonless builder (BuildKit rootless, Kaniko) instead of docker.sock. Node agents that truly need one should be isolated in their own namespace and suppressed with a reason.",
    limitations:
      'Symbolic links on the node (other than /var/run -> /run) cannot be seen; a hostPath that is itself a symbolic link to a sensitive location is not detected. Templated paths are unknown and left to `k8s/no-host-path`. /var/log is not treated as sensitive (log shippers need it); `k8s/no-host-path` reports it.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0006' },
        // Together with k8s/no-host-path, which reports every other hostPath volume, this rule covers any-hostPath checks.
        { tool: 'trivy', id: 'AVD-KSV-0023' },
        { tool: 'polaris', id: 'polaris:hostPathSet' },
        { tool: 'checkov', id: 'CKV_K8S_27' },
        { tool: 'kube-linter', id: 'docker-sock' },
        { tool: 'kube-linter', id: 'sensitive-host-mounts' },
        { tool: 'kubescape', id: 'C-0074' },
      ],
      frameworks: [
        { framework: 'Pod Security Standards', id: 'baseline: HostPath Volumes' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security: hostPath volumes' },
      ],
    },
  },
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
