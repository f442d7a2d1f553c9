import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { tempDir, writeFiles } from '../engine/helpers.js';

/** A nested template is evaluated with the parameter values its parent stack passes, not its own defaults. */
describe('nested stacks: parameters the parent passes', () => {
  const dir = tempDir();
  const service = (fallback: string): string =>
    [
      'Parameters:',
      '  PublicIp:',
      '    Type: String',
      `    Default: ${fallback}`,
      '  Subnets:',
      '    Type: List<AWS::EC2::Subnet::Id>',
      'Resources:',
      '  Service:',
      '    Type: AWS::ECS::Service',
      '    Properties:',
      '      NetworkConfiguration:',
      '        AwsvpcConfiguration:',
      '          AssignPublicIp: !Ref PublicIp',
      '          Subnets: !Ref Subnets',
      '',
    ].join('\n');
  writeFiles(dir, {
    'services/quiet.yaml': service('ENABLED'),
    'services/loud.yaml': service('DISABLED'),
    'services/unknown.yaml': service('ENABLED'),
    'master.yaml': [
      'Parameters:',
      '  Exposed: { Type: String }',
      'Resources:',
      '  Quiet:',
      '    Type: AWS::CloudFormation::Stack',
      '    Properties:',
      '      TemplateURL: ./services/quiet.yaml',
      '      Parameters: { PublicIp: DISABLED, Subnets: "subnet-1,subnet-2" }',
      '  Loud:',
      '    Type: AWS::CloudFormation::Stack',
      '    Properties:',
      '      TemplateURL: services/loud.yaml',
      '      Parameters: { PublicIp: ENABLED }',
      '  Unknown:',
      '    Type: AWS::CloudFormation::Stack',
      '    Properties:',
      '      TemplateURL: ./services/unknown.yaml',
      '      Parameters: { PublicIp: !Ref Exposed }',
      '',
    ].join('\n'),
  });

  it('replace the child\'s defaults: a literal is used, an unknown value is unknown', async () => {
    const report = await scan(['.'], { cwd: dir, noConfig: true });
    const publicIp = report.findings.filter((finding) => finding.ruleId === 'net/no-public-ip-for-tasks').map((finding) => finding.location.path);
    expect(publicIp).toEqual(['services/loud.yaml']);
  });
});

describe('nested stacks: defaults, depth and paths', () => {
  const dir = tempDir();
  const sshGroup = (condition: boolean): string =>
    [
      'Parameters:',
      '  Env: { Type: String, Default: dev }',
      '  Port: { Type: Number, Default: 443 }',
      ...(condition ? ['Conditions:', '  Prod: !Equals [!Ref Env, prod]'] : []),
      'Resources:',
      '  Group:',
      '    Type: AWS::EC2::SecurityGroup',
      ...(condition ? ['    Condition: Prod'] : []),
      '    Properties:',
      '      GroupDescription: g',
      '      SecurityGroupIngress:',
      '        - { IpProtocol: tcp, FromPort: !Ref Port, ToPort: !Ref Port, CidrIp: 0.0.0.0/0 }',
      '',
    ].join('\n');
  writeFiles(dir, {
    // The parent's own default (`!Ref Env`) stays a default in the child: the resource under Prod is still checked.
    'stacks/a-parent.yaml': ['Parameters:', '  Env: { Type: String, Default: dev }', 'Resources:', '  Child:', '    Type: AWS::CloudFormation::Stack', '    Properties:', '      TemplateURL: ../shared/child.yaml', '      Parameters: { Env: !Ref Env, Port: 22 }', ''].join('\n'),
    'shared/child.yaml': sshGroup(true),
    // Three levels, the leaf sorting before its parent; two grandparents passing "22" and 22.
    'deep/a-leaf.yaml': sshGroup(false),
    'deep/b-middle.yaml': ['Resources:', '  Leaf:', '    Type: AWS::CloudFormation::Stack', '    Properties:', '      TemplateURL: ./a-leaf.yaml', '      Parameters: { Port: 22 }', ''].join('\n'),
    'deep/c-top.yaml': ['Resources:', '  Middle:', '    Type: AWS::CloudFormation::Stack', '    Properties: { TemplateURL: ./b-middle.yaml }', ''].join('\n'),
    'twice/p1.yaml': ['Resources:', '  C:', '    Type: AWS::CloudFormation::Stack', '    Properties: { TemplateURL: ./c.yaml, Parameters: { Port: "22" } }', ''].join('\n'),
    'twice/p2.yaml': ['Resources:', '  C:', '    Type: AWS::CloudFormation::Stack', '    Properties: { TemplateURL: ./c.yaml, Parameters: { Port: 22 } }', ''].join('\n'),
    'twice/c.yaml': sshGroup(false),
  });

  it('keep parent defaults as defaults, order by depth, find children outside the working directory, and compare values as strings', async () => {
    const report = await scan(['.', '../shared', '../deep', '../twice'], { cwd: `${dir}/stacks`, noConfig: true });
    const ssh = report.findings.filter((finding) => finding.ruleId === 'net/no-public-ingress' && /SSH/.test(finding.message)).map((finding) => finding.location.path.split('/').slice(-2).join('/'));
    expect(ssh.sort()).toEqual(['deep/a-leaf.yaml', 'shared/child.yaml', 'twice/c.yaml']);
  });
});
