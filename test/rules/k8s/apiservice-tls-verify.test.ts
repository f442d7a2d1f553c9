import rule from '../../../src/rules/k8s/apiservice-tls-verify.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a caBundle (here injected by cert-manager), a local APIService, a templated value',
      code: yaml`
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata:
          name: v1beta1.metrics.k8s.io
          annotations: { cert-manager.io/inject-ca-from: kube-system/metrics-server }
        spec:
          group: metrics.k8s.io
          version: v1beta1
          service: { name: metrics-server, namespace: kube-system }
          groupPriorityMinimum: 100
          versionPriority: 100
        ---
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata: { name: v1.apps }
        spec: { group: apps, version: v1, groupPriorityMinimum: 17800, versionPriority: 15 }
        ---
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata: { name: v1beta1.custom.metrics.k8s.io }
        spec:
          group: custom.metrics.k8s.io
          version: v1beta1
          service: { name: adapter, namespace: monitoring }
          insecureSkipTLSVerify: "{{ .Values.apiService.insecureSkipTLSVerify }}"
          groupPriorityMinimum: 100
          versionPriority: 100
      `,
    },
  ],
  invalid: [
    {
      name: "metrics-server's default manifest",
      code: yaml`
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata:
          labels: { k8s-app: metrics-server }
          name: v1beta1.metrics.k8s.io
        spec:
          group: metrics.k8s.io
          groupPriorityMinimum: 100
          insecureSkipTLSVerify: true
          service: { name: metrics-server, namespace: kube-system }
          version: v1beta1
          versionPriority: 100
      `,
      errors: [{ line: 9, message: 'APIService "v1beta1.metrics.k8s.io" lets the API server reach service kube-system/metrics-server without verifying its TLS certificate' }],
    },
  ],
});
