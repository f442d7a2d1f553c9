import rule from '../../../src/rules/iam/host-role-image-push.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const EC2_TRUST = `AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole`;

const TF_TRUST = `  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })`;

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: an EKS node role that pulls only',
      filename: 'template.yaml',
      code: `Resources:
  NodeRole:
    Type: AWS::IAM::Role
    Properties:
      ${EC2_TRUST}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy
        - arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy
        - arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly
`,
    },
    {
      name: 'CloudFormation: a build instance (no node policy) may push',
      filename: 'template.yaml',
      code: `Resources:
  BuilderRole:
    Type: AWS::IAM::Role
    Properties:
      ${EC2_TRUST}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore
        - arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser
`,
    },
    {
      name: 'CloudFormation: full ECR access and ecr:* are left to the admin rules',
      filename: 'template.yaml',
      code: `Resources:
  InstanceRole:
    Type: AWS::IAM::Role
    Properties:
      ${EC2_TRUST}
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
        - arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess
      Policies:
        - PolicyName: ecr
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ecr:*
                Resource: "*"
`,
    },
    {
      name: 'CloudFormation: a node role whose push is denied in the same policies',
      filename: 'template.yaml',
      code: `Resources:
  NodeRole:
    Type: AWS::IAM::Role
    Properties:
      ${EC2_TRUST}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy]
      Policies:
        - PolicyName: ecr
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [ecr:BatchGetImage, ecr:PutImage]
                Resource: "*"
              - Effect: Deny
                Action: [ecr:PutImage, ecr:CompleteLayerUpload, ecr:BatchDeleteImage]
                Resource: "*"
`,
    },
    {
      name: 'eksctl: node groups with the read-only policy',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1 }
        managedNodeGroups:
          - name: ng-1
            iam:
              attachPolicyARNs:
                - arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy
                - arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: an EKS node role with the ECR PowerUser policy',
      filename: 'template.yaml',
      code: `Resources:
  NodeRole:
    Type: AWS::IAM::Role
    Properties:
      ${EC2_TRUST}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy
        - arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser
`,
      errors: [{ line: 13, message: 'The role NodeRole of EKS nodes has AmazonEC2ContainerRegistryPowerUser, which pushes images to every repository of the account' }],
    },
    {
      name: 'CloudFormation: an ECS container instance role allowed to put images by an attached policy',
      filename: 'template.yaml',
      code: `Resources:
  InstanceRole:
    Type: AWS::IAM::Role
    Properties:
      ${EC2_TRUST}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role
  PushPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: push
      Roles: [!Ref InstanceRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action:
              - ecr:GetAuthorizationToken
              - ecr:Put*
            Resource: "*"
`,
      errors: [{ line: 24, message: 'The role InstanceRole of ECS container instances can push images (ecr:Put*' }],
    },
    {
      name: 'Terraform: a node role with the PowerUser policy attached by a separate attachment',
      filename: 'main.tf',
      code: `resource "aws_iam_role" "node" {
  name = "node"
${TF_TRUST}
}
resource "aws_iam_role_policy_attachment" "worker" {
  role       = aws_iam_role.node.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"
}
resource "aws_iam_role_policy_attachment" "ecr" {
  role       = aws_iam_role.node.name
  policy_arn = "arn:\${data.aws_partition.current.partition}:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser"
}
`,
      errors: [{ line: 14, message: 'The role aws_iam_role.node of EKS nodes has AmazonEC2ContainerRegistryPowerUser' }],
    },
    {
      name: 'Terraform: a node role with an inline policy that uploads layers',
      filename: 'main.tf',
      code: `resource "aws_iam_role" "node" {
  name = "node"
${TF_TRUST}
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"]
}
resource "aws_iam_role_policy" "ecr" {
  role = aws_iam_role.node.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"]
      Resource = "arn:aws:ecr:eu-west-1:123456789012:repository/app"
    }]
  })
}
`,
      errors: [{ line: 15, message: 'can push images (ecr:CompleteLayerUpload in' }],
    },
    {
      name: 'eksctl: a node group with the PowerUser policy',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1 }
        nodeGroups:
          - name: ng-1
            iam:
              attachPolicyARNs:
                - arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy
                - arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy
                - arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser
      `,
      errors: [{ line: 10, message: 'The node group "ng-1" of EKS nodes has AmazonEC2ContainerRegistryPowerUser' }],
    },
  ],
});
