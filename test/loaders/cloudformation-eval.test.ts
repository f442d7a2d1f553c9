import { describe, expect, it } from 'vitest';
import { cloudformationEvaluation } from '../../src/loaders/cloudformation.js';
import type { JsonObject, Resource } from '../../src/model/types.js';
import { getPath } from '../../src/util/json.js';
import { isUnknown } from '../../src/util/unknown.js';
import { loadClean, positionOf } from './helpers.js';

const HEADER = "AWSTemplateFormatVersion: '2010-09-09'\n";

function load(text: string, filename = 'template.yaml'): { resources: Resource[]; byId: Map<string, Resource> } {
  const { resources } = loadClean(filename, text);
  return { resources, byId: new Map(resources.map((resource) => [resource.name, resource])) };
}

/** Properties of resource `id` after evaluation. */
function props(text: string, id = 'R', filename = 'template.yaml'): JsonObject {
  const resource = load(text, filename).byId.get(id);
  if (!resource) throw new Error(`no resource ${id}`);
  return resource.body.Properties as JsonObject;
}

const template = (parts: { parameters?: string; mappings?: string; conditions?: string; properties: string; extra?: string }): string =>
  HEADER +
  (parts.parameters ? `Parameters:\n${parts.parameters}` : '') +
  (parts.mappings ? `Mappings:\n${parts.mappings}` : '') +
  (parts.conditions ? `Conditions:\n${parts.conditions}` : '') +
  `Resources:\n  R:\n    Type: AWS::Test::Thing\n    Properties:\n${parts.properties}` +
  (parts.extra ?? '');

describe('Ref', () => {
  const parameters = [
    '    Port: {Type: Number, Default: 22}',
    '    Name: {Type: String, Default: web}',
    '    NoDefault: {Type: String}',
    '    Subnets: {Type: "List<AWS::EC2::Subnet::Id>", Default: "subnet-1, subnet-2"}',
    '    Ami: {Type: "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", Default: /aws/service/ami}',
    '',
  ].join('\n');

  it('replaces a parameter with its Default, splits list parameters, keeps parameters without a default unknown', () => {
    const p = props(template({ parameters, properties: '      A: !Ref Port\n      B: !Ref Name\n      C: !Ref NoDefault\n      D: !Ref Subnets\n' }));
    expect(p).toEqual({ A: 22, B: 'web', C: { Ref: 'NoDefault' }, D: ['subnet-1', 'subnet-2'] });
    expect(isUnknown(p.C)).toBe(true);
  });

  it('keeps an SSM-backed parameter unknown: its default is the name of an SSM parameter, not the value', () => {
    expect(props(template({ parameters, properties: '      A: !Ref Ami\n' })).A).toEqual({ Ref: 'Ami' });
  });

  it('knows AWS::Partition, removes AWS::NoValue, keeps other pseudo parameters unknown', () => {
    const p = props(template({ properties: '      A: !Ref AWS::Partition\n      B: !Ref AWS::NoValue\n      C: !Ref AWS::Region\n      D: [a1, !Ref AWS::NoValue, b1]\n      E: !Ref AWS::AccountId\n      F: !Ref AWS::StackName\n' }));
    expect(p).toEqual({ A: 'aws', C: { Ref: 'AWS::Region' }, D: ['a1', 'b1'], E: { Ref: 'AWS::AccountId' }, F: { Ref: 'AWS::StackName' } });
  });

  it('keeps Ref and GetAtt to resources as intrinsic objects (unknown values the graph follows)', () => {
    const text = template({ properties: '      A: !Ref Other\n      B: !GetAtt Other.Arn\n', extra: '  Other:\n    Type: AWS::Test::Other\n' });
    expect(props(text)).toEqual({ A: { Ref: 'Other' }, B: { 'Fn::GetAtt': ['Other', 'Arn'] } });
  });

  it('reads the Value of a CDK CfnJson as JSON, its tokens as ${?}; not one that reads another CfnJson', () => {
    const extra = [
      '  Json:',
      '    Type: Custom::AWSCDKCfnJson',
      '    Properties:',
      `      Value: !Join ['', ['{"', !Ref Issuer, ':sub":"system:serviceaccount:app:web"}']]`,
      '  Chained:',
      '    Type: Custom::AWSCDKCfnJson',
      '    Properties:',
      `      Value: !Join ['', ['{"k":"', !GetAtt Json.Value, '"}']]`,
      '  Issuer: {Type: AWS::Test::Other}',
      '',
    ].join('\n');
    const p = props(template({ properties: '      A: !GetAtt Json.Value\n      B: !GetAtt Chained.Value\n', extra }));
    expect(p.A).toEqual({ '${?}:sub': 'system:serviceaccount:app:web' });
    expect(p.B).toEqual({ 'Fn::GetAtt': ['Chained', 'Value'] });
  });

  it('leaves the raw template in document.data and shares unchanged subtrees', () => {
    const text = template({ parameters: '    Name: {Type: String, Default: web}\n', properties: '      A: !Ref Name\n      Static: {Deep: [1, 2]}\n' });
    const resource = load(text).byId.get('R');
    expect(getPath(resource?.document.data, ['Resources', 'R', 'Properties', 'A'])).toEqual({ Ref: 'Name' });
    expect((resource?.body.Properties as JsonObject).Static).toBe(getPath(resource?.document.data, ['Resources', 'R', 'Properties', 'Static']));
  });
});

describe('Fn::FindInMap, Fn::Join, Fn::Select, Fn::Split, Fn::Sub, Fn::Base64, Fn::Cidr', () => {
  const mappings = '    Env:\n      prod: {Cidr: 10.0.0.0/16, Ports: [443, 8443]}\n';
  const parameters = '    Stage: {Type: String, Default: prod}\n    Bucket: {Type: String}\n';

  it('looks up mappings with static keys (including keys from parameter defaults)', () => {
    const p = props(template({ mappings, parameters, properties: '      A: !FindInMap [Env, !Ref Stage, Cidr]\n      B: !FindInMap [Env, prod, Ports]\n      C: !FindInMap [Env, !Ref AWS::Region, Cidr]\n' }));
    expect(p.A).toBe('10.0.0.0/16');
    expect(p.B).toEqual([443, 8443]);
    expect(p.C).toEqual({ 'Fn::FindInMap': ['Env', { Ref: 'AWS::Region' }, 'Cidr'] });
  });

  it('uses the language-extensions DefaultValue of FindInMap when the key is missing', () => {
    expect(props(template({ mappings, properties: '      A: !FindInMap [Env, dev, Cidr, {DefaultValue: 10.9.0.0/16}]\n' })).A).toBe('10.9.0.0/16');
  });

  it('joins, selects and splits static parts; keeps partly unknown ones, evaluated as far as possible', () => {
    const p = props(
      template({
        parameters,
        properties: [
          "      A: !Join ['', ['arn:', !Ref AWS::Partition, ':s3:::', !Ref Stage]]",
          "      B: !Join ['', ['arn:', !Ref AWS::Partition, ':s3:::', !Ref Bucket]]",
          "      C: !Select [1, !Split [',', 'a,b,c']]",
          '      D: !Select [0, !GetAZs ""]',
          '',
        ].join('\n'),
      }),
    );
    expect(p.A).toBe('arn:aws:s3:::prod');
    expect(p.B).toEqual({ 'Fn::Join': ['', ['arn:', 'aws', ':s3:::', { Ref: 'Bucket' }]] });
    expect(p.C).toBe('b');
    expect(p.D).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
  });

  it('substitutes Sub variables in both forms, substitutes the known ones when others stay unknown, and unescapes ${!x}', () => {
    const p = props(
      template({
        parameters,
        properties: [
          '      A: !Sub "arn:${AWS::Partition}:s3:::${Stage}-logs/${!Literal}"',
          '      B: !Sub ["${Stage}-${Name}", {Name: !Join ["-", [a, b]]}]',
          '      C: !Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"',
          '      D: !Sub "${AWS::Region}"',
          '',
        ].join('\n'),
      }),
    );
    expect(p.A).toBe('arn:aws:s3:::prod-logs/${Literal}');
    expect(p.B).toBe('prod-a-b');
    expect(p.C).toEqual({ 'Fn::Sub': 'arn:aws:s3:::${Bucket}/*' });
    expect(p.D).toEqual({ 'Fn::Sub': '${AWS::Region}' });
  });

  it('encodes Base64 as CloudFormation does, computes IPv4 Cidr, keeps GetAZs and ImportValue unknown', () => {
    const p = props(template({ parameters, properties: '      A: !Base64 "echo ${Stage}"\n      B: !Base64 {"Fn::Sub": "echo ${Stage}"}\n      C: !Cidr [10.0.0.0/16, 3, 8]\n      D: !GetAZs ""\n      E: !ImportValue {"Fn::Sub": "${Stage}-VpcId"}\n' }));
    expect(p.A).toBe(Buffer.from('echo ${Stage}').toString('base64'));
    expect(p.B).toBe(Buffer.from('echo prod').toString('base64'));
    expect(p.C).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']);
    expect(p.D).toEqual({ 'Fn::GetAZs': '' });
    expect(p.E).toEqual({ 'Fn::ImportValue': 'prod-VpcId' });
  });
});

describe('Conditions and Fn::If', () => {
  const parameters = '    Env: {Type: String, Default: dev}\n    Open: {Type: String, AllowedValues: ["true", "false"]}\n';
  const conditions = [
    '    IsProd: !Equals [!Ref Env, prod]',
    '    IsDev: !Not [!Condition IsProd]',
    '    DevAndOpen: !And [!Condition IsDev, !Equals [!Ref Open, "true"]]',
    '    ProdAndOpen: !And [!Condition IsProd, !Equals [!Ref Open, "true"]]',
    '    DevOrOpen: !Or [!Condition IsDev, !Equals [!Ref Open, "true"]]',
    '    IsOpen: !Equals [!Ref Open, "true"]',
    '    NumberEquals: !Equals [80, "80"]',
    '',
  ].join('\n');

  it('chooses the branch of a static condition and keeps an unknown one with both branches evaluated', () => {
    const p = props(
      template({
        parameters,
        conditions,
        properties: [
          '      A: !If [IsProd, prodvalue, !Ref Env]',
          '      B: !If [IsDev, on1, off1]',
          '      C: !If [DevAndOpen, on1, off1]',
          '      D: !If [ProdAndOpen, on1, off1]',
          '      E: !If [DevOrOpen, on1, off1]',
          '      F: !If [IsOpen, !Ref Env, !Ref AWS::NoValue]',
          '      G: !If [NumberEquals, on1, off1]',
          '      H: !If [IsProd, on1, !Ref AWS::NoValue]',
          '',
        ].join('\n'),
      }),
    );
    expect(p).toEqual({ A: 'dev', B: 'on1', C: { 'Fn::If': ['DevAndOpen', 'on1', 'off1'] }, D: 'off1', E: 'on1', F: { 'Fn::If': ['IsOpen', 'dev', { Ref: 'AWS::NoValue' }] }, G: 'on1' });
    expect('H' in p).toBe(false);
  });

  it('does not load a resource whose Condition is false whatever the parameters, and lists it as inactive', () => {
    const text = template({
      conditions: '    InChina: !Equals [!Ref AWS::Partition, aws-cn]\n    Never: !And [!Condition InChina, !Equals [!Ref AWS::Region, cn-north-1]]\n    Unknown: !Equals [!Ref AWS::Region, us-east-1]\n',
      properties: '      A: 1\n',
      extra: '  ChinaOnly:\n    Type: AWS::Test::Thing\n    Condition: InChina\n  NeverCreated:\n    Type: AWS::Test::Thing\n    Condition: Never\n  RegionDependent:\n    Type: AWS::Test::Thing\n    Condition: Unknown\n',
    });
    const { resources } = loadClean('template.yaml', text);
    expect(resources.map((resource) => resource.name)).toEqual(['R', 'RegionDependent']);
    const document = resources[0]?.document;
    expect(document && cloudformationEvaluation(document).inactive).toEqual(['ChinaOnly', 'NeverCreated']);
  });

  it('loads a resource whose Condition is false only with the defaults, evaluated with that condition true', () => {
    const text = template({
      parameters,
      conditions,
      properties: '      A: !If [IsProd, on1, off1]\n',
      extra: '  ProdOnly:\n    Type: AWS::Test::Thing\n    Condition: IsProd\n    Properties:\n      Mode: !If [IsProd, on1, off1]\n      Dev: !If [IsDev, on1, off1]\n      Env: !Ref Env\n  Maybe:\n    Type: AWS::Test::Thing\n    Condition: IsOpen\n',
    });
    const { resources } = loadClean('template.yaml', text);
    expect(resources.map((resource) => resource.name)).toEqual(['R', 'ProdOnly', 'Maybe']);
    expect(resources[0]?.body.Properties).toEqual({ A: 'off1' });
    // The condition reads Env, whose Default does not hold where ProdOnly exists: Env is unknown in its body.
    expect(resources[1]?.body.Properties).toEqual({ Mode: 'on1', Dev: 'off1', Env: { Ref: 'Env' } });
    const document = resources[0]?.document;
    expect(document && cloudformationEvaluation(document).conditional).toEqual(['ProdOnly']);
    expect(document && cloudformationEvaluation(document).inactive).toEqual([]);
  });

  it('treats conditions that refer to each other in a loop as unknown, with a problem, without crashing', () => {
    const text = template({ conditions: '    A: !Condition B\n    B: !Not [!Condition A]\n', properties: '      X: !If [A, on1, off1]\n' });
    const { resources } = loadClean('template.yaml', text);
    expect((resources[0]?.body.Properties as JsonObject).X).toEqual({ 'Fn::If': ['A', 'on1', 'off1'] });
    const problems = resources[0] ? cloudformationEvaluation(resources[0].document).problems : [];
    expect(problems.map((problem) => problem.message)).toContain('condition A refers to itself through a loop of conditions');
  });
});

describe('source positions', () => {
  it('an evaluated value sits at the path of the intrinsic it replaces, so findings keep their line', () => {
    const text = template({ parameters: '    Port: {Type: Number, Default: 22}\n', properties: '      FromPort: !Ref Port\n' });
    const resource = load(text).byId.get('R');
    expect(resource?.body.Properties).toEqual({ FromPort: 22 });
    const range = resource?.document.sourceMap.locate([...(resource?.basePath ?? []), 'Properties', 'FromPort']);
    expect(range?.startLine).toBe(positionOf(text, 'FromPort').line);
  });

  it('a path inside a static Fn::If leads to the chosen branch as written, nested choices included', () => {
    const text = template({
      conditions: '    IsOn: !Equals [1, 1]\n    IsOff: !Equals [1, 2]\n',
      properties: [
        '      Policies: !If',
        '        - IsOn',
        '        - - PolicyName: chosen',
        '            PolicyDocument:',
        '              Statement:',
        '                - Action: "chosen:*"',
        '        - - PolicyName: other',
        '      Nested: !If [IsOff, {A: 1}, !If [IsOn, {B: inner}, {C: 3}]]',
        '',
      ].join('\n'),
    });
    const resource = load(text).byId.get('R');
    if (!resource?.sourcePath) throw new Error('no sourcePath');
    const at = (path: (string | number)[]): number => resource.document.sourceMap.locate([...resource.basePath, ...(resource.sourcePath?.(path) ?? path)]).startLine;
    expect(resource.sourcePath(['Properties', 'Policies', 0, 'PolicyDocument'])).toEqual(['Properties', 'Policies', 'Fn::If', 1, 0, 'PolicyDocument']);
    expect(at(['Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0, 'Action'])).toBe(positionOf(text, 'Action: "chosen').line);
    expect(resource.sourcePath(['Properties', 'Nested', 'B'])).toEqual(['Properties', 'Nested', 'Fn::If', 2, 'Fn::If', 1, 'B']);
    expect(resource.sourcePath(['Properties', 'Other'])).toEqual(['Properties', 'Other']);
  });

  it('a static Fn::If inside one whose condition is unknown is followed too', () => {
    const text = template({
      parameters: '    Env: {Type: String}\n',
      conditions: '    IsProd: !Equals [!Ref Env, prod]\n    IsOn: !Equals [1, 1]\n',
      properties: '      Thing: !If [IsProd, !If [IsOn, {A: chosen}, {B: other}], {C: 3}]\n',
    });
    const resource = load(text).byId.get('R');
    expect(resource?.sourcePath?.(['Properties', 'Thing', 'Fn::If', 1, 'A'])).toEqual(['Properties', 'Thing', 'Fn::If', 1, 'Fn::If', 1, 'A']);
  });

  it('list elements after one that AWS::NoValue removed keep their own lines', () => {
    const text = template({
      conditions: '    IsOff: !Equals [1, 2]\n    IsOn: !Equals [1, 1]\n',
      properties: [
        '      Rules:',
        '        - !If [IsOff, {Port: 22}, !Ref AWS::NoValue]',
        '        - !Ref AWS::NoValue',
        '        - Port: 3389',
        '        - !If [IsOn, {Port: 443}, !Ref AWS::NoValue]',
        '',
      ].join('\n'),
    });
    const resource = load(text).byId.get('R');
    expect((resource?.body.Properties as JsonObject).Rules).toEqual([{ Port: 3389 }, { Port: 443 }]);
    expect(resource?.sourcePath?.(['Properties', 'Rules', 0, 'Port'])).toEqual(['Properties', 'Rules', 2, 'Port']);
    expect(resource?.sourcePath?.(['Properties', 'Rules', 1, 'Port'])).toEqual(['Properties', 'Rules', 3, 'Fn::If', 1, 'Port']);
  });

  it('evaluates JSON templates the same way', () => {
    const json = JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Parameters: { Env: { Type: 'String', Default: 'dev' } },
      Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } },
      Resources: { R: { Type: 'AWS::Test::Thing', Properties: { A: { 'Fn::If': ['IsDev', { 'Fn::Sub': '${Env}-x' }, 'no'] } } } },
    }, null, 2);
    expect(props(json, 'R', 'template.json')).toEqual({ A: 'dev-x' });
  });
});

describe('edge cases', () => {
  it('evaluates language-extensions Length and ToJsonString over static values only', () => {
    const p = props(template({ parameters: '    Names: {Type: CommaDelimitedList, Default: "a,b,c"}\n', properties: '      A: !Length [!Ref Names]\n      B: {"Fn::Length": !Ref Names}\n      C: {"Fn::ToJsonString": {Key: !Ref AWS::Partition}}\n      D: {"Fn::ToJsonString": {Key: !Ref AWS::Region}}\n' }));
    expect(p.A).toBe(1);
    expect(p.B).toBe(3);
    expect(p.C).toBe('{"Key":"aws"}');
    expect(p.D).toEqual({ 'Fn::ToJsonString': { Key: { Ref: 'AWS::Region' } } });
  });

  it('keeps a Select out of range, and a Sub whose substituted value would itself read as a variable, unknown', () => {
    const p = props(template({ parameters: '    Tricky: {Type: String, Default: "${AWS::Region}"}\n', properties: '      A: !Select [5, [a1, b1]]\n      B: !Sub "x-${Tricky}"\n' }));
    expect(p.A).toEqual({ 'Fn::Select': [5, ['a1', 'b1']] });
    expect(p.B).toEqual({ 'Fn::Sub': 'x-${Tricky}' });
  });

  it('removes a whole Properties block chosen as AWS::NoValue, and reports a Condition that is not a name', () => {
    const text = `${HEADER}Conditions:\n  Disabled: !Equals [a1, b1]\nResources:\n  R:\n    Type: AWS::Test::Thing\n    Properties: !If [Disabled, {A: 1}, !Ref AWS::NoValue]\n  S:\n    Type: AWS::Test::Thing\n    Condition: [not, a, name]\n`;
    const { resources } = loadClean('template.yaml', text);
    expect(resources.map((resource) => resource.body)).toEqual([{ Type: 'AWS::Test::Thing' }, { Type: 'AWS::Test::Thing', Condition: ['not', 'a', 'name'] }]);
    const problems = resources[0] ? cloudformationEvaluation(resources[0].document).problems.map((problem) => problem.message) : [];
    expect(problems).toEqual(['the Condition of resource S is not a condition name']);
  });

  it('treats a condition depending on an unknown pseudo parameter as unknown and keeps both branches', () => {
    const p = props(template({ conditions: '    East: !Equals [!Ref AWS::Region, us-east-1]\n', properties: '      A: !If [East, !Sub "${AWS::Partition}-e", !Ref AWS::NoValue]\n' }));
    expect(p.A).toEqual({ 'Fn::If': ['East', 'aws-e', { Ref: 'AWS::NoValue' }] });
    expect(isUnknown(p.A)).toBe(true);
  });
});
