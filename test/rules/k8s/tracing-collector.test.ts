import { describe, expect, it } from 'vitest';
import rule, { endpointHosts } from '../../../src/rules/k8s/tracing-collector.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n';

ruleTester(rule, {
  valid: [
    {
      name: 'X-Ray daemon sidecar next to the application',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api, namespace: shop }
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: shop/api:1.4.2
                  env:
                    - { name: AWS_XRAY_DAEMON_ADDRESS, value: "127.0.0.1:2000" }
                - name: xray-daemon
                  image: public.ecr.aws/xray/aws-xray-daemon:3.3.13
      `,
      others: [{ filename: 'namespace.yaml', code: NAMESPACE }],
    },
    {
      name: 'ADOT collector as a native sidecar init container',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api, namespace: shop }
        spec:
          template:
            spec:
              initContainers:
                - name: collector
                  image: registry.example.com/telemetry/agent:2.1
                  restartPolicy: Always
              containers:
                - name: api
                  image: shop/api:1.4.2
                  env:
                    - { name: OTEL_EXPORTER_OTLP_ENDPOINT, value: "http://localhost:4317" }
      `,
      others: [{ filename: 'namespace.yaml', code: NAMESPACE }],
    },
    {
      name: 'sidecar injection requested from the OpenTelemetry operator on the pod',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api, namespace: shop }
        spec:
          template:
            metadata:
              annotations:
                sidecar.opentelemetry.io/inject: "true"
            spec:
              containers:
                - name: api
                  image: shop/api:1.4.2
                  env:
                    - { name: OTEL_EXPORTER_OTLP_ENDPOINT, value: "localhost:4317" }
      `,
      others: [{ filename: 'namespace.yaml', code: NAMESPACE }],
    },
    {
      name: 'sidecar injection requested on the namespace',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          annotations:
            sidecar.opentelemetry.io/inject: "adot-sidecar"
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: api, namespace: shop }
        spec:
          containers:
            - name: api
              image: shop/api:1.4.2
              env:
                - { name: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, value: "http://127.0.0.1:4318/v1/traces" }
      `,
    },
    {
      name: 'host-network pod reaching a node agent, and a node address from the downward API',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api, namespace: shop }
        spec:
          template:
            spec:
              hostNetwork: true
              containers:
                - name: api
                  image: shop/api:1.4.2
                  env:
                    - { name: AWS_XRAY_DAEMON_ADDRESS, value: "127.0.0.1:2000" }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: shop }
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: shop/web:2.0.0
                  env:
                    - name: HOST_IP
                      valueFrom: { fieldRef: { fieldPath: status.hostIP } }
                    - { name: OTEL_EXPORTER_OTLP_ENDPOINT, value: "http://$(HOST_IP):4317" }
      `,
      others: [{ filename: 'namespace.yaml', code: NAMESPACE }],
    },
    {
      name: 'collector Service address (not decidable from files) and tracing switched off',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api, namespace: shop }
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: shop/api:1.4.2
                  env:
                    - { name: AWS_XRAY_DAEMON_ADDRESS, value: "xray-service.amazon-cloudwatch:2000" }
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: report, namespace: shop }
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: report
                      image: shop/report:1.0.0
                      env:
                        - { name: OTEL_EXPORTER_OTLP_ENDPOINT, value: "http://localhost:4317" }
                        - { name: OTEL_TRACES_EXPORTER, value: none }
      `,
      others: [{ filename: 'namespace.yaml', code: NAMESPACE }],
    },
    {
      name: 'namespace not in the scan: namespace-level injection cannot be ruled out',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api, namespace: shop }
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: shop/api:1.4.2
                  env:
                    - { name: AWS_XRAY_DAEMON_ADDRESS, value: "127.0.0.1:2000" }
      `,
    },
    {
      name: 'templated endpoint (Helm) is unknown',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api, namespace: shop }
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: shop/api:1.4.2
                  env:
                    - { name: OTEL_EXPORTER_OTLP_ENDPOINT, value: "{{ .Values.otlpEndpoint }}" }
      `,
      others: [{ filename: 'namespace.yaml', code: NAMESPACE }],
    },
  ],
  invalid: [
    {
      name: 'X-Ray SDK pointed at the loopback address in a single-container Deployment',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api, namespace: shop }
        spec:
          template:
            spec:
              containers:
                - name: api
                  image: shop/api:1.4.2
                  env:
                    - { name: AWS_REGION, value: eu-west-1 }
                    - { name: AWS_XRAY_DAEMON_ADDRESS, value: "tcp:127.0.0.1:2000 udp:127.0.0.1:2000" }
      `,
      others: [{ filename: 'namespace.yaml', code: NAMESPACE }],
      errors: [{ line: 12, message: 'no X-Ray daemon listens there' }],
    },
    {
      name: 'OTLP endpoints on localhost in a Pod and a CronJob; an init container does not count as a collector',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata: { name: shop, labels: { team: payments } }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: api, namespace: shop }
        spec:
          initContainers:
            - name: migrate
              image: shop/migrate:1.0.0
          containers:
            - name: api
              image: shop/api:1.4.2
              env:
                - name: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
                  value: http://localhost:4318/v1/traces
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: report, namespace: shop }
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: report
                      image: shop/report:1.0.0
                      env:
                        - { name: OTEL_EXPORTER_OTLP_ENDPOINT, value: "127.0.0.1:4317" }
      `,
      errors: [
        { line: 17, message: 'no OpenTelemetry (ADOT) collector listens there' },
        { line: 33, message: 'Container "report" sends traces to 127.0.0.1:4317' },
      ],
    },
    {
      name: 'JSON manifest',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'api', namespace: 'shop' },
          spec: {
            template: {
              spec: {
                containers: [{ name: 'api', image: 'shop/api:1.4.2', env: [{ name: 'AWS_XRAY_DAEMON_ADDRESS', value: 'localhost:2000' }] }],
              },
            },
          },
        },
        null,
        2,
      ),
      others: [{ filename: 'namespace.yaml', code: NAMESPACE }],
      errors: [{ line: 18, message: 'sends traces to localhost:2000 (AWS_XRAY_DAEMON_ADDRESS)' }],
    },
  ],
});

describe('endpointHosts', () => {
  it('reads X-Ray and OTLP endpoint forms', () => {
    expect(endpointHosts('AWS_XRAY_DAEMON_ADDRESS', '127.0.0.1:2000')).toEqual(['127.0.0.1']);
    expect(endpointHosts('AWS_XRAY_DAEMON_ADDRESS', 'tcp:localhost:2000 udp:10.0.0.5:2001')).toEqual(['localhost', '10.0.0.5']);
    expect(endpointHosts('AWS_XRAY_DAEMON_ADDRESS', '[::1]:2000')).toEqual(['[::1]']);
    expect(endpointHosts('OTEL_EXPORTER_OTLP_ENDPOINT', 'http://otel-collector.observability.svc:4317')).toEqual(['otel-collector.observability.svc']);
    expect(endpointHosts('OTEL_EXPORTER_OTLP_ENDPOINT', 'localhost:4317')).toEqual(['localhost']);
  });
});
