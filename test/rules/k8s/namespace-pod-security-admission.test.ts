import rule from '../../../src/rules/k8s/namespace-pod-security-admission.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'restricted is enforced',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            pod-security.kubernetes.io/enforce: restricted
            pod-security.kubernetes.io/enforce-version: latest
      `,
    },
    {
      name: 'kube-system is exempt; templated values are unknown',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata: { name: kube-system }
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: t
          labels: { pod-security.kubernetes.io/enforce: "{{ .Values.psa }}" }
      `,
    },
  ],
  invalid: [
    {
      name: 'no labels at all',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
      `,
      errors: [{ line: 3, column: 1, message: 'Namespace "shop" has no pod-security.kubernetes.io/enforce label' }],
    },
    {
      name: 'only warn and audit labels',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: monitoring
          labels:
            pod-security.kubernetes.io/warn: restricted
            pod-security.kubernetes.io/audit: restricted
      `,
      errors: [{ line: 5, message: 'the warn and audit labels only report violations without blocking them' }],
    },
    {
      name: 'a warn label at the privileged level reports nothing (kube-prometheus setup namespace)',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: monitoring
          labels:
            pod-security.kubernetes.io/warn: privileged
            pod-security.kubernetes.io/audit: baseline
      `,
      errors: [{ line: 5, message: '(the audit label only reports violations without blocking them; warn: privileged reports nothing).' }],
    },
    {
      name: 'privileged, baseline and an invalid level',
      code: yaml`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: a
          labels: { pod-security.kubernetes.io/enforce: privileged }
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: b
          labels:
            pod-security.kubernetes.io/enforce: baseline
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: c
          labels:
            pod-security.kubernetes.io/enforce: Restricted
      `,
      errors: [
        { line: 5, message: 'enforces the privileged Pod Security level' },
        { line: 12, message: 'enforces only the baseline Pod Security level' },
        { line: 19, message: '"Restricted", which is not a Pod Security level' },
      ],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'j', labels: { team: 'a' } } }, null, 2),
      errors: [{ line: 6, message: 'Namespace "j" has no pod-security.kubernetes.io/enforce label' }],
    },
  ],
});
