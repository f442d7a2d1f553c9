import { isWorkload } from '../../graph/kubernetes.js';
import { describeAccountHolder, effectiveAutomount, rbacIndex, workloadServiceAccounts } from '../../graph/rbac.js';
import { isToolDefault } from '../../loaders/embedded-registry.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/service-account-token-automount',
    title: 'Pods must not mount a service account token they do not use',
    severity: 'medium',
    seedPoints: ['EKS-4'],
    artifacts: ['kubernetes'],
    description:
      'Reports workloads (Pods, controllers, CronJobs, custom resources with a pod template) whose effective `automountServiceAccountToken` is true: the pod spec\'s value, else the ServiceAccount\'s when the scan has it, else Kubernetes\' default (true). Workloads whose ServiceAccount is a subject of a RoleBinding / ClusterRoleBinding in the scan are not reported: they call the Kubernetes API. For the Terraform Kubernetes provider\'s typed resources (`kubernetes_deployment` and the like) the provider writes `automount_service_account_token = true` into the pod spec when it is left out (provider 2.x), which overrides the ServiceAccount: such a finding points at the pod spec block and says the provider set the value.',
    rationale:
      'A mounted token is a credential to the Kubernetes API in every container of the pod, readable by anyone who gets code execution in it. Applications that never call the API should not carry one.',
    remediation:
      'Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount, which every pod using it inherits unless it overrides). A pod that does call the API keeps the token; bind its ServiceAccount to a minimal Role.',
    limitations:
      'A pod template with no containers, or with a container that names no image, is a patch fragment (a Kustomize strategic-merge patch) and is not checked: its service account and token settings come from the base it patches. Whether an application calls the API is judged from the scan: a RoleBinding / ClusterRoleBinding naming its ServiceAccount counts as evidence. A ServiceAccount that is not in the scan is assumed to keep the default (mount). Trivy\'s AVD-KSV-0036 only reports an explicit `true`, so it is not claimed as a peer.',
    references: {
      peers: [
        { tool: 'polaris', id: 'polaris:automountServiceAccountToken' },
        { tool: 'checkov', id: 'CKV_K8S_38' },
        { tool: 'kubescape', id: 'C-0034' },
      ],
      frameworks: [
        { framework: 'CIS EKS Benchmark 1.5', id: '4.1.6' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security: service account tokens' },
      ],
      links: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting'],
    },
  },
  appliesTo: isWorkload,
  check({ resource, graph, report }) {
    const index = rbacIndex(graph);
    for (const account of workloadServiceAccounts(resource)) {
      if (account.unresolved) continue;
      const automount = effectiveAutomount(index, account);
      if (!automount?.value) continue;
      if (index.bindingsOfServiceAccount(resource.namespace, account.name).length > 0) continue;
      const who = describeAccountHolder(account, automount.source === 'pod' && automount.path ? automount.path : account.path);
      const sa = `ServiceAccount "${account.name}"`;
      if (automount.source === 'pod' && automount.path && isToolDefault(account.pod.spec, 'automountServiceAccountToken')) {
        report({
          path: automount.path,
          message: `${who} leaves automount_service_account_token out, so the Terraform Kubernetes provider (2.x) sets it to true in the pod spec, whatever ${sa} says, yet no binding in the scan grants ${sa} anything: every container gets an API token it does not appear to need.`,
          fix: 'Set `automount_service_account_token = false` in the pod spec block (the provider defaults it to true).',
        });
        continue;
      }
      if (automount.source === 'pod' && automount.path) {
        report({
          path: automount.path,
          message: `${who} sets automountServiceAccountToken: true, yet no binding in the scan grants ${sa} anything: every container gets an API token it does not appear to need.`,
        });
        continue;
      }
      if (automount.source === 'service-account') {
        report({
          path: account.path,
          message: `${who} inherits automountServiceAccountToken: true from ${sa} and does not override it: every container gets an API token it does not appear to need.`,
        });
        continue;
      }
      const why = automount.serviceAccount
        ? `neither the pod spec nor ${sa} sets automountServiceAccountToken: false`
        : account.explicit
          ? `the pod spec does not set automountServiceAccountToken: false and ${sa} is not in the scan`
          : 'the pod spec sets neither a ServiceAccount nor automountServiceAccountToken: false';
      // `automountServiceAccountToken:` written without a value is where the fix goes.
      const written = account.pod.spec.automountServiceAccountToken === null ? [...account.pod.specPath, 'automountServiceAccountToken'] : undefined;
      report({ path: written ?? account.path, message: `${who} mounts a service account token: ${why}, so Kubernetes mounts one into every container.` });
    }
  },
});
