import { BASELINE_ALLOWED_CAPABILITIES, DANGEROUS_CAPABILITY_NOTES, capabilityList, isWindowsPod } from '../../graph/capabilities.js';
import { forEachContainer, isWorkload, type ContainerVisit } from '../../graph/kubernetes.js';
import { createRule } from '../rule.js';

/**
 * Capabilities whose power stays within the container's own limits or is a nuisance, not a way out: locking memory
 * (bounded by the memory cgroup), IPC ownership, scheduling and resource limits, suspend and alarms, leases,
 * accounting, TTYs, reading the audit log. Medium; every other one (escapes, kernel code, the network, the clock) high.
 */
const CONTAINED_CAPABILITIES: ReadonlySet<string> = new Set(['IPC_LOCK', 'IPC_OWNER', 'SYS_NICE', 'SYS_RESOURCE', 'BLOCK_SUSPEND', 'WAKE_ALARM', 'LEASE', 'SYS_PACCT', 'SYS_TTY_CONFIG', 'AUDIT_READ']);

/**
 * A process that runs as non-root under no_new_privs gets none of the added capabilities: the runtime (containerd,
 * as on EKS) sets no ambient capabilities, so they are dropped at the entrypoint's execve, and no_new_privs ignores
 * file capabilities. The API server refuses allowPrivilegeEscalation: false with privileged or SYS_ADMIN.
 */
function capabilitiesInert(visit: ContainerVisit): boolean {
  const context = visit.securityContext;
  if (context.get('allowPrivilegeEscalation')?.value !== false || context.get('privileged')?.value === true) return false;
  const user = context.get('runAsUser')?.value;
  const uid = typeof user === 'number' ? user : typeof user === 'string' && /^\d+$/.test(user) ? Number(user) : undefined;
  if (uid === 0) return false;
  return (uid !== undefined && uid > 0) || context.get('runAsNonRoot')?.value === true;
}

export default createRule({
  meta: {
    id: 'k8s/no-added-capabilities',
    title: 'Containers must not add capabilities beyond the default set',
    severity: 'high',
    otherSeverities: ['medium', 'low'],
    seedPoints: ['RUN-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports every entry of `securityContext.capabilities.add` (init and ephemeral containers included, names compared case-insensitively, with or without CAP_) that is not in the Pod Security Standards baseline list: AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT. That covers ALL, SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE, SYS_MODULE, BPF, ... (high), and IPC_LOCK, IPC_OWNER, SYS_NICE, SYS_RESOURCE, BLOCK_SUSPEND, WAKE_ALARM, LEASE, SYS_PACCT, SYS_TTY_CONFIG and AUDIT_READ, which give no way out of the container (medium; Polaris likewise tells dangerous from insecure capabilities). Adding back a default capability after drop: [ALL] is reported by k8s/drop-all-capabilities instead. Windows pods are exempt.',
    rationale:
      'Capabilities beyond the default set give a container powers over the node kernel: SYS_ADMIN and ALL are as good as privileged (mounts, namespaces, BPF: the usual container escapes), SYS_MODULE loads kernel code, SYS_PTRACE injects into other processes, NET_ADMIN / NET_RAW reconfigure or spoof the network.',
    remediation:
      'Remove the capability from `capabilities.add`. If a node agent really needs one (e.g. NET_ADMIN for a CNI plugin), add only that one, together with `drop: [ALL]`, and suppress the finding for that workload with a reason.',
    limitations:
      'Adding NET_BIND_SERVICE is not reported: the restricted Pod Security Standard allows it, and without drop: [ALL] the runtime grants it anyway. Windows pods are skipped: capabilities are Linux-only. A capability added to a container that runs as non-root (a non-zero `runAsUser`, or `runAsNonRoot: true`) with `allowPrivilegeEscalation: false` is low: containerd (EKS) sets no ambient capabilities, so the process loses it at its first execve, and no_new_privs ignores file capabilities; it takes effect as soon as the user or the escalation setting changes, and with a runtime that sets ambient capabilities.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0005' },
        { tool: 'trivy', id: 'AVD-KSV-0022' },
        { tool: 'polaris', id: 'polaris:dangerousCapabilities' },
        { tool: 'checkov', id: 'CKV_K8S_25' },
        { tool: 'checkov', id: 'CKV_K8S_39' },
        { tool: 'kubescape', id: 'C-0046' },
        // Kubescape counts SYS_ADMIN as privileged; k8s/no-privileged covers its `privileged: true` half.
        { tool: 'kubescape', id: 'C-0057' },
      ],
      frameworks: [
        { framework: 'Pod Security Standards', id: 'baseline: Capabilities' },
        { framework: 'CIS EKS Benchmark 1.5', id: '4.2.8' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security: Linux capabilities' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    forEachContainer(resource, (visit) => {
      const { name, pod } = visit;
      if (isWindowsPod(pod)) return;
      const inert = capabilitiesInert(visit);
      for (const entry of capabilityList(visit, 'add').entries) {
        if (BASELINE_ALLOWED_CAPABILITIES.has(entry.name)) continue;
        const note = DANGEROUS_CAPABILITY_NOTES[entry.name];
        const what = note ? `, which allows ${note}` : ', which is beyond the default set';
        if (inert && entry.name !== 'SYS_ADMIN' && entry.name !== 'ALL') {
          report({
            path: entry.path,
            container: name,
            severity: 'low',
            message: `Container "${name}" adds capability ${entry.raw}${what}. It has no effect while the container runs as non-root with allowPrivilegeEscalation: false (the runtime hands a non-root process no added capability), and takes effect as soon as either changes.`,
          });
          continue;
        }
        report({
          path: entry.path,
          container: name,
          message: `Container "${name}" adds capability ${entry.raw}${what}.`,
          ...(CONTAINED_CAPABILITIES.has(entry.name) ? { severity: 'medium' as const } : {}),
        });
      }
    });
  },
});
