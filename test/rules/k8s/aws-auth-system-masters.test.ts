import rule from '../../../src/rules/k8s/aws-auth-system-masters.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'node role and an admin role mapped to a custom group',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: aws-auth, namespace: kube-system }
        data:
          mapRoles: |
            - rolearn: arn:aws:iam::111122223333:role/eks-node
              username: system:node:{{EC2PrivateDNSName}}
              groups:
                - system:bootstrappers
                - system:nodes
            - rolearn: arn:aws:iam::111122223333:role/platform-admin
              username: admin:{{SessionName}}
              groups: [platform-admins]
          mapAccounts: |
            []
      `,
    },
    {
      name: 'other ConfigMaps, another namespace, unparsable text',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: not-aws-auth, namespace: kube-system }
        data:
          mapRoles: |
            - rolearn: arn:aws:iam::111122223333:role/x
              groups: [system:masters]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: aws-auth, namespace: default }
        data:
          mapUsers: "[{userarn: x, groups: [system:masters]}]"
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: aws-auth, namespace: kube-system }
        data:
          mapRoles: "- rolearn: [unclosed"
      `,
    },
  ],
  invalid: [
    {
      name: 'roles and users mapped into system:masters, reported at their entries, and mapAccounts at the key',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: aws-auth
          namespace: kube-system
        data:
          mapRoles: |
            - rolearn: arn:aws:iam::111122223333:role/eks-node
              username: system:node:{{EC2PrivateDNSName}}
              groups: [system:bootstrappers, system:nodes]
            - rolearn: arn:aws:iam::111122223333:role/Admin
              username: admin
              groups:
                - system:masters
          mapUsers: |
            - userarn: arn:aws:iam::111122223333:user/alice
              username: alice
              groups: ["system:masters", "developers"]
          mapAccounts: |
            - "111122223333"
            - "444455556666"
      `,
      errors: [
        { line: 11, message: 'aws-auth mapRoles maps IAM role "arn:aws:iam::111122223333:role/Admin" (username "admin") into system:masters' },
        { line: 16, message: 'aws-auth mapUsers maps IAM user "arn:aws:iam::111122223333:user/alice" (username "alice") into system:masters' },
        { line: 19, message: 'aws-auth mapAccounts maps every IAM user and role of accounts 111122223333, 444455556666 into the cluster' },
      ],
    },
    {
      name: 'JSON ConfigMap with JSON-encoded mapRoles and no namespace',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'aws-auth' },
          data: { mapRoles: JSON.stringify([{ rolearn: 'arn:aws:iam::111122223333:role/ci', username: 'ci', groups: ['system:masters'] }]) },
        },
        null,
        2,
      ),
      errors: [{ line: 8, message: 'IAM role "arn:aws:iam::111122223333:role/ci" (username "ci") into system:masters' }],
    },
    {
      name: 'Terraform kubernetes_config_map with yamlencode (Cloud Posse eks-cluster, terraform-aws-modules/eks < 20)',
      filename: 'main.tf',
      code: [
        'variable "map_additional_iam_roles" {',
        '  default = [{ rolearn = "arn:aws:iam::111122223333:role/ops", username = "ops", groups = ["system:masters"] }]',
        '}',
        'resource "kubernetes_config_map" "aws_auth" {',
        '  metadata {',
        '    name      = "aws-auth"',
        '    namespace = "kube-system"',
        '  }',
        '  data = {',
        '    mapRoles    = yamlencode(distinct(concat([], var.map_additional_iam_roles)))',
        '    mapAccounts = yamlencode(["444455556666"])',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 10, message: 'aws-auth mapRoles maps IAM role "arn:aws:iam::111122223333:role/ops" (username "ops") into system:masters' },
        { line: 11, message: 'aws-auth mapAccounts maps every IAM user and role of account 444455556666 into the cluster' },
      ],
    },
    {
      name: 'Terraform kubernetes_config_map_v1_data, which patches the existing aws-auth ConfigMap',
      filename: 'main.tf',
      code: [
        'resource "kubernetes_config_map_v1_data" "aws_auth" {',
        '  metadata {',
        '    name      = "aws-auth"',
        '    namespace = "kube-system"',
        '  }',
        '  force = true',
        '  data = {',
        '    mapUsers = yamlencode([{ userarn = "arn:aws:iam::111122223333:user/ops", username = "ops", groups = ["system:masters"] }])',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [{ line: 8, message: 'aws-auth mapUsers maps IAM user "arn:aws:iam::111122223333:user/ops" (username "ops") into system:masters' }],
    },
  ],
});
