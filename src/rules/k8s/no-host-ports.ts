import { forEachContainer, isWorkload } from '../../graph/kubernetes.js';
import { asArray, asObject, asString } from '../../util/json.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/no-host-ports',
    title: "Containers must not bind ports of the node (hostPort)",
    severity: 'medium',
    seedPoints: ['RUN-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports every `ports[].hostPort` set to a non-zero port in any container (init and ephemeral included) of a workload, at the `hostPort` field. `hostPort: 0` (unset) and templated values are not reported. A `hostPort` of a pod with `hostNetwork: true` is reported too, as by the peers (the pod binds its ports on the node anyway, and `k8s/no-host-namespaces` reports the host network itself).',
    rationale:
      "A host port exposes the container on the node's own address, outside Services and usually outside NetworkPolicies (most CNI plugins implement hostPort with node-level NAT rules), on every interface of the node. It also pins the pod to nodes where the port is free, and can shadow a node service on the same port.",
    remediation:
      'Remove `hostPort` and expose the container through a Service (ClusterIP, or a LoadBalancer / Ingress for external traffic). Keep `containerPort` for documentation and named ports.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0024' },
        { tool: 'polaris', id: 'polaris:hostPortSet' },
        { tool: 'checkov', id: 'CKV_K8S_26' },
        { tool: 'kubescape', id: 'C-0044' },
      ],
      frameworks: [
        { framework: 'Pod Security Standards', id: 'baseline: Host Ports' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security: host ports' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    forEachContainer(resource, ({ container, name, path }) => {
      asArray(container.ports).forEach((item, index) => {
        const port = asObject(item);
        if (!port) return;
        const raw = port.hostPort;
        const hostPort = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : undefined;
        if (hostPort === undefined || hostPort === 0) return;
        const protocol = asString(port.protocol) ?? 'TCP';
        const containerPort = typeof port.containerPort === 'number' ? ` (container port ${port.containerPort})` : '';
        report({
          path: [...path, 'ports', index, 'hostPort'],
          container: name,
          message: `Container "${name}" binds port ${hostPort}/${protocol} of the node${containerPort}.`,
          fix: `Remove \`hostPort: ${hostPort}\` and expose the port through a Service.`,
        });
      });
    });
  },
});
