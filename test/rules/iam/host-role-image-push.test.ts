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
    {
      name: 'Terraform: uploading layers without PutImage writes no tag',
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
    },
    {
      name: 'CloudFormation: a Deny on every resource wins over an Allow written with NotResource',
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
              - Effect: Deny
                Action: [ecr:PutImage, ecr:BatchDeleteImage]
                Resource: "*"
              - Effect: Allow
                Action: ecr:PutImage
                NotResource: arn:aws:ecr:eu-west-1:123456789012:repository/prod
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
      errors: [{ line: 10, message: 'The node group "ng-1"\'s role has AmazonEC2ContainerRegistryPowerUser' }],
    },
    {
      name: 'Terraform: ecr:* on one repository, and a push grant after an ecr:* entry',
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
    Statement = [
      { Effect = "Allow", Action = "ecr:*", Resource = "arn:aws:ecr:eu-west-1:123456789012:repository/app" },
    ]
  })
}
resource "aws_iam_role" "other" {
  name = "other"
${TF_TRUST}
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"]
}
resource "aws_iam_role_policy" "other" {
  role = aws_iam_role.other.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ecr:*", "ecr:PutImage"], Resource = "*" },
    ]
  })
}
`,
      errors: [
        { line: 14, message: 'The role aws_iam_role.node of EKS nodes can push images (ecr:* in' },
        { line: 31, message: 'The role aws_iam_role.other of EKS nodes can push images (ecr:PutImage in' },
      ],
    },
    {
      name: 'Terraform: a node role known by its node group, the PowerUser policy attached by aws_iam_policy_attachment',
      filename: 'main.tf',
      code: `variable "policies" {
  type = map(string)
}
resource "aws_iam_role" "node" {
  name = "node"
${TF_TRUST}
}
resource "aws_iam_role_policy_attachment" "this" {
  for_each   = var.policies
  role       = aws_iam_role.node.name
  policy_arn = each.value
}
resource "aws_iam_policy_attachment" "ecr" {
  name       = "ecr"
  roles      = [aws_iam_role.node.name]
  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser"
}
resource "aws_eks_node_group" "ng" {
  cluster_name  = "c"
  node_role_arn = aws_iam_role.node.arn
  subnet_ids    = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
}
`,
      errors: [{ line: 19, message: 'The role aws_iam_role.node of EKS nodes has AmazonEC2ContainerRegistryPowerUser' }],
    },
    {
      name: 'CloudFormation: a Deny on one repository leaves the push to the others; a delete-only grant deletes',
      filename: 'template.yaml',
      code: `Resources:
  NodeRole:
    Type: AWS::IAM::Role
    Properties:
      ${EC2_TRUST}
      Policies:
        - PolicyName: ecr
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Deny
                Action: [ecr:PutImage, ecr:BatchDeleteImage]
                Resource: arn:aws:ecr:eu-west-1:123456789012:repository/prod
              - Effect: Allow
                Action: ecr:PutImage
                Resource: "*"
  Group:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: c
      NodeRole: !GetAtt NodeRole.Arn
      Subnets: [subnet-1]
  CleanerRole:
    Type: AWS::IAM::Role
    Properties:
      ${EC2_TRUST}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role]
      Policies:
        - PolicyName: ecr
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ecr:BatchDeleteImage
                Resource: "*"
`,
      errors: [
        { line: 20, message: 'The role NodeRole of EKS nodes can push images (ecr:PutImage in' },
        { line: 44, message: 'The role CleanerRole of ECS container instances can delete images (ecr:BatchDeleteImage in' },
      ],
    },
    {
      name: 'eksctl: an inline attachPolicy that puts images',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1 }
        managedNodeGroups:
          - name: ng-2
            iam:
              attachPolicy:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: [ecr:PutImage, ecr:CompleteLayerUpload]
                    Resource: "*"
      `,
      errors: [{ line: 11, message: 'The node group "ng-2"\'s role can push images (ecr:PutImage in iam.attachPolicy)' }],
    },
    {
      name: 'eksctl: ecr:PutImage on named repositories in an attachPolicy; ecr:* and * on every resource are iam/no-wildcard-permissions\'s',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1 }
        nodeGroups:
          - name: ng-push
            iam:
              attachPolicy:
                Version: "2012-10-17"
                Statement:
                  - { Effect: Allow, Action: ["ecr:PutImage"], Resource: "arn:aws:ecr:eu-west-1:111122223333:repository/app" }
          - name: ng-star
            iam:
              attachPolicy:
                Version: "2012-10-17"
                Statement:
                  - { Effect: Allow, Action: ["ecr:*"], Resource: "*" }
      `,
      errors: [{ line: 10, message: 'The node group "ng-push"\'s role can push images (ecr:PutImage in iam.attachPolicy)' }],
    },
    {
      name: 'Terraform: a customer policy listed in the role\'s managed_policy_arns',
      filename: 'main.tf',
      code: `resource "aws_iam_policy" "push" {
  name   = "push"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ecr:PutImage", Resource = "*" }] })
}
resource "aws_iam_role" "node" {
  name = "node"
${TF_TRUST}
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy", aws_iam_policy.push.arn]
}
`,
      errors: [{ line: 3, message: 'The role aws_iam_role.node of EKS nodes can push images (ecr:PutImage in' }],
    },
    {
      name: 'CloudFormation: self-managed EKS nodes, the role known through the launch template\'s instance profile',
      filename: 'template.yaml',
      code: `Resources:
  NodeRole:
    Type: AWS::IAM::Role
    Properties:
      ${EC2_TRUST}
      Policies:
        - PolicyName: ecr
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ecr:PutImage
                Resource: "*"
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref NodeRole]
  Nodes:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        IamInstanceProfile: { Arn: !GetAtt Profile.Arn }
        UserData:
          Fn::Base64: |
            #!/bin/bash
            /etc/eks/bootstrap.sh prod
`,
      errors: [{ line: 17, message: 'The role NodeRole of EKS nodes can push images (ecr:PutImage in' }],
    },
    {
      name: 'Terraform: ECS container instances, the role known through the launch template\'s instance profile',
      filename: 'main.tf',
      code: `resource "aws_iam_role" "instance" {
  name = "instance"
${TF_TRUST}
}
resource "aws_iam_role_policy" "ecr" {
  role   = aws_iam_role.instance.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["ecr:BatchDeleteImage"], Resource = "*" }] })
}
resource "aws_iam_instance_profile" "instance" {
  role = aws_iam_role.instance.name
}
resource "aws_launch_template" "ecs" {
  image_id = "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
  iam_instance_profile {
    name = aws_iam_instance_profile.instance.name
  }
  user_data = base64encode("#!/bin/bash\\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config\\n")
}
`,
      errors: [{ line: 10, message: 'The role aws_iam_role.instance of ECS container instances can delete images (ecr:BatchDeleteImage in' }],
    },
  ],
});
