import { amiSource, ecsContainerInstanceLaunches, endedEcsAmi, hostLaunchView, isHostLaunchResource } from '../../graph/hosts.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'ecs/container-instance-patched-ami',
    title: 'ECS container instances must run a maintained ECS-optimized AMI resolved from its SSM public parameter',
    severity: 'medium',
    seedPoints: ['HOST-1'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'For launch templates, launch configurations and instances that start ECS container instances (their user data or cfn-init metadata joins an ECS cluster with `ECS_CLUSTER=` / `/etc/ecs/ecs.config` / Bottlerocket `[settings.ecs]`, or an ECS capacity provider\'s Auto Scaling group uses them), reports an image ID that is a hard-coded `ami-...` (CloudFormation `ImageId`, Terraform `image_id` / `ami`), a CloudFormation `Fn::FindInMap` into a mapping of hard-coded AMI IDs, and an SSM public parameter of an ECS-optimized Amazon Linux generation past its end of support (Amazon Linux 1; Amazon Linux 2 from 2026-06-30).',
    rationale:
      'A hard-coded AMI ID (or a region-to-AMI mapping) freezes the kernel, Docker and ECS agent of every new container instance at the day it was written and never receives security fixes. The ECS-optimized AMI resolved from its SSM public parameter at deploy time stays patched; Amazon Linux 1 and Amazon Linux 2 ECS-optimized AMIs are no longer maintained.',
    remediation:
      'Resolve the AMI from the SSM public parameter: CloudFormation `Parameters: { EcsAmi: { Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", Default: /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id } }` and `ImageId: !Ref EcsAmi` (or Bottlerocket: `/aws/service/bottlerocket/aws-ecs-2/x86_64/latest/image_id`); Terraform `data "aws_ssm_parameter" "ecs_ami" { name = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id" }` and `image_id = data.aws_ssm_parameter.ecs_ami.value`. Better still, use Fargate when no host access is needed.',
    limitations:
      'An AMI given by a plain parameter, a variable or a `data.aws_ami` lookup is unknown: whether it is kept up to date cannot be decided from the files. User data rendered from a file outside the scan (Terraform `templatefile()`) cannot be read: such hosts are recognized only through an ECS capacity provider of the scan. Launch templates inside remote Terraform modules (terraform-aws-modules/autoscaling) are not in the scan. Instances of a CloudFormation `AWS::EC2::Instance` started from a launch template take the AMI from the template. EKS nodes are checked by eks/nodegroup-patched-ami.',
    references: {
      peers: [],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/retrieve-ecs-optimized_AMI.html', 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-optimized_AMI.html'],
    },
  },
  appliesTo: isHostLaunchResource,
  check(context) {
    const { resource, graph, report } = context;
    const why = ecsContainerInstanceLaunches(graph).get(resource);
    if (!why) return;
    const view = hostLaunchView(resource);
    if (view === undefined || view === 'unknown' || !view.imageId) return;
    const what = `The ${view.kind} of ECS container instances`;
    const source = amiSource(graph, view);
    if (source.kind === 'literal') {
      report({
        path: view.imageId.path,
        message: `${what} pins the hard-coded AMI ${source.id}: new instances never get kernel, Docker or ECS agent fixes. Resolve the ECS-optimized AMI from its SSM public parameter.`,
      });
    } else if (source.kind === 'mapping') {
      report({
        path: view.imageId.path,
        message: `${what} takes its AMI from mapping ${source.mapping}, which lists ${source.ids.length} hard-coded AMI ID${source.ids.length === 1 ? '' : 's'}: they never get security fixes. Resolve the ECS-optimized AMI from its SSM public parameter.`,
      });
    } else if (source.kind === 'ssm') {
      const ended = endedEcsAmi(source.parameter, context.settings.today);
      if (ended) {
        report({
          path: view.imageId.path,
          message: `${what} uses the ECS-optimized ${ended.family} AMI (${source.parameter}), which is no longer maintained (end of support ${ended.ended}): use /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id or Bottlerocket.`,
        });
      }
    }
  },
});
