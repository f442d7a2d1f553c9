import { labelsOf } from '../../graph/kubernetes.js';

import type { NodePath } from '../../model/types.js';
import { asObject, isObject } from '../../util/json.js';
import { createRule } from '../rule.js';
import { isUnresolved } from '../../util/template.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const LEVELS = new Set(['privileged', 'baseline', 'restricted']);

/** Namespaces Pod Security Admission leaves alone in practice: the control plane's own. */
const EXEMPT = new Set(['kube-system']);

export default createRule({
  meta: {
    id: 'k8s/namespace-pod-security-admission',
    title: 'Namespaces must enforce the restricted Pod Security Standard',
    severity: 'medium',
    seedPoints: ['EKS-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports Namespace objects (except kube-system) without the `pod-security.kubernetes.io/enforce` label, or with `enforce: privileged`, `enforce: baseline`, or a value that is not a Pod Security level. `restricted` passes. `warn` and `audit` labels alone do not enforce anything and are mentioned in the message.',
    rationale:
      'Pod Security Admission is the built-in guard that rejects privileged, host-namespace, root or capability-adding pods. Without an enforce label (EKS has no cluster-wide default) every pod is admitted, so one mistake or one compromised deployer creates a container that owns the node. `baseline` still allows running as root and keeping default capabilities.',
    remediation:
      'Label the namespace `pod-security.kubernetes.io/enforce: restricted` (with `enforce-version: latest`, and `warn` / `audit: restricted` to see violations before enforcing). Use `baseline` only for namespaces whose workloads cannot meet restricted, and document why.',
    limitations:
      'Only Namespace objects in the scanned files are checked; namespaces created by `kubectl create namespace`, Helm `--create-namespace` or the cluster provisioner are not seen. A third-party admission controller (Kyverno, Gatekeeper) enforcing equivalent policies is not visible here. Severity is medium for every finding, although a missing or privileged level is worse than baseline.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'Pod Security Standards', id: 'restricted' },
        { framework: 'CIS EKS Benchmark 1.5', id: '4.2' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security: Pod Security Admission' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.artifact === 'kubernetes' && resource.type === 'Namespace' && resource.apiVersion === 'v1' && !EXEMPT.has(resource.name),
  check({ resource, report }) {
    const metadata = asObject(resource.body.metadata);
    const labels = labelsOf(metadata?.labels);
    const name = `Namespace "${resource.name}"`;
    const enforce = labels[ENFORCE];
    if (enforce === undefined) {
      const modes = ['warn', 'audit'].filter((mode) => labels[`pod-security.kubernetes.io/${mode}`] !== undefined);
      // At the privileged level, warn and audit have nothing to report.
      const reporting = modes.filter((mode) => labels[`pod-security.kubernetes.io/${mode}`] !== 'privileged');
      const idle = modes.filter((mode) => !reporting.includes(mode));
      const notes = [
        ...(reporting.length > 0 ? [`the ${reporting.join(' and ')} label${reporting.length > 1 ? 's only report' : ' only reports'} violations without blocking them`] : []),
        ...(idle.length > 0 ? [`${idle.join(' and ')}: privileged ${idle.length > 1 ? 'report' : 'reports'} nothing`] : []),
      ];
      const path: NodePath = isObject(metadata?.labels) ? ['metadata', 'labels'] : ['metadata'];
      report({
        path,
        message: `${name} has no ${ENFORCE} label: Pod Security Admission admits every pod, privileged ones included${notes.length > 0 ? ` (${notes.join('; ')})` : ''}.`,
      });
      return;
    }
    if (isUnresolved(enforce)) return;
    const path: NodePath = ['metadata', 'labels', ENFORCE];
    if (!LEVELS.has(enforce)) {
      report({ path, message: `${name} sets ${ENFORCE}: "${enforce}", which is not a Pod Security level (privileged, baseline, restricted).` });
    } else if (enforce === 'privileged') {
      report({ path, message: `${name} enforces the privileged Pod Security level: every pod is admitted, privileged and host-namespace ones included.` });
    } else if (enforce === 'baseline') {
      report({
        path,
        message: `${name} enforces only the baseline Pod Security level: pods may still run as root, keep default capabilities and run without a seccomp profile.`,
        fix: `Set ${ENFORCE}: restricted, after checking with pod-security.kubernetes.io/warn: restricted that the workloads comply.`,
      });
    }
  },
});
