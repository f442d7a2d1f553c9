import rule from '../../../src/rules/k8s/no-service-external-ips.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'no external IPs, an empty list, templated or empty entries, headless and ExternalName Services',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: web, namespace: shop }
        spec: { ports: [{ port: 80 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: empty, namespace: shop }
        spec: { externalIPs: [], ports: [{ port: 80 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: templated, namespace: shop }
        spec: { externalIPs: ["{{ .Values.externalIP }}", ""], ports: [{ port: 80 }] }
        ---
        # kube-proxy programs nothing for headless and ExternalName Services.
        apiVersion: v1
        kind: Service
        metadata: { name: headless, namespace: shop }
        spec: { clusterIP: None, externalIPs: [8.8.8.8], ports: [{ port: 80 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: external-name, namespace: shop }
        spec: { type: ExternalName, externalName: db.example.com, externalIPs: [8.8.8.8] }
      `,
    },
  ],
  invalid: [
    {
      name: 'literal external IPs, named (the first three)',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: dns-hijack, namespace: shop }
        spec:
          externalIPs: [8.8.8.8, 1.1.1.1, 9.9.9.9, 208.67.222.222]
          ports: [{ port: 53, protocol: UDP }]
      `,
      errors: [
        {
          line: 5,
          message:
            'Service "dns-hijack" claims external IPs (8.8.8.8, 1.1.1.1, 9.9.9.9 and 1 more): kube-proxy on every node sends traffic for those addresses to this Service\'s pods, so traffic pods send to them is intercepted (CVE-2020-8554).',
        },
      ],
    },
  ],
});
