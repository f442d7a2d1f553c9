import { describe, expect, it } from 'vitest';
import { runEngine } from '../../../src/engine/engine.js';
import { DEFAULT_SETTINGS } from '../../../src/engine/settings.js';
import { loadTerraformFiles } from '../../../src/loaders/terraform/index.js';
import { RULE_IDS } from '../../../src/rules/index.js';
import type { Rule } from '../../../src/rules/rule.js';
import controlPlaneLogging from '../../../src/rules/eks/control-plane-logging.js';
import endpointAccess from '../../../src/rules/eks/endpoint-access.js';
import nodegroupImdsv2 from '../../../src/rules/eks/nodegroup-imdsv2.js';
import nodegroupNoSsh from '../../../src/rules/eks/nodegroup-no-ssh.js';
import nodegroupPatchedAmi from '../../../src/rules/eks/nodegroup-patched-ami.js';
import secretsEncryption from '../../../src/rules/eks/secrets-encryption.js';
import taintedNodeGroups from '../../../src/rules/eks/tainted-node-groups.js';
import { yaml } from '../../helpers/rule-tester.js';

/**
 * Terraform is not wired into `loadFile` yet (its loader is async): these cases go through `loadTerraformFiles`
 * directly, then the engine, exactly as the scan will once it is wired.
 */
async function run(rule: Rule, code: string): Promise<string[]> {
  const loaded = await loadTerraformFiles([{ path: 'main.tf', text: code }]);
  expect(loaded.errors).toEqual([]);
  const { findings } = runEngine(loaded.resources, { rules: [rule], settings: { ...DEFAULT_SETTINGS, today: '2026-06-01' }, knownRuleIds: RULE_IDS });
  return findings.map((finding) => `${finding.location.startLine} ${finding.message}`);
}

describe('EKS rules on Terraform', () => {
  it('endpoint-access: default public endpoint, explicit public, open CIDR; private and restricted pass', async () => {
    const findings = await run(
      endpointAccess,
      yaml`
        resource "aws_eks_cluster" "defaults" {
          name     = "a"
          role_arn = "arn:aws:iam::111122223333:role/eks"
          vpc_config {
            subnet_ids = ["subnet-1"]
          }
        }
        resource "aws_eks_cluster" "public" {
          vpc_config {
            endpoint_public_access = true
          }
        }
        resource "aws_eks_cluster" "open" {
          vpc_config {
            public_access_cidrs = ["10.0.0.0/8", "0.0.0.0/0"]
          }
        }
        resource "aws_eks_cluster" "private" {
          vpc_config {
            endpoint_private_access = true
            endpoint_public_access  = false
          }
        }
        resource "aws_eks_cluster" "restricted" {
          vpc_config {
            endpoint_public_access = true
            public_access_cidrs    = ["10.2.0.0/8"]
          }
        }
        resource "aws_eks_cluster" "unknown" {
          vpc_config {
            endpoint_public_access = var.public
          }
        }
        variable "public" {}
      `,
    );
    expect(findings).toEqual([
      '4 The cluster API endpoint is open to the internet: the public endpoint is on by default (vpc_config.endpoint_public_access is not set) and vpc_config.public_access_cidrs is not set (defaults to 0.0.0.0/0). With vpc_config.endpoint_private_access off, nodes also reach the API over the internet.',
      '10 The cluster API endpoint is open to the internet: vpc_config.endpoint_public_access is true and vpc_config.public_access_cidrs is not set (defaults to 0.0.0.0/0). With vpc_config.endpoint_private_access off, nodes also reach the API over the internet.',
      expect.stringMatching(/^15 .*allows 0\.0\.0\.0\/0/),
    ]);
  });

  it('endpoint-access: a cluster without vpc_config is reported at the resource', async () => {
    expect(await run(endpointAccess, 'resource "aws_eks_cluster" "bare" {}\n')).toEqual([expect.stringMatching(/^1 .*on by default/)]);
  });

  it('control-plane-logging: missing list, partial list; all five pass', async () => {
    const findings = await run(
      controlPlaneLogging,
      yaml`
        resource "aws_eks_cluster" "none" {}
        resource "aws_eks_cluster" "partial" {
          enabled_cluster_log_types = ["api", "audit"]
        }
        resource "aws_eks_cluster" "all" {
          enabled_cluster_log_types = ["api", "authenticator", "audit", "scheduler", "controllerManager"]
        }
      `,
    );
    expect(findings).toEqual([
      expect.stringMatching(/^1 Control-plane logging is off/),
      '3 Control-plane log types not enabled: authenticator, controllerManager, scheduler (enabled_cluster_log_types).',
    ]);
  });

  it('secrets-encryption: none, a block without provider; a KMS key reference passes', async () => {
    const findings = await run(
      secretsEncryption,
      yaml`
        resource "aws_eks_cluster" "none" {
          name = "a"
        }
        resource "aws_eks_cluster" "no_key" {
          encryption_config {
            resources = ["secrets"]
          }
        }
        resource "aws_kms_key" "eks" {
          enable_key_rotation = true
        }
        resource "aws_eks_cluster" "good" {
          encryption_config {
            resources = ["secrets"]
            provider {
              key_arn = aws_kms_key.eks.arn
            }
          }
        }
      `,
    );
    expect(findings).toEqual([expect.stringMatching(/^1 .*encryption_config is not set/), expect.stringMatching(/^5 encryption_config does not encrypt/)]);
  });

  it('nodegroup-imdsv2: launch templates and configurations, node group without a launch template', async () => {
    const findings = await run(
      nodegroupImdsv2,
      yaml`
        resource "aws_launch_template" "bad" {
          image_id = "ami-005e54dee72cc1d00"
        }
        resource "aws_launch_configuration" "optional" {
          metadata_options {
            http_tokens = "optional"
          }
        }
        resource "aws_launch_template" "nodes" {
          metadata_options {
            http_tokens                 = "required"
            http_put_response_hop_limit = 2
          }
        }
        resource "aws_eks_node_group" "with_template" {
          cluster_name = "prod"
          launch_template {
            id      = aws_launch_template.nodes.id
            version = aws_launch_template.nodes.latest_version
          }
        }
        resource "aws_eks_node_group" "default_template" {
          cluster_name = "prod"
        }
        resource "aws_launch_template" "good" {
          metadata_options {
            http_tokens = "required"
          }
        }
      `,
    );
    expect(findings).toEqual([
      // A launch template's instances may get their role from what uses it (a node group, AWS Batch): high.
      '1 The launch template does not require IMDSv2: http_tokens is not set (EC2 defaults to optional).',
      '6 The launch configuration allows IMDSv1: http_tokens is "optional". It has no instance profile: no role credentials to steal, but the metadata and user data are open to request forgery.',
      '12 The launch template boots EKS nodes with http_put_response_hop_limit 2: pods can reach the instance metadata service and borrow the node role.',
      expect.stringMatching(/^22 The node group has no launch_template/),
    ]);
  });

  it('nodegroup-imdsv2: a node group launch template without image_id takes the AMI type\'s IMDS default', async () => {
    const findings = await run(
      nodegroupImdsv2,
      yaml`
        resource "aws_launch_template" "default_ami" {
          name = "a"
        }
        resource "aws_eks_node_group" "a" {
          launch_template {
            id      = aws_launch_template.default_ami.id
            version = "1"
          }
        }
        resource "aws_launch_template" "al2" {
          name = "b"
        }
        resource "aws_eks_node_group" "b" {
          ami_type = "AL2_x86_64"
          launch_template {
            name    = aws_launch_template.al2.name
            version = "1"
          }
        }
      `,
    );
    expect(findings).toEqual([
      '1 The launch template boots EKS nodes and does not set http_put_response_hop_limit to 1: pods can reach the instance metadata service.',
      '10 The launch template boots EKS nodes and does not set http_put_response_hop_limit to 1: pods can reach the instance metadata service.',
      '10 The launch template does not require IMDSv2: http_tokens is not set (EC2 defaults to optional).',
    ]);
  });

  it('nodegroup-no-ssh, nodegroup-patched-ami, tainted-node-groups on aws_eks_node_group', async () => {
    const code = yaml`
      resource "aws_eks_node_group" "ssh" {
        cluster_name = "prod"
        ami_type     = "AL2_x86_64"
        remote_access {
          ec2_ssh_key = "ops"
        }
        labels = {
          "seaworthy.dev/sensitive" = "true"
        }
      }
      resource "aws_eks_node_group" "pci" {
        cluster_name = "prod"
        ami_type     = "AL2023_x86_64_STANDARD"
        labels = {
          "seaworthy.dev/sensitive" = "true"
        }
        taint {
          key    = "dedicated"
          value  = "pci"
          effect = "NO_SCHEDULE"
        }
      }
    `;
    expect(await run(nodegroupNoSsh, code)).toEqual([expect.stringMatching(/^4 The node group enables SSH \(remote_access\) from 0\.0\.0\.0\/0/)]);
    expect(await run(nodegroupPatchedAmi, code)).toEqual([expect.stringMatching(/^3 .*ami_type AL2_x86_64/)]);
    expect(await run(taintedNodeGroups, code)).toEqual([expect.stringMatching(/^7 Node group "aws_eks_node_group.ssh" .*no NoSchedule taint/)]);
  });
});
