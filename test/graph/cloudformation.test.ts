import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ResourceGraph } from '../../src/graph/graph.js';
import { importedExport, referencedResource, referencedResources, referencesFrom, referrers, resourceById, scanValue } from '../../src/graph/cloudformation.js';
import { loadFile } from '../../src/loaders/index.js';
import type { JsonObject, JsonValue, Resource } from '../../src/model/types.js';
import { getPath } from '../../src/util/json.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/cloudformation');

/** Circular dependencies are load errors (CloudFormation refuses them) that these graph tests build on purpose. */
const CYCLE = /^(circular dependency between|resource \S+ depends on itself)/;

function graphOf(files: Record<string, string>): { graph: ResourceGraph; get: (file: string, id: string) => Resource; cycles: string[] } {
  const resources: Resource[] = [];
  const cycles: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const result = loadFile({ path: name, text }, { explicit: true });
    const errors = result.errors.filter((error) => !CYCLE.test(error.message));
    if (errors.length > 0) throw new Error(JSON.stringify(errors));
    cycles.push(...result.errors.filter((error) => CYCLE.test(error.message)).map((error) => `${error.path}:${error.line ?? '-'} ${error.message.split(':')[0]}`));
    resources.push(...result.resources);
  }
  const graph = new ResourceGraph(resources);
  const get = (file: string, id: string): Resource => {
    const found = resources.find((resource) => resource.document.file.path === file && resource.name === id);
    if (!found) throw new Error(`no ${id} in ${file}`);
    return found;
  };
  return { graph, get, cycles };
}

const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
const at = (resource: Resource, ...segments: (string | number)[]): JsonValue | undefined => getPath(resource.body, segments);
const names = (list: readonly Resource[]): string[] => list.map((resource) => resource.name).sort();

describe('references inside one template', () => {
  const { graph, get } = graphOf({ 'network.yaml': fixture('network.yaml'), 'service.yaml': fixture('service.yaml') });

  it('follows task definition -> task role (GetAtt) and finds the policy attached by a separate resource', () => {
    const taskDefinition = get('service.yaml', 'TaskDefinition');
    const role = referencedResource(graph, taskDefinition, at(taskDefinition, 'Properties', 'TaskRoleArn'));
    expect(role?.name).toBe('TaskRole');
    expect(role && names(referrers(graph, role, 'AWS::IAM::Policy'))).toEqual(['AdminAttachment']);
  });

  it('follows subnet -> route table association -> route table -> route -> internet gateway', () => {
    const subnet = get('network.yaml', 'SubnetA');
    const association = referrers(graph, subnet, 'AWS::EC2::SubnetRouteTableAssociation')[0];
    expect(association?.name).toBe('SubnetARouteTable');
    const table = association && referencedResource(graph, association, at(association, 'Properties', 'RouteTableId'));
    expect(table?.name).toBe('PublicRouteTable');
    const route = table && referrers(graph, table, 'AWS::EC2::Route')[0];
    expect(route && at(route, 'Properties', 'DestinationCidrBlock')).toBe('0.0.0.0/0');
    expect(route && referencedResource(graph, route, at(route, 'Properties', 'GatewayId'))?.type).toBe('AWS::EC2::InternetGateway');
  });

  it('finds standalone ingress resources of a security group (GetAtt GroupId)', () => {
    expect(names(referrers(graph, get('network.yaml', 'ServiceGroup'), 'AWS::EC2::SecurityGroupIngress'))).toEqual(['ServiceGroupIngress']);
  });

  it('lists the logical IDs a resource refers to, without DependsOn, parameters or pseudo parameters', () => {
    expect([...referencesFrom(get('network.yaml', 'DefaultRoute'))].sort()).toEqual(['Igw', 'PublicRouteTable']);
    expect([...referencesFrom(get('service.yaml', 'Service'))]).toEqual(['TaskDefinition']);
  });

  it('does not cross templates by logical ID: a Ref is resolved in its own document only', () => {
    const service = get('service.yaml', 'Service');
    expect(referencedResource(graph, service, { Ref: 'SubnetA' })).toBeUndefined();
    expect(resourceById(graph, service, 'SubnetA')).toBeUndefined();
    expect(resourceById(graph, get('network.yaml', 'Vpc'), 'SubnetA')?.name).toBe('SubnetA');
  });
});

describe('Outputs, Export and Fn::ImportValue across the files of a scan', () => {
  const { graph, get } = graphOf({ 'network.yaml': fixture('network.yaml'), 'service.yaml': fixture('service.yaml') });

  it('follows service -> imported subnet (export name built with ${AWS::StackName}) into the network template', () => {
    const service = get('service.yaml', 'Service');
    const subnets = at(service, 'Properties', 'NetworkConfiguration', 'AwsvpcConfiguration', 'Subnets') as JsonValue[];
    expect(subnets[0]).toEqual({ 'Fn::ImportValue': 'prod-network-SubnetA' });
    const subnet = referencedResource(graph, service, subnets[0]);
    expect(subnet?.name).toBe('SubnetA');
    expect(subnet?.document.file.path).toBe('network.yaml');
    const groups = at(service, 'Properties', 'NetworkConfiguration', 'AwsvpcConfiguration', 'SecurityGroups') as JsonValue[];
    expect(referencedResource(graph, service, groups[0])?.name).toBe('ServiceGroup');
  });

  it('replaces an import of a static export by its value, and keeps unknown ones', () => {
    const taskDefinition = get('service.yaml', 'TaskDefinition');
    const value = at(taskDefinition, 'Properties', 'ContainerDefinitions', 0, 'Environment', 0, 'Value');
    expect(scanValue(graph, value)).toBe('debug');
    expect(importedExport(graph, value)?.outputName).toBe('LogLevel');
    expect(scanValue(graph, { 'Fn::ImportValue': 'nobody-exports-this' })).toEqual({ 'Fn::ImportValue': 'nobody-exports-this' });
    expect(scanValue(graph, { 'Fn::ImportValue': { Ref: 'AWS::Region' } })).toEqual({ 'Fn::ImportValue': { Ref: 'AWS::Region' } });
  });

  it('keeps an import unknown when two templates of the scan export names that fit', () => {
    const twice = graphOf({ 'a/network.yaml': fixture('network.yaml'), 'b/network.yaml': fixture('network.yaml'), 'service.yaml': fixture('service.yaml') });
    const service = twice.get('service.yaml', 'Service');
    const subnets = at(service, 'Properties', 'NetworkConfiguration', 'AwsvpcConfiguration', 'Subnets') as JsonValue[];
    expect(referencedResource(twice.graph, service, subnets[0])).toBeUndefined();
    expect(importedExport(twice.graph, { 'Fn::ImportValue': 'shared-log-level' })).toBeUndefined();
  });
});

describe('trail -> bucket -> bucket policy, Sub and Join references', () => {
  const template = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Parameters:',
    '  Suffix: {Type: String, Default: logs}',
    'Resources:',
    '  TrailBucket:',
    '    Type: AWS::S3::Bucket',
    '  TrailBucketPolicy:',
    '    Type: AWS::S3::BucketPolicy',
    '    Properties:',
    '      Bucket: !Ref TrailBucket',
    '      PolicyDocument:',
    '        Statement:',
    '          - Effect: Allow',
    "            Principal: '*'",
    '            Action: s3:GetObject',
    "            Resource: !Sub '${TrailBucket.Arn}/${Suffix}/*'",
    '          - Effect: Allow',
    '            Principal: {Service: cloudtrail.amazonaws.com}',
    '            Action: s3:PutObject',
    "            Resource: !Join ['', ['arn:', !Ref AWS::Partition, ':s3:::', !Ref TrailBucket, '/AWSLogs/*']]",
    '  Trail:',
    '    Type: AWS::CloudTrail::Trail',
    '    DependsOn: TrailBucketPolicy',
    '    Properties:',
    '      IsLogging: true',
    '      S3BucketName: !Ref TrailBucket',
    '',
  ].join('\n');
  const { graph, get } = graphOf({ 'trail.yaml': template });

  it('follows the trail to its bucket and the bucket to its policy', () => {
    const trail = get('trail.yaml', 'Trail');
    const bucket = referencedResource(graph, trail, at(trail, 'Properties', 'S3BucketName'));
    expect(bucket?.name).toBe('TrailBucket');
    expect(bucket && names(referrers(graph, bucket, 'AWS::S3::BucketPolicy'))).toEqual(['TrailBucketPolicy']);
  });

  it('resolves a Sub or Join that refers to exactly one resource, with the static parts evaluated', () => {
    const policy = get('trail.yaml', 'TrailBucketPolicy');
    const first = at(policy, 'Properties', 'PolicyDocument', 'Statement', 0, 'Resource');
    expect(first).toEqual({ 'Fn::Sub': '${TrailBucket.Arn}/logs/*' });
    expect(referencedResource(graph, policy, first)?.name).toBe('TrailBucket');
    const second = at(policy, 'Properties', 'PolicyDocument', 'Statement', 1, 'Resource');
    expect(second).toEqual({ 'Fn::Join': ['', ['arn:', 'aws', ':s3:::', { Ref: 'TrailBucket' }, '/AWSLogs/*']] });
    expect(referencedResource(graph, policy, second)?.name).toBe('TrailBucket');
  });

  it('returns nothing for literals, parameters, pseudo parameters, missing resources and values naming two resources', () => {
    const policy = get('trail.yaml', 'TrailBucketPolicy');
    for (const value of ['TrailBucket', { Ref: 'Suffix' }, { Ref: 'AWS::Region' }, { Ref: 'Missing' }, { 'Fn::Sub': '${Trail}-${TrailBucket}' }] as JsonValue[]) {
      expect(referencedResource(graph, policy, value)).toBeUndefined();
    }
  });
});

describe('resources that refer to each other', () => {
  it('follows a cycle of references one step at a time without looping', () => {
    const text = [
      'Resources:',
      '  A:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties: {Peer: !Ref B, Self: !GetAtt A.GroupId}',
      '  B:',
      '    Type: AWS::EC2::SecurityGroup',
      '    Properties: {Peer: !Ref A}',
      '',
    ].join('\n');
    const { graph, get, cycles } = graphOf({ 'cycle.yaml': text });
    // The loader reports the cycle (CloudFormation refuses it); the graph still follows each reference.
    expect(cycles).toEqual(['cycle.yaml:2 circular dependency between resources A and B (A -> B -> A)']);
    const a = get('cycle.yaml', 'A');
    const b = referencedResource(graph, a, at(a, 'Properties', 'Peer'));
    expect(b?.name).toBe('B');
    expect(b && referencedResource(graph, b, at(b, 'Properties', 'Peer'))).toBe(a);
    expect(names(referrers(graph, a))).toEqual(['B']);
    expect([...referencesFrom(a)].sort()).toEqual(['A', 'B']);
  });

  it('stops following imports that export each other', () => {
    const one = "Resources:\n  Other:\n    Type: AWS::SNS::Topic\nOutputs:\n  O:\n    Value: !ImportValue two\n    Export: {Name: one}\n";
    const two = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !ImportValue one}\nOutputs:\n  O:\n    Value: !ImportValue one\n    Export: {Name: two}\n";
    const { graph, get } = graphOf({ 'one.yaml': one, 'two.yaml': two });
    const y = get('two.yaml', 'Topic');
    expect(referencedResource(graph, y, at(y, 'Properties', 'TopicName'))).toBeUndefined();
    expect(scanValue(graph, at(y, 'Properties', 'TopicName') as JsonObject)).toEqual({ 'Fn::ImportValue': 'one' });
  });
});

describe('nested stacks (AWS::CloudFormation::Stack with a TemplateURL found in the scan)', () => {
  const parent = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Resources:',
    '  VPC:',
    '    Type: AWS::CloudFormation::Stack',
    '    Properties:',
    '      TemplateURL: https://s3.amazonaws.com/my-bucket/infrastructure/vpc.yaml',
    '  Service:',
    '    Type: AWS::CloudFormation::Stack',
    '    Properties:',
    '      TemplateURL: ./services/service.yaml',
    '      Parameters:',
    '        Subnets: !GetAtt VPC.Outputs.PrivateSubnets',
    '        Vpc: !GetAtt VPC.Outputs.VpcId',
    '',
  ].join('\n');
  const vpc = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Resources:',
    '  Vpc:',
    '    Type: AWS::EC2::VPC',
    '  PrivateSubnet1:',
    '    Type: AWS::EC2::Subnet',
    '    Properties: {VpcId: !Ref Vpc}',
    '  PrivateSubnet2:',
    '    Type: AWS::EC2::Subnet',
    '    Properties: {VpcId: !Ref Vpc}',
    'Outputs:',
    '  VpcId:',
    '    Value: !Ref Vpc',
    '  PrivateSubnets:',
    '    Value: !Join [",", [!Ref PrivateSubnet1, !Ref PrivateSubnet2]]',
    '',
  ].join('\n');
  const service = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Parameters:',
    '  Subnets: {Type: "List<AWS::EC2::Subnet::Id>"}',
    '  Vpc: {Type: "AWS::EC2::VPC::Id"}',
    'Resources:',
    '  Service:',
    '    Type: AWS::ECS::Service',
    '    Properties:',
    '      NetworkConfiguration:',
    '        AwsvpcConfiguration:',
    '          Subnets: !Ref Subnets',
    '  Group:',
    '    Type: AWS::EC2::SecurityGroup',
    '    Properties: {VpcId: !Ref Vpc, GroupDescription: g}',
    '',
  ].join('\n');
  const { graph, get } = graphOf({ 'master.yaml': parent, 'infrastructure/vpc.yaml': vpc, 'services/service.yaml': service });

  it('follows a parameter passed by the parent stack into the sibling stack that produces it', () => {
    const ecsService = get('services/service.yaml', 'Service');
    const subnets = referencedResources(graph, ecsService, at(ecsService, 'Properties', 'NetworkConfiguration', 'AwsvpcConfiguration', 'Subnets'));
    expect(subnets.map((subnet) => `${subnet.document.file.path}#${subnet.name}`).sort()).toEqual(['infrastructure/vpc.yaml#PrivateSubnet1', 'infrastructure/vpc.yaml#PrivateSubnet2']);
    const group = get('services/service.yaml', 'Group');
    expect(referencedResource(graph, group, at(group, 'Properties', 'VpcId'))?.name).toBe('Vpc');
  });

  it('follows a nested stack output from the parent, and leaves parameters of an unnested template unknown', () => {
    const stack = get('master.yaml', 'Service');
    expect(referencedResource(graph, stack, at(stack, 'Properties', 'Parameters', 'Vpc'))?.document.file.path).toBe('infrastructure/vpc.yaml');
    const alone = graphOf({ 'services/service.yaml': service });
    const ecsService = alone.get('services/service.yaml', 'Service');
    expect(referencedResources(alone.graph, ecsService, { Ref: 'Subnets' })).toEqual([]);
  });
});

describe('loops through nested stacks', () => {
  it('stops when a child output is its own parameter, passed back by the parent', () => {
    const parent = "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.yaml\n      Parameters:\n        P: !GetAtt Child.Outputs.O\n";
    const child = "Parameters:\n  P: {Type: String}\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: !Ref P}\nOutputs:\n  O:\n    Value: !Ref P\n";
    const { graph, get, cycles } = graphOf({ 'parent.yaml': parent, 'child.yaml': child });
    expect(cycles).toEqual(['parent.yaml:2 resource Child depends on itself']);
    const topic = get('child.yaml', 'Topic');
    expect(referencedResources(graph, topic, at(topic, 'Properties', 'TopicName'))).toEqual([]);
  });
});
