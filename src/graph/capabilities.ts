/**
 * Helpers shared by the container securityContext rules (RUN-2 / RUN-3): Linux capability names and sets,
 * Windows pod detection (Linux-only controls do not apply to Windows pods), and unresolved values.
 */
import type { JsonValue, NodePath } from '../model/types.js';
import { asArray, asObject, asString } from '../util/json.js';
import { podField, podSecurityField, type ContainerVisit, type PodTemplate } from './kubernetes.js';
import { isUnresolved } from '../util/template.js';

/**
 * Capabilities the Pod Security Standards (baseline, "Capabilities") allow a container to add: Docker's historical
 * default set minus NET_RAW. containerd and Docker grant these (plus NET_RAW) to every container unless dropped.
 */
export const BASELINE_ALLOWED_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** What containerd and Docker grant a container by default: the baseline list plus NET_RAW. */
export const RUNTIME_DEFAULT_CAPABILITIES: ReadonlySet<string> = new Set([...BASELINE_ALLOWED_CAPABILITIES, 'NET_RAW']);

/** The one capability the restricted Pod Security Standard allows adding back after `drop: [ALL]`. */
export const RESTRICTED_ALLOWED_CAPABILITY = 'NET_BIND_SERVICE';

/** What well-known capabilities beyond the default set allow; messages read "..., which allows <note>". */
export const DANGEROUS_CAPABILITY_NOTES: Readonly<Record<string, string>> = {
  ALL: 'every Linux capability (as good as privileged: true)',
  SYS_ADMIN: 'mount, namespace and BPF operations (the classic container escape, close to full root on the node)',
  NET_ADMIN: 'reconfiguring interfaces, routes and iptables of the pod network namespace (and of the node with hostNetwork)',
  NET_RAW: 'raw and packet sockets, enough for ARP / DNS spoofing of neighbours on the node network',
  SYS_PTRACE: 'tracing and injecting code into other processes (of the whole pod with shareProcessNamespace, of the node with hostPID)',
  SYS_MODULE: 'loading kernel modules, i.e. arbitrary code in the host kernel',
  SYS_RAWIO: 'raw I/O ports and /dev/mem access',
  SYS_BOOT: 'rebooting the node',
  SYS_TIME: 'setting the node clock',
  SYS_RESOURCE: 'overriding resource limits and quotas',
  SYS_NICE: 'raising priorities and changing scheduling of any process',
  DAC_READ_SEARCH: 'bypassing file read permission checks (open_by_handle_at, the "shocker" escape)',
  BPF: 'loading BPF programs into the kernel',
  PERFMON: 'kernel performance monitoring (a kernel attack surface and information leak)',
  SYSLOG: 'reading kernel logs and kernel addresses',
  LINUX_IMMUTABLE: 'changing immutable and append-only file attributes',
  IPC_LOCK: 'locking memory',
  IPC_OWNER: 'bypassing IPC permission checks',
  MAC_ADMIN: 'changing the mandatory access control (AppArmor / SELinux / Smack) policy',
  MAC_OVERRIDE: 'overriding the mandatory access control policy',
  AUDIT_CONTROL: 'changing the kernel audit configuration',
  AUDIT_READ: 'reading the kernel audit log',
  BLOCK_SUSPEND: 'blocking system suspend',
  WAKE_ALARM: 'waking the system',
  LEASE: 'taking file leases on arbitrary files',
  CHECKPOINT_RESTORE: 'checkpoint / restore of processes',
  SYS_PACCT: 'configuring process accounting',
  SYS_TTY_CONFIG: 'configuring TTY devices',
};

/** Upper-cased, without a `CAP_` prefix (Kubernetes names have none; the runtimes prefix and upper-case them). */
export function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export interface CapabilityEntry {
  /** Normalized name (upper case, no CAP_ prefix). */
  name: string;
  /** As written. */
  raw: string;
  path: NodePath;
}

export interface CapabilityList {
  /** Path of the list (or of the nearest existing parent when absent). */
  path: NodePath;
  present: boolean;
  entries: CapabilityEntry[];
  /** Some entry (or the list itself) is a template: the set cannot be known. */
  unresolved: boolean;
}

/** The `capabilities.add` or `capabilities.drop` list of a container's own securityContext (there is no pod-level one). */
export function capabilityList(visit: ContainerVisit, which: 'add' | 'drop'): CapabilityList {
  const securityContextPath = [...visit.path, 'securityContext'];
  // A templated securityContext or capabilities may hold any list.
  if (isUnresolved(visit.container.securityContext)) return { path: securityContextPath, present: true, entries: [], unresolved: true };
  const securityContext = asObject(visit.container.securityContext);
  if (isUnresolved(securityContext?.capabilities)) return { path: [...securityContextPath, 'capabilities'], present: true, entries: [], unresolved: true };
  const capabilities = asObject(securityContext?.capabilities);
  const value = capabilities?.[which];
  const listPath: NodePath = [...securityContextPath, 'capabilities', which];
  if (value === undefined || value === null) {
    // `drop:` or `capabilities:` written without a value is located at its key.
    const path = value === null ? listPath : capabilities || securityContext?.capabilities === null ? [...securityContextPath, 'capabilities'] : visit.securityContext.missingPath;
    return { path, present: false, entries: [], unresolved: false };
  }
  if (!Array.isArray(value)) return { path: listPath, present: true, entries: [], unresolved: isUnresolved(value) || typeof value === 'string' };
  const entries: CapabilityEntry[] = [];
  let unresolved = false;
  value.forEach((item, index) => {
    const raw = asString(item);
    // An empty name is no capability: the runtime adds or drops nothing for it.
    if (raw === undefined || raw.trim() === '') return;
    if (isUnresolved(raw)) {
      unresolved = true;
      return;
    }
    // containerd and CRI-O prefix every dropped name but `ALL` with CAP_: a dropped `CAP_NET_RAW` (or `CAP_ALL`)
    // names no capability and drops nothing, so drop entries keep their prefix and match nothing.
    entries.push({ name: which === 'drop' ? raw.trim().toUpperCase() : normalizeCapability(raw), raw, path: [...listPath, index] });
  });
  return { path: listPath, present: true, entries, unresolved };
}

/**
 * A Windows pod: `spec.os.name: windows` (what the Pod Security Standards and API validation key on), or a pod
 * pinned to Windows nodes by `nodeSelector` / required node affinity on `kubernetes.io/os`. Linux-only
 * securityContext fields have no effect there (and the API rejects them when `spec.os.name` is windows).
 */
export function isWindowsPod(pod: PodTemplate): boolean {
  const osName = asString(asObject(podField(pod, 'os')?.value)?.name);
  if (osName !== undefined) return osName.toLowerCase() === 'windows';
  const selector = asObject(podField(pod, 'nodeSelector')?.value);
  const selected = asString(selector?.['kubernetes.io/os']) ?? asString(selector?.['beta.kubernetes.io/os']);
  if (selected !== undefined) return selected.toLowerCase() === 'windows';
  return requiredAffinityIsWindows(podField(pod, 'affinity')?.value);
}

function requiredAffinityIsWindows(affinity: JsonValue | undefined): boolean {
  const required = asObject(asObject(asObject(affinity)?.nodeAffinity)?.requiredDuringSchedulingIgnoredDuringExecution);
  const terms = asArray(required?.nodeSelectorTerms);
  if (terms.length === 0) return false;
  // Terms are ORed: every term must pin the OS to windows.
  return terms.every((term) =>
    asArray(asObject(term)?.matchExpressions).some((expression) => {
      const item = asObject(expression);
      if (!item || (item.key !== 'kubernetes.io/os' && item.key !== 'beta.kubernetes.io/os') || item.operator !== 'In') return false;
      const values = asArray(item.values).map((value) => String(value).toLowerCase());
      return values.length > 0 && values.every((value) => value === 'windows');
    }),
  );
}

/** Hint appended to messages when a container-only field was written at pod level, where Kubernetes ignores it. */
export function podLevelOnlyHint(pod: PodTemplate, field: string): string {
  if (podSecurityField(pod, field) === undefined) return '';
  return ` (spec.securityContext.${field} at pod level is not a Kubernetes field and is ignored; set it on each container)`;
}
