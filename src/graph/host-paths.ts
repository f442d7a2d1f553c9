import { containerMounts, podContainers, podTemplatesOf, podVolumes, type PodTemplate } from './kubernetes.js';
import type { NodePath, Resource } from '../model/types.js';
import { appendAll } from '../util/collections.js';
import { asObject, asString } from '../util/json.js';
import { containsTemplate } from '../util/template.js';

/**
 * Host paths: the hostPath volumes of Kubernetes pods and PersistentVolumes, and which host locations are
 * sensitive (runtime sockets, kubelet and runtime state, /etc, /proc, ...). Shared by the Kubernetes and ECS
 * host-path rules.
 */

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
  // An Argo workflow's own volumes reach the pods of the templates that mount them: one entry each, with every mount.
  const volumes = new Map<string, HostPathVolume>();
  for (const pod of podTemplatesOf(resource)) {
    for (const { volume: item, path } of podVolumes(pod)) {
      const volume = asObject(item);
      const hostPath = asObject(volume?.hostPath);
      if (!volume || !hostPath) continue;
      const name = asString(volume.name) ?? `volumes[${String(path.at(-1))}]`;
      const base = [...path, 'hostPath'];
      const key = base.join('\u0000');
      const entry = volumes.get(key) ?? { name, hostPath: asString(hostPath.path), path: hostPath.path === undefined ? base : [...base, 'path'], mounts: [], kind: 'pod-volume' };
      volumes.set(key, entry);
      appendAll(entry.mounts, mountsOf(pod, name));
    }
  }
  return [...volumes.values()];
}

function mountsOf(pod: PodTemplate, volume: string): HostPathVolume['mounts'] {
  const mounts: HostPathVolume['mounts'] = [];
  for (const entry of podContainers(pod)) {
    const { name } = entry;
    for (const mountItem of containerMounts(entry)) {
      const mount = asObject(mountItem);
      if (mount && mount.name === volume) mounts.push({ container: name, readOnly: mount.readOnly === true });
    }
  }
  return mounts;
}

interface SensitiveRoot {
  path: string;
  reason: string;
  /** Only dangerous when writable: reading host binaries is harmless, replacing them is not. */
  writeOnly?: boolean;
  /**
   * What a path below it that no more specific entry names is: by default as sensitive as the root. `none`: not
   * sensitive (/run holds each service's own directory; the sensitive sockets are listed); `{ writableReason }`:
   * sensitive only when writable, for that reason (a tool's own configuration under /etc).
   */
  below?: 'none' | { writableReason: string };
}

/** A tool's configuration directory under /etc: only what writing it does. */
const WRITABLE_CONFIGURATION = 'configuration on the node that host services read: a container that writes it changes how they behave';

const SECRETS_STORE_PROVIDERS =
  "the Secrets Store CSI driver's provider sockets: a container that writes there stands in for a provider and receives the driver's mount requests, with the pods' service account tokens";

/** Most specific first: the first root a path is equal to or under names the reason. Paths use `/run` for `/var/run`. */
const SENSITIVE_ROOTS: readonly SensitiveRoot[] = [
  { path: '/run/docker.sock', reason: 'the Docker daemon socket: full control of every container and of the node' },
  { path: '/run/dockershim.sock', reason: 'the dockershim socket: full control of every container and of the node' },
  { path: '/run/cri-dockerd.sock', reason: 'the cri-dockerd socket: full control of every container and of the node' },
  { path: '/run/containerd', reason: 'the containerd socket: full control of every container and of the node' },
  { path: '/run/crio', reason: 'the CRI-O socket: full control of every container and of the node' },
  { path: '/run/k3s', reason: "k3s's containerd socket: full control of every container and of the node" },
  { path: '/run/podman', reason: 'the Podman socket: full control of containers on the node' },
  { path: '/run/user', reason: "users' runtime directories (rootless Docker and Podman sockets)" },
  { path: '/run/buildkit', reason: 'the BuildKit socket: runs privileged builds on the node' },
  { path: '/run/dbus', reason: "the system D-Bus socket: controls the node's services (systemd)" },
  { path: '/run/systemd', reason: "systemd's runtime sockets: control of the node's services" },
  { path: '/run/snapd.socket', reason: "snapd's socket: installs software as root on the node" },
  { path: '/run/cilium', reason: "the Cilium agent's socket: control of every pod's network and policies" },
  { path: '/run/netns', reason: "the network namespaces of the node's pods" },
  { path: '/run/docker', reason: "Docker's runtime state: its containers' network namespaces and plugin sockets" },
  { path: '/run/secrets', reason: 'secrets the host hands to its containers (/run/secrets)' },
  { path: '/run/log', reason: "the node's journal: a container that writes there forges or erases the node's logs", writeOnly: true },
  // The driver's --provider-volume; /etc/kubernetes/secrets-store-csi-providers is the usual additional path.
  { path: '/run/secrets-store-csi-providers', reason: SECRETS_STORE_PROVIDERS, writeOnly: true },
  { path: '/run', reason: 'runtime sockets and state of host services (/run, /var/run)', below: 'none' },
  { path: '/var/lib/kubelet/plugins_registry', reason: "the kubelet's plugin registration directory: a container that writes there registers a CSI or device plugin socket with the kubelet", writeOnly: true },
  { path: '/var/lib/kubelet/device-plugins', reason: "the kubelet's device-plugin socket: registers devices with the kubelet for every pod" },
  { path: '/var/lib/kubelet/plugins', reason: "every CSI driver's socket on the node: volume mounts and attachments as those privileged drivers" },
  { path: '/var/lib/kubelet/pods', reason: "every pod's volumes on the node: their Secrets, ConfigMaps and service account tokens" },
  { path: '/var/lib/kubelet', reason: "the kubelet's state: every pod's Secrets and service account tokens, and the kubelet's credentials" },
  { path: '/var/lib/docker/containers', reason: "every container's logs and configuration on the node (environment variables included)" },
  { path: '/var/lib/docker', reason: 'the image layers and filesystems of every container on the node' },
  { path: '/var/lib/containerd', reason: 'the image layers and filesystems of every container on the node' },
  { path: '/var/lib/containers', reason: 'the image layers and filesystems of every container on the node' },
  { path: '/var/lib/etcd', reason: "etcd's data: every object of the cluster, Secrets included" },
  { path: '/etc/kubernetes/pki', reason: "the cluster's CA and the node's certificates and keys" },
  { path: '/etc/kubernetes/manifests', reason: 'the static pod manifests: a container that writes there runs any pod on the node, past the API server and its admission control', writeOnly: true },
  ...['/etc/kubernetes/kubelet', '/etc/kubernetes/kubelet.conf', '/etc/kubernetes/bootstrap-kubelet.conf', '/etc/kubernetes/admin.conf', '/etc/kubernetes/super-admin.conf', '/etc/kubernetes/controller-manager.conf', '/etc/kubernetes/scheduler.conf'].map(
    (path) => ({ path, reason: "the kubelet's and the control plane's configuration and credentials (kubeconfigs)" }),
  ),
  { path: '/etc/kubernetes/secrets-store-csi-providers', reason: SECRETS_STORE_PROVIDERS, writeOnly: true },
  // Anything else below: credentials more often than not (certificate keys, cloud-provider secrets).
  { path: '/etc/kubernetes', reason: "the node's Kubernetes configuration and credentials (kubelet kubeconfig, certificates)" },
  { path: '/etc/cni', reason: "the CNI configuration: the plugins the runtime runs as root for every pod, and the CNI plugin's own kubeconfig and service account token (Calico, Multus)" },
  { path: '/etc/rancher', reason: 'the k3s / RKE2 configuration and its cluster-admin kubeconfig' },
  { path: '/etc/krb5.keytab', reason: "the node's Kerberos keys" },
  ...['/etc/shadow', '/etc/shadow-', '/etc/gshadow', '/etc/gshadow-'].map((path) => ({ path, reason: "the node's password hashes" })),
  { path: '/etc/passwd', reason: "the node's user accounts", writeOnly: true },
  { path: '/etc/ssh', reason: "the node's SSH host keys and daemon configuration" },
  { path: '/etc/sudoers', reason: "the node's sudo rules", writeOnly: true },
  { path: '/etc/sudoers.d', reason: "the node's sudo rules", writeOnly: true },
  { path: '/etc/ssl/private', reason: "the node's TLS private keys" },
  { path: '/etc/pki/tls/private', reason: "the node's TLS private keys" },
  ...['/etc/ssl/certs', '/etc/pki', '/etc/ca-certificates'].map((path) => ({ path, reason: 'the CA certificates the node trusts: a container that writes there adds a CA that its services trust', writeOnly: true })),
  { path: '/etc/docker', reason: "the Docker daemon's configuration and TLS material" },
  { path: '/etc/containerd', reason: "containerd's configuration (runtimes, registries and their credentials)" },
  { path: '/etc/crio', reason: "CRI-O's configuration (runtimes, registries)" },
  {
    path: '/etc',
    reason: "the node's configuration and credentials (/etc/shadow, /etc/kubernetes, kubelet and runtime configuration)",
    below: { writableReason: WRITABLE_CONFIGURATION },
  },
  { path: '/proc', reason: "the host's processes and kernel interfaces (/proc/sys, /proc/sysrq-trigger)" },
  { path: '/sys', reason: 'kernel, cgroup and BPF interfaces of the node' },
  { path: '/dev', reason: "the node's devices (disks, memory, terminals)" },
  // Read-only it shows the kernel image and symbols (an aid to kernel exploits, k8s/no-host-path's medium); writable,
  // it replaces what the node boots.
  { path: '/boot', reason: "the node's kernel and boot loader", writeOnly: true },
  { path: '/root', reason: "root's home on the node (SSH keys, cloud credentials)" },
  { path: '/home', reason: "users' homes on the node (SSH keys, credentials)" },
  {
    path: '/var/log',
    reason: "the node's logs, where the kubelet follows the symbolic links a writing container plants when it serves `kubectl logs` (any file of the node becomes readable)",
    writeOnly: true,
  },
  { path: '/opt/cni/bin', reason: 'the CNI plugin binaries that the kubelet runs as root for every pod', writeOnly: true },
  { path: '/usr', reason: 'the host binaries and libraries that root processes run', writeOnly: true },
  { path: '/bin', reason: 'the host binaries that root processes run', writeOnly: true },
  { path: '/sbin', reason: 'the host binaries that root processes run', writeOnly: true },
  { path: '/lib', reason: 'the host libraries and kernel modules that root processes load', writeOnly: true },
  { path: '/lib64', reason: 'the host libraries that root processes load', writeOnly: true },
];

/**
 * A CSI driver's own directory under the kubelet's plugin directory: its socket alone, which the driver serves. Not
 * `kubernetes.io/`, where the kubelet stages every CSI volume of the node.
 */
const CSI_DRIVER_DIRECTORY = /^\/var\/lib\/kubelet\/plugins\/(?!kubernetes\.io(?:\/|$))[^/]+(?:\/|$)/;

/** Host paths inside sensitive directories that are safe to share in any mode (CNI plugins, kube-proxy, syslog). */
const BENIGN_PATHS = new Set(['/run/xtables.lock', '/dev/log']);

/**
 * Public, non-secret files inside /etc that agents mount read-only (the cluster-autoscaler's EKS manifest mounts
 * /etc/ssl/certs/ca-bundle.crt): harmless to read, but writing them lets a container add a CA the node trusts.
 */
const PUBLIC_NODE_FILES = ['/etc/ssl/certs', '/etc/pki/tls/certs', '/etc/pki/ca-trust', '/etc/ca-certificates', '/etc/localtime', '/etc/timezone', '/etc/os-release', '/etc/machine-id'];
/**
 * Not sensitive read-only: the public files, journald's volatile log files under /run/log/journal, which log
 * shippers read as they read /var/log (the node's own logs, not public; journald's sockets are under /run/systemd/journal),
 * and /dev/disk, whose by-id / by-uuid symbolic links metrics agents read: they point at device nodes that the
 * container's own /dev resolves, and opening a device is up to the device cgroup (privileged is k8s/no-privileged's).
 */
const READ_ONLY_BENIGN = [...PUBLIC_NODE_FILES, '/run/log/journal', '/dev/disk'];

/** Whether the host path is one of the node's public files (CA certificates, time zone, os-release...), read-only harmless. */
export function isPublicNodeFile(hostPath: string): boolean {
  const normalised = containsTemplate(hostPath) ? undefined : normalisePosix(hostPath);
  return normalised !== undefined && PUBLIC_NODE_FILES.some((file) => normalised === file || normalised.startsWith(`${file}/`));
}

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
  if (windows !== undefined) {
    // The kubelet keeps the same layout on Windows nodes (C:\var\lib\kubelet): judged like its Linux counterpart.
    // Windows paths ignore case.
    if (windows === 'kubelet') return sensitiveHostPath(normalisePosix(hostPath.replace(/^[a-z]:/i, '').replace(/\\/g, '/').toLowerCase()) ?? '/', writable);
    return windows || undefined;
  }
  const normalised = normalisePosix(hostPath);
  if (normalised === undefined) return undefined;
  if (normalised === '/') return { root: '/', reason: "the node's whole filesystem", relation: 'whole' };
  const canonical = normalised === '/var/run' || normalised.startsWith('/var/run/') ? normalised.slice('/var'.length) : normalised;
  if (BENIGN_PATHS.has(canonical) || CSI_DRIVER_DIRECTORY.test(canonical)) return undefined;
  if (!writable && READ_ONLY_BENIGN.some((benign) => canonical === benign || canonical.startsWith(`${benign}/`))) return undefined;
  for (const root of SENSITIVE_ROOTS) {
    const inside = canonical !== root.path && canonical.startsWith(`${root.path}/`);
    if (canonical !== root.path && !inside) continue;
    // Only what writing does (host binaries, the plugin registry): read-only, not sensitive, whatever contains it.
    if (root.writeOnly && !writable) return undefined;
    if (!inside) return { root: displayRoot(root.path, normalised), reason: root.reason, relation: 'is' };
    if (root.below === undefined) return { root: displayRoot(root.path, normalised), reason: root.reason, relation: 'inside' };
    // A directory below that no entry names: its own verdict, and no broader root applies.
    if (root.below === 'none' || !writable) return undefined;
    return { root: normalised, reason: root.below.writableReason, relation: 'is' };
  }
  // An ancestor exposes what it contains. /var/run is a symbolic link to /run on the host: mounting /var gives the
  // container a link that resolves inside the container, so only real directories below count.
  const contained = SENSITIVE_ROOTS.filter((root) => (writable || !root.writeOnly) && root.path.startsWith(`${normalised}/`) && !root.path.startsWith('/run'));
  // Named by the outermost one (/var contains /var/lib/kubelet, not each of its subdirectories).
  const outermost = contained.find((root) => !contained.some((other) => root.path.startsWith(`${other.path}/`)));
  if (outermost) return { root: outermost.path, reason: outermost.reason, relation: 'contains' };
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

/**
 * `false` for a Windows path that is not sensitive, a result for one that is, `kubelet` for one under the kubelet's
 * directory, undefined for a non-Windows path.
 */
function windowsSensitive(path: string): SensitiveHostPath | false | 'kubelet' | undefined {
  const pipe = /^[\\/]{2}[.?][\\/]pipe[\\/](.+)$/i.exec(path);
  if (pipe) {
    const name = (pipe[1] ?? '').toLowerCase();
    if (name === 'docker_engine' || name.startsWith('containerd-containerd')) {
      return { root: path, reason: 'the container runtime named pipe: full control of every container and of the node', relation: 'is' };
    }
    // CSI Proxy runs disk, volume and filesystem operations on the host for the CSI node plugins of Windows nodes.
    if (name.startsWith('csi-proxy-')) {
      return { root: path, reason: "CSI Proxy's named pipe: partitions, formats and mounts the node's disks and volumes as the host", relation: 'is' };
    }
    return false;
  }
  const drive = /^[a-z]:(?:[\\/](.*))?$/i.exec(path);
  if (!drive) return undefined;
  // `..` and `.` resolved, as the node resolves them (`C:\var\lib\kubelet\..\..\..\Windows` is `C:\Windows`).
  const rest = (normalisePosix(`/${(drive[1] ?? '').replace(/\\/g, '/')}`) ?? '/').slice(1);
  if (rest === '') return { root: path, reason: "the node's whole system drive", relation: 'whole' };
  if (/^windows(?:[\\/]|$)/i.test(rest)) return { root: path, reason: 'the Windows system directory of the node', relation: 'inside' };
  // The kubelet's directory, and its parents, which contain it.
  if (/^var(?:[\\/]lib(?:[\\/]kubelet(?:[\\/].*)?)?)?$/i.test(rest)) return 'kubelet';
  if (/^programdata[\\/](docker|containerd)(?:[\\/]|$)/i.test(rest)) return { root: path, reason: 'the container runtime\'s state: the image layers and filesystems of every container on the node', relation: 'inside' };
  return false;
}

/** Whether some container can write through the volume (a PersistentVolume's claims are not known: writable). */
export function isWritable(volume: HostPathVolume): boolean {
  if (volume.kind === 'persistent-volume') return true;
  return volume.mounts.some((mount) => !mount.readOnly);
}

