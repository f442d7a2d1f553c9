import { propsOf } from '../../graph/aws.js';
import { isCfnNodegroup, isEksctlConfig, isTfNodegroup, nodeGroupsOf, tfBlock, valueAt } from '../../graph/eks.js';
import { hostLaunchView, installsKeyPair, startsEksNodes } from '../../graph/hosts.js';
import { asArray, asBoolean, asObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

const LAUNCH_TYPES = new Set(['AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration']);
const TF_LAUNCH_TYPES = new Set(['aws_launch_template', 'aws_launch_configuration']);

export default createRule({
  meta: {
    id: 'eks/nodegroup-no-ssh',
    title: 'EKS nodes must not accept SSH: use Session Manager',
    severity: 'medium',
    seedPoints: ['HOST-2'],
    artifacts: ['eksctl', 'cloudformation', 'terraform'],
    description:
      'Reports node groups that install an SSH key: eksctl `ssh.allow: true` or an SSH public key (`publicKeyName`, `publicKeyPath`, `publicKey`), or the `allowSSH: true` of eksctl files before v1alpha5; CloudFormation `AWS::EKS::Nodegroup` `RemoteAccess` / Terraform `aws_eks_node_group` `remote_access` (open to 0.0.0.0/0 when no source security groups are set); and a `KeyName` / `key_name` in a CloudFormation or Terraform launch template or configuration that boots EKS nodes.',
    rationale:
      'SSH keys are long-lived shared credentials that bypass IAM and leave no per-user audit trail; an open port 22 is attack surface. Session Manager gives audited, IAM-controlled shell access without keys or inbound ports.',
    remediation:
      'Remove the SSH key and `RemoteAccess`; attach `AmazonSSMManagedInstanceCore` to the node role (eksctl: `ssh: { enableSsm: true }` on older versions, SSM is on by default on EKS AMIs) and use `aws ssm start-session`.',
    limitations: 'Security group rules opening port 22 to nodes are checked with the security group rules, not here.',
    references: {
      peers: [{ tool: 'checkov', id: 'CKV_AWS_100' }],
      frameworks: [{ framework: 'AWS FSBP', id: 'EC2.13' }],
      links: ['https://docs.aws.amazon.com/eks/latest/userguide/launch-templates.html'],
    },
  },
  appliesTo: (resource) =>
    isEksctlConfig(resource) ||
    isCfnNodegroup(resource) ||
    isTfNodegroup(resource) ||
    (resource.artifact === 'cloudformation' && LAUNCH_TYPES.has(resource.type)) ||
    (resource.artifact === 'terraform' && TF_LAUNCH_TYPES.has(resource.type)),
  check({ resource, report, graph }) {
    if ((resource.artifact === 'terraform' && TF_LAUNCH_TYPES.has(resource.type)) || (resource.artifact === 'cloudformation' && LAUNCH_TYPES.has(resource.type))) {
      // A launch template or configuration of EKS nodes (used by a node group, or EKS bootstrap user data). A
      // CloudFormation parameter of type AWS::EC2::KeyPair::KeyName always names a key pair.
      const view = hostLaunchView(resource);
      if (view === undefined || view === 'unknown' || !view.keyName || installsKeyPair(view) !== true || !startsEksNodes(graph, view)) return;
      report({ path: view.keyName.path, message: `The ${view.kind} of EKS nodes installs an SSH key pair (${view.keys.keyName}).` });
      return;
    }
    if (isEksctlConfig(resource)) {
      for (const group of nodeGroupsOf(resource)) {
        // eksctl files before v1alpha5: `allowSSH: true`, the key from `sshPublicKeyPath` / `sshPublicKeyName`.
        const legacy = valueAt(resource.body, group.path, ['allowSSH']);
        if (legacy && asBoolean(legacy.value) === true) {
          report({ path: legacy.path, message: `Node group "${group.name}" allows SSH (allowSSH: true): the old field installs the key and opens port 22 (to the internet for a node group in public subnets).` });
          continue;
        }
        const ssh = valueAt(resource.body, group.path, ['ssh']);
        const config = asObject(ssh?.value);
        if (!ssh || !config) continue;
        const allow = asBoolean(config.allow);
        if (allow === false || isUnknown(config.allow)) continue;
        const key = (['publicKeyName', 'publicKeyPath', 'publicKey'] as const).find((name) => typeof config[name] === 'string' && config[name] !== '');
        if (allow === true) {
          report({
            path: [...ssh.path, 'allow'],
            message: `Node group "${group.name}" allows SSH (ssh.allow: true)${asArray(config.sourceSecurityGroupIds).length === 0 ? ', from anywhere unless sourceSecurityGroupIds restricts it' : ''}.`,
          });
        } else if (key !== undefined) {
          report({ path: [...ssh.path, key], message: `Node group "${group.name}" installs an SSH key (ssh.${key}), which turns SSH access on.` });
        }
      }
      return;
    }
    if (isTfNodegroup(resource)) {
      const remote = tfBlock(resource.body, [], 'remote_access');
      if (remote === undefined || remote === 'unknown') return;
      report({
        path: remote.path,
        message: `The node group enables SSH (remote_access)${remote.block.source_security_group_ids === undefined ? ' from 0.0.0.0/0: source_security_group_ids is not set' : ''}.`,
      });
      return;
    }
    const { props, path } = propsOf(resource);
    if (isCfnNodegroup(resource)) {
      const remote = props.RemoteAccess;
      if (remote === undefined || isUnknown(remote)) return;
      const sources = asObject(remote)?.SourceSecurityGroups;
      report({
        path: [...path, 'RemoteAccess'],
        message: `The node group enables SSH (RemoteAccess)${sources === undefined ? ' from 0.0.0.0/0: SourceSecurityGroups is not set' : ''}.`,
      });
    }
  },
});
