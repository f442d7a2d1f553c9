import rule from '../../../src/rules/eks/nodegroup-imdsv2.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: a managed node group whose launch template requires tokens with hop limit 1',
      filename: 'main.tf',
      code: `resource "aws_launch_template" "nodes" {
  name = "nodes"
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}
resource "aws_eks_node_group" "ng" {
  cluster_name    = "c"
  node_group_name = "ng"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  launch_template {
    id      = aws_launch_template.nodes.id
    version = "$Latest"
  }
}
`,
    },
    {
      name: 'Terraform aws_instance: tokens required (Trivy AVD-AWS-0028 good), IMDS disabled, AL2023 AMI from SSM, settings from a launch template',
      filename: 'main.tf',
      code: `resource "aws_instance" "good_example" {
  ami           = "ami-005e54dee72cc1d00"
  instance_type = "t2.micro"
  metadata_options {
    http_tokens = "required"
  }
}
resource "aws_instance" "no_imds" {
  ami           = "ami-005e54dee72cc1d00"
  instance_type = "t2.micro"
  metadata_options {
    http_endpoint = "disabled"
  }
}
data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}
resource "aws_instance" "al2023" {
  ami           = data.aws_ssm_parameter.al2023.value
  instance_type = "t3.micro"
}
resource "aws_launch_template" "hardened" {
  metadata_options {
    http_tokens = "required"
  }
}
resource "aws_instance" "from_template" {
  launch_template {
    id = aws_launch_template.hardened.id
  }
}
`,
    },
    {
      name: 'Terraform aws_instance: AL2023 AMI from an SSM parameter with an unknown version, or from a data.aws_ami name filter',
      filename: 'main.tf',
      code: `data "aws_eks_cluster" "cluster" {
  name = "prod"
}
data "aws_ssm_parameter" "eks_ami" {
  name = "/aws/service/eks/optimized-ami/\${data.aws_eks_cluster.cluster.version}/amazon-linux-2023/x86_64/standard/recommended/image_id"
}
resource "aws_instance" "ssm" {
  ami           = data.aws_ssm_parameter.eks_ami.value
  instance_type = "m5.large"
}
data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-2023.*-x86_64"]
  }
}
resource "aws_instance" "filtered" {
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.micro"
}
`,
    },
    {
      name: 'Terraform aws_instance of an ECS cluster: left to ecs/container-instance-imdsv2',
      filename: 'main.tf',
      code: `resource "aws_instance" "ecs" {
  ami           = "ami-005e54dee72cc1d00"
  instance_type = "t3.micro"
  user_data     = <<EOF
#!/bin/bash
echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config
EOF
}
`,
    },
    {
      name: 'Terraform aws_instance: unknown metadata options',
      filename: 'main.tf',
      code: `variable "tokens" {}
resource "aws_instance" "web" {
  ami           = "ami-005e54dee72cc1d00"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens = var.tokens
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: IMDSv1 allowed in a node launch template, and a node group without a launch template',
      filename: 'main.tf',
      code: `resource "aws_launch_template" "nodes" {
  name = "nodes"
  metadata_options {
    http_tokens                 = "optional"
    http_put_response_hop_limit = 1
  }
}
resource "aws_eks_node_group" "lt" {
  cluster_name    = "c"
  node_group_name = "lt"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  launch_template {
    id      = aws_launch_template.nodes.id
    version = "$Latest"
  }
}
resource "aws_eks_node_group" "bare" {
  cluster_name    = "c"
  node_group_name = "bare"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
}
`,
      errors: [
        { line: 4, message: 'The launch template allows IMDSv1' },
        { line: 23, message: 'The node group has no launch_template' },
      ],
    },
    {
      name: 'Terraform aws_instance: no metadata options (Trivy AVD-AWS-0028 bad), optional tokens, a self-managed EKS node with hop limit 2',
      filename: 'main.tf',
      code: `resource "aws_instance" "bad_example" {
  ami           = "ami-005e54dee72cc1d00"
  instance_type = "t2.micro"
}
resource "aws_instance" "optional" {
  ami           = "ami-005e54dee72cc1d00"
  instance_type = "t2.micro"
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }
}
resource "aws_instance" "node" {
  ami           = "ami-005e54dee72cc1d00"
  instance_type = "m5.large"
  user_data     = <<EOF
#!/bin/bash
/etc/eks/bootstrap.sh prod
EOF
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 2
  }
}
`,
      errors: [
        { line: 1, message: 'The instance does not require IMDSv2: http_tokens is not set' },
        { line: 10, message: 'The instance allows IMDSv1: http_tokens is "optional"' },
        { line: 22, message: 'The instance boots EKS nodes with http_put_response_hop_limit 2' },
      ],
    },
    {
      name: 'Terraform aws_instance: an Amazon Linux 2 AMI from a data.aws_ami name filter defaults to optional',
      filename: 'main.tf',
      code: `data "aws_ami" "al2" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["amzn2-ami-hvm-*-x86_64-gp2"]
  }
}
resource "aws_instance" "web" {
  ami           = data.aws_ami.al2.id
  instance_type = "t3.micro"
}
`,
      errors: [{ line: 9, message: 'The instance does not require IMDSv2' }],
    },
    {
      name: 'Terraform aws_instance from a launch template but overriding metadata options',
      filename: 'main.tf',
      code: `resource "aws_launch_template" "base" {
  metadata_options {
    http_tokens = "required"
  }
}
resource "aws_instance" "override" {
  launch_template {
    id = aws_launch_template.base.id
  }
  metadata_options {
    http_tokens = "optional"
  }
}
`,
      errors: [{ line: 11, message: 'The instance allows IMDSv1' }],
    },
  ],
});
