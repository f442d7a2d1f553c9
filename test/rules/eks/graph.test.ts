import { describe, expect, it } from 'vitest';
import { ResourceGraph } from '../../../src/graph/graph.js';
import { bootsEksNode, cfnNodegroupLaunchTemplate, clusterAddons, describesCluster, isOutpostLocalCluster, nodeGroupTaints, nodeGroupsOf } from '../../../src/graph/eks.js';
import { loadFile } from '../../../src/loaders/index.js';
import type { Resource } from '../../../src/model/types.js';
import { yaml } from '../../helpers/rule-tester.js';

function load(filename: string, code: string): { graph: ResourceGraph; byName: (name: string) => Resource } {
  const loaded = loadFile({ path: filename, text: code }, { explicit: true });
  expect(loaded.errors).toEqual([]);
  const graph = new ResourceGraph(loaded.resources);
  return {
    graph,
    byName: (name) => {
      const found = loaded.resources.find((resource) => resource.name === name);
      if (!found) throw new Error(`no ${name}`);
      return found;
    },
  };
}

describe('EKS view: cluster -> node groups -> launch templates, add-ons', () => {
  const template = yaml`
    Resources:
      Cluster:
        Type: AWS::EKS::Cluster
        Properties: { Name: prod }
      ByRef:
        Type: AWS::EC2::LaunchTemplate
        Properties: { LaunchTemplateData: { MetadataOptions: { HttpTokens: required } } }
      ByName:
        Type: AWS::EC2::LaunchTemplate
        Properties: { LaunchTemplateName: named, LaunchTemplateData: {} }
      NgRef:
        Type: AWS::EKS::Nodegroup
        Properties: { ClusterName: !Ref Cluster, LaunchTemplate: { Id: !Ref ByRef } }
      NgName:
        Type: AWS::EKS::Nodegroup
        Properties: { ClusterName: prod, LaunchTemplate: { Name: named } }
      NgImported:
        Type: AWS::EKS::Nodegroup
        Properties: { LaunchTemplate: { Id: !ImportValue other-stack-template } }
      NgNone:
        Type: AWS::EKS::Nodegroup
        Properties: { ClusterName: prod }
      Cni:
        Type: AWS::EKS::Addon
        Properties: { AddonName: vpc-cni, ClusterName: !Ref Cluster, ConfigurationValues: "enableNetworkPolicy: 'true'" }
      OtherCluster:
        Type: AWS::EKS::Addon
        Properties: { AddonName: coredns, ClusterName: staging }
  `;

  it('follows a node group to its launch template by Ref and by name; unknown across stacks; none without', () => {
    const { graph, byName } = load('template.yaml', template);
    const lt = (name: string) => {
      const found = cfnNodegroupLaunchTemplate(graph, byName(name));
      return typeof found === 'object' ? found.resource.name : found;
    };
    expect([lt('NgRef'), lt('NgName'), lt('NgImported'), lt('NgNone')]).toEqual(['ByRef', 'ByName', 'unknown', 'none']);
  });

  it('finds the add-ons of a cluster by Ref or literal name, with configuration values parsed (YAML or JSON)', () => {
    const { graph, byName } = load('template.yaml', template);
    const addons = clusterAddons(graph, byName('Cluster'));
    expect(addons.map((addon) => [addon.resource.name, addon.name, addon.configuration])).toEqual([['Cni', 'vpc-cni', { enableNetworkPolicy: 'true' }]]);
  });

  it('reads taints in eksctl list and map forms, and CloudFormation enum spelling', () => {
    const eksctl = load(
      'cluster.yaml',
      yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        nodeGroups:
          - name: map
            taints: { dedicated: "pci:NoSchedule", other: ":NoExecute" }
        managedNodeGroups:
          - name: list
            taints: [{ key: dedicated, effect: NoExecute }]
      `,
    ).byName('prod');
    const groups = nodeGroupsOf(eksctl);
    expect(groups.map((group) => [group.name, group.kind])).toEqual([
      ['map', 'eksctl-self-managed'],
      ['list', 'eksctl-managed'],
    ]);
    expect(groups.map((group) => nodeGroupTaints(group))).toEqual([
      [
        { key: 'dedicated', effect: 'NoSchedule', path: ['nodeGroups', 0, 'taints', 'dedicated'] },
        { key: 'other', effect: 'NoExecute', path: ['nodeGroups', 0, 'taints', 'other'] },
      ],
      [{ key: 'dedicated', effect: 'NoExecute', path: ['managedNodeGroups', 0, 'taints', 0] }],
    ]);
  });

  it('a node-group-only eksctl file does not describe the cluster; metadata.version or a cluster section does', () => {
    const config = (metadata: string, groups = '[{ name: a, instanceType: m5.large, privateNetworking: true }]', extra = '') =>
      load('c.yaml', `apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata: { name: prod${metadata} }\nmanagedNodeGroups: ${groups}\n${extra}`).byName('prod');
    // The input of `eksctl create cluster -f` or of `eksctl create nodegroup -f` for an existing cluster: unknown.
    expect(describesCluster(config(', region: eu-north-1'))).toBe(false);
    expect(describesCluster(config(', version: "1.31"'))).toBe(true);
    expect(describesCluster(config('', '[{ name: a }]', 'deletionProtection: true\n'))).toBe(true);
    expect(describesCluster(config('', '[{ name: a }]', 'upgradePolicy: { supportType: STANDARD }\n'))).toBe(true);
    expect(isOutpostLocalCluster(config('', '[{ name: a }]', 'outpost: { controlPlaneOutpostARN: "arn:aws:outposts:us-west-2:123456789012:outpost/op-1" }\n'))).toBe(true);
    expect(isOutpostLocalCluster(config(''))).toBe(false);
  });

  it('recognises EKS bootstrap user data, also once a static Fn::Base64 is evaluated to base64', () => {
    expect(bootsEksNode({ 'Fn::Base64': { 'Fn::Sub': '/etc/eks/bootstrap.sh ${Cluster}' } })).toBe(true);
    expect(bootsEksNode(Buffer.from('---\napiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\n').toString('base64'))).toBe(true);
    expect(bootsEksNode(Buffer.from('#!/bin/bash\nyum install -y httpd\n').toString('base64'))).toBe(false);
    expect(bootsEksNode('#!/bin/bash\necho ECS_CLUSTER=x >> /etc/ecs/ecs.config')).toBe(false);
  });
});
