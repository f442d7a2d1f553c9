import rule from '../../../src/rules/iam/no-admin-policy.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'SAM: scoped policy templates, a read-only managed policy and an inline document',
      filename: 'template.yaml',
      code: yaml`
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Reader:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Runtime: python3.12
              Policies:
                - S3ReadPolicy: { BucketName: data }
                - AWSLambdaBasicExecutionRole
                - Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: arn:aws:s3:::data/* }]
      `,
    },
    {
      name: 'task execution role and read-only managed policies',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }] }
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
                - !Sub arn:\${AWS::Partition}:iam::aws:policy/ReadOnlyAccess
                - !Ref CustomPolicy
                - !Ref PolicyArnParameter
                - !Sub arn:\${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore
      `,
    },
    {
      name: 'customer managed policy named like an AWS one is not an AWS managed policy',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              ManagedPolicyArns: [arn:aws:iam::123456789012:policy/AdministratorAccess-limited]
      `,
    },
  ],
  invalid: [
    {
      name: 'Terraform: AdministratorAccess attached to an IAM Identity Center permission set (literal and looked up; Checkov CKV_AWS_274)',
      filename: 'main.tf',
      code: yaml`
        data "aws_iam_policy" "admin" {
          name = "AdministratorAccess"
        }
        resource "aws_ssoadmin_managed_policy_attachment" "literal" {
          instance_arn       = "arn:aws:sso:::instance/ssoins-1"
          permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1/ps-1"
          managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
        }
        resource "aws_ssoadmin_managed_policy_attachment" "looked_up" {
          instance_arn       = "arn:aws:sso:::instance/ssoins-1"
          permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1/ps-2"
          managed_policy_arn = data.aws_iam_policy.admin.arn
        }
      `,
      errors: [
        { line: 7, severity: 'critical', message: 'The IAM Identity Center permission set (the people it is assigned to) has the AWS managed policy AdministratorAccess' },
        { line: 12, severity: 'critical', message: 'AdministratorAccess' },
      ],
    },
    {
      name: 'CloudFormation: an IAM Identity Center permission set with AdministratorAccess',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Admins:
            Type: AWS::SSO::PermissionSet
            Properties:
              InstanceArn: arn:aws:sso:::instance/ssoins-1
              Name: Admins
              ManagedPolicies: [arn:aws:iam::aws:policy/AdministratorAccess, arn:aws:iam::aws:policy/ReadOnlyAccess]
      `,
      errors: [{ line: 7, severity: 'critical', message: 'The IAM Identity Center permission set (the people it is assigned to) has the AWS managed policy AdministratorAccess' }],
    },
    {
      name: 'eksctl: Pod Identity associations of the cluster and of add-ons, add-on IRSA roles (eksctl-hunt); associations with their own role pass',
      filename: 'cluster.yaml',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: c, region: us-west-2 }
        iam:
          podIdentityAssociations:
            - namespace: ns2
              serviceAccountName: sa2
              permissionPolicyARNs: ["arn:aws:iam::aws:policy/AdministratorAccess"]
            - namespace: ns3
              serviceAccountName: sa3
              roleARN: arn:aws:iam::111122223333:role/own
              permissionPolicyARNs: ["arn:aws:iam::aws:policy/AdministratorAccess"]
        addons:
          - name: vpc-cni
            attachPolicyARNs: ["arn:aws:iam::aws:policy/AdministratorAccess"]
          - name: aws-ebs-csi-driver
            podIdentityAssociations:
              - serviceAccountName: ebs-csi-controller-sa
                permissionPolicyARNs: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"]
      `,
      errors: [
        { line: 8, severity: 'critical', message: 'The role of the cluster\'s Pod Identity association for "ns2/sa2" has the AWS managed policy AdministratorAccess' },
        { line: 15, severity: 'critical', message: 'The role of add-on "vpc-cni" has the AWS managed policy AdministratorAccess' },
        { line: 19, message: 'The role of add-on "aws-ebs-csi-driver"\'s Pod Identity association for "ebs-csi-controller-sa" has the AWS managed policy AmazonS3FullAccess' },
      ],
    },
    {
      name: 'eksctl: an EKS capability role with AdministratorAccess (a capability with its own roleArn gets no eksctl role)',
      filename: 'cluster.yaml',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: caps, region: us-west-2 }
        autoModeConfig: { enabled: true }
        capabilities:
          - name: argocd-gitops
            type: ARGOCD
            attachPolicyARNs:
              - arn:aws:iam::aws:policy/AdministratorAccess
            accessPolicies:
              - policyARN: arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy
                accessScope: { type: cluster }
          - name: kro
            type: KRO
            accessPolicies:
              - policyARN: arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy
                accessScope: { type: namespace, namespaces: [kro-apps] }
          - name: ack-own-role
            type: ACK
            roleArn: arn:aws:iam::111122223333:role/ack-capability
            attachPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3FullAccess]
      `,
      errors: [{ line: 9, severity: 'critical', message: 'The role of EKS capability "argocd-gitops" has the AWS managed policy AdministratorAccess' }],
    },
    {
      name: 'eksctl: admin policies on a node group role and on an IRSA role; scoped ones pass',
      filename: 'cluster.yaml',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1 }
        managedNodeGroups:
          - name: workers
            iam:
              attachPolicyARNs:
                - arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy
                - arn:aws:iam::aws:policy/AdministratorAccess
        iam:
          withOIDC: true
          serviceAccounts:
            - metadata: { name: uploader, namespace: media }
              attachPolicyARNs: [arn:aws:iam::aws:policy/AmazonS3FullAccess]
            - metadata: { name: builder, namespace: ci }
              wellKnownPolicies: { imageBuilder: true }
        nodeGroups:
          - name: ci
            iam:
              withAddonPolicies: { imageBuilder: true, ebs: true }
      `,
      errors: [
        { line: 9, severity: 'critical', message: 'The node group "workers" has the AWS managed policy AdministratorAccess' },
        { line: 14, severity: 'high', message: 'The IRSA role of service account "media/uploader" has the AWS managed policy AmazonS3FullAccess' },
        { line: 16, severity: 'high', message: 'The IRSA role of service account "ci/builder" has eksctl\'s imageBuilder policy' },
        { line: 20, severity: 'high', message: 'The node group "ci" has eksctl\'s imageBuilder policy: full access to every ECR repository' },
      ],
    },
    {
      name: 'SAM: managed policies by bare name or ARN in Policies (a list or one string)',
      filename: 'template.yaml',
      code: yaml`
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Admin:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Runtime: python3.12
              Policies:
                - AdministratorAccess
                - arn:aws:iam::aws:policy/AmazonS3FullAccess
          Workflow:
            Type: AWS::Serverless::StateMachine
            Properties:
              Policies: AmazonECS_FullAccess
      `,
      errors: [
        { line: 9, severity: 'critical', message: "The function's role has the AWS managed policy AdministratorAccess" },
        { line: 10, severity: 'high', message: "The function's role has the AWS managed policy AmazonS3FullAccess" },
        { line: 14, severity: 'high', message: "The state machine's role has the AWS managed policy AmazonECS_FullAccess" },
      ],
    },
    {
      name: 'AdministratorAccess literal and *FullAccess via Fn::Sub on a role',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/AdministratorAccess
                - !Sub arn:\${AWS::Partition}:iam::aws:policy/AmazonS3FullAccess
                - arn:aws:iam::aws:policy/AmazonECS_FullAccess
      `,
      errors: [
        { line: 6, message: 'AdministratorAccess: administrator-level access' },
        { line: 7, message: 'AmazonS3FullAccess' },
        { line: 8, message: 'AmazonECS_FullAccess' },
      ],
    },
    {
      name: 'Fn::Join ARN on a group (CloudFormation JSON)',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Ops: { Type: 'AWS::IAM::Group', Properties: { ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/IAMFullAccess']] }] } } } },
        null,
        2,
      ),
      errors: [{ line: 7, message: 'The group has the AWS managed policy IAMFullAccess' }],
    },
    {
      name: 'deprecated AmazonEC2RoleforSSM on an instance role (YAML, Fn::Sub)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          EC2Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
                - !Sub arn:\${AWS::Partition}:iam::aws:policy/service-role/AmazonEC2RoleforSSM
      `,
      errors: [
        {
          line: 8,
          message:
            'The role has the AWS managed policy AmazonEC2RoleforSSM: deprecated by AWS; grants s3:GetObject / s3:PutObject / s3:ListBucket on every bucket of the account, ssm:* (every parameter, every document) and ds:CreateComputer on every resource. Attach AmazonSSMManagedInstanceCore instead',
        },
      ],
    },
    {
      name: 'Terraform: AWS managed policies looked up with data "aws_iam_policy" by name and by ARN (Checkov CKV_AWS_274 / CKV2_AWS_56 shapes); customer policies found by name or path are not AWS managed',
      filename: 'main.tf',
      code: yaml`
        data "aws_iam_policy" "admin" {
          name = "AdministratorAccess"
        }
        data "aws_iam_policy" "s3" {
          arn = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
        }
        data "aws_iam_policy" "read" {
          name = "ReadOnlyAccess"
        }
        data "aws_iam_policy" "customer" {
          name = "ci-deploy-FullAccess"
        }
        data "aws_iam_policy" "in_path" {
          name        = "AmazonS3FullAccess"
          path_prefix = "/teams/"
        }
        resource "aws_iam_role_policy_attachment" "customer" {
          role       = "ci"
          policy_arn = data.aws_iam_policy.customer.arn
        }
        resource "aws_iam_role_policy_attachment" "in_path" {
          role       = "ci"
          policy_arn = data.aws_iam_policy.in_path.arn
        }
        resource "aws_iam_user_policy_attachment" "ops" {
          user       = "ops"
          policy_arn = data.aws_iam_policy.admin.arn
        }
        resource "aws_iam_role" "app" {
          name                = "app"
          assume_role_policy  = "{}"
          managed_policy_arns = [data.aws_iam_policy.s3.arn, data.aws_iam_policy.read.arn]
        }
      `,
      errors: [
        { line: 27, message: 'The user has the AWS managed policy AdministratorAccess: administrator-level access to the account.' },
        { line: 32, message: 'The role has the AWS managed policy AmazonS3FullAccess: full access to the service as AWS defines it, on every resource (AWS adds actions to it over time).' },
      ],
    },
    {
      name: 'Terraform: AmazonEC2RoleforSSM through an attachment and managed_policy_arns',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_role" "node" {
          name                = "node"
          assume_role_policy  = "{}"
          managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM"]
        }
        resource "aws_iam_role_policy_attachment" "ssm" {
          role       = aws_iam_role.node.name
          policy_arn = "arn:\${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonEC2RoleforSSM"
        }
        resource "aws_iam_role_policy_attachment" "core" {
          role       = aws_iam_role.node.name
          policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
        }
      `,
      errors: [
        { line: 4, message: 'The role has the AWS managed policy AmazonEC2RoleforSSM' },
        { line: 8, message: 'AmazonSSMManagedInstanceCore instead' },
      ],
    },
  ],
});
