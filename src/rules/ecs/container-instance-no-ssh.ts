import { ecsContainerInstanceLaunches, hostLaunchView, installsKeyPair, isHostLaunchResource } from '../../graph/hosts.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'ecs/container-instance-no-ssh',
    title: 'ECS container instances must not install an SSH key pair: use Session Manager',
    severity: 'medium',
    seedPoints: ['HOST-2'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'For launch templates, launch configurations and instances that start ECS container instances (user data or cfn-init metadata joining an ECS cluster, or used by an ECS capacity provider\'s Auto Scaling group), reports a key pair: CloudFormation `KeyName` (a literal, or a `Ref` to a parameter of type `AWS::EC2::KeyPair::KeyName`, which must name an existing key pair) and Terraform `key_name`.',
    rationale:
      'An SSH key pair is a long-lived shared credential that bypasses IAM, leaves no per-user audit trail and usually comes with port 22 opened to the hosts. Session Manager gives audited, IAM-controlled shell access to container instances without keys or inbound ports (the ECS-optimized AMIs ship the SSM agent).',
    remediation:
      'Remove `KeyName` / `key_name`; attach `AmazonSSMManagedInstanceCore` to the container instance role and use `aws ssm start-session` (or ECS Exec to reach containers). When a key is optional in a template, use a condition giving `AWS::NoValue` and leave it off in production.',
    limitations:
      'A key name from a plain String parameter, a condition or a variable is unknown (it may be empty). Security group rules opening port 22 are checked with the security group rules. User data rendered from a file outside the scan (Terraform `templatefile()`) cannot be read: such hosts are recognized only through an ECS capacity provider of the scan. Launch templates inside remote Terraform modules are not in the scan. EKS nodes are checked by eks/nodegroup-no-ssh.',
    references: {
      peers: [],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ec2-run-command.html', 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/security-tasks-containers.html'],
    },
  },
  appliesTo: isHostLaunchResource,
  check({ resource, graph, report }) {
    if (!ecsContainerInstanceLaunches(graph).has(resource)) return;
    const view = hostLaunchView(resource);
    if (view === undefined || view === 'unknown' || !view.keyName) return;
    if (installsKeyPair(view) !== true) return;
    report({
      path: view.keyName.path,
      message: `The ${view.kind} of ECS container instances installs an SSH key pair (${view.keys.keyName}): use Session Manager instead of SSH.`,
    });
  },
});
