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
