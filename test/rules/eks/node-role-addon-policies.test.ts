import rule from '../../../src/rules/eks/node-role-addon-policies.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'telemetry add-on policies, add-ons turned off, add-ons on their own IRSA roles',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1 }
        iam:
          withOIDC: true
          serviceAccounts:
            - metadata: { name: external-dns, namespace: kube-system }
              wellKnownPolicies: { externalDNS: true }
        managedNodeGroups:
          - name: workers
            iam:
              withAddonPolicies: { xRay: true, cloudWatch: true, externalDNS: false, ebs: "{{ .Values.ebs }}" }
      `,
    },
  ],
  invalid: [
    {
      name: 'add-on policies on node roles: pods reach IMDS (medium), pod IMDS blocked (low)',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1 }
        managedNodeGroups:
          - name: workers
            iam:
              withAddonPolicies:
                externalDNS: true
                albIngress: true
        nodeGroups:
          - name: storage
            disablePodIMDS: true
            iam:
              withAddonPolicies: { ebs: true }
      `,
      errors: [
        {
          line: 8,
          severity: 'medium',
          message:
            'Node group "workers" gives its node role eksctl\'s externalDNS add-on policy (change records in the account\'s Route 53 hosted zones): every pod on these nodes can use it through the instance metadata service. Give the add-on its own role with IRSA or EKS Pod Identity.',
        },
        { line: 9, severity: 'medium', message: 'eksctl\'s albIngress add-on policy (create and change load balancers, listeners and security group rules)' },
        { line: 14, severity: 'low', message: 'Node group "storage" gives its node role eksctl\'s ebs add-on policy (create, attach, detach and delete EBS volumes and snapshots): host-network pods and anything running on the nodes can use it.' },
      ],
    },
  ],
});
