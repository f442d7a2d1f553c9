import rule from '../../../src/rules/eks/ami-lookup-owners.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'owners, an owner filter, an image-id filter, an owner from a variable',
      filename: 'main.tf',
      code: yaml`
        variable "ami_owners" { type = list(string) }
        data "aws_ami" "canonical" {
          most_recent = true
          owners      = ["099720109477"]
          filter {
            name   = "name"
            values = ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"]
          }
        }
        data "aws_ami" "alias" {
          most_recent = true
          filter {
            name   = "owner-alias"
            values = ["amazon"]
          }
          filter {
            name   = "name"
            values = ["al2023-ami-ecs-hvm-*"]
          }
        }
        data "aws_ami" "pinned" {
          filter {
            name   = "image-id"
            values = ["ami-0123456789abcdef0"]
          }
        }
        data "aws_ami" "configured" {
          most_recent = true
          owners      = var.ami_owners
          name_regex  = "^bottlerocket-aws-ecs-2-"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a name filter alone (Trivy AVD-AWS-0344 bad shape), and an empty owners list',
      filename: 'main.tf',
      code: yaml`
        data "aws_ami" "ubuntu" {
          most_recent = true
          filter {
            name   = "name"
            values = ["ubuntu/images/hvm-ssd/ubuntu-focal-20.04-amd64-server-*"]
          }
        }
        data "aws_ami" "ecs" {
          owners     = []
          name_regex = "^amzn2-ami-ecs-hvm-"
        }
      `,
      errors: [
        { line: 1, message: 'AMI lookup data.aws_ami.ubuntu names no owner: it takes the most recent image matching its filters from any account, public AMIs included.' },
        { line: 9, message: 'AMI lookup data.aws_ami.ecs names no owner: it takes the image matching' },
      ],
    },
  ],
});
