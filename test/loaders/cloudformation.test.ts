import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ResourceGraph } from '../../src/graph/graph.js';
import { referencedResource } from '../../src/graph/cloudformation.js';
import { cloudformationEvaluation } from '../../src/loaders/cloudformation.js';
import { TemplateEvaluator } from '../../src/loaders/cloudformation-eval.js';
import { loadFile } from '../../src/loaders/index.js';
import type { JsonObject, JsonValue, Resource } from '../../src/model/types.js';
import { getPath } from '../../src/util/json.js';
import { isUnknown } from '../../src/util/unknown.js';
import { loadClean } from './helpers.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/cloudformation');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

/** Best of three evaluations of a template, each with a fresh evaluator (ms): timing on a shared machine. */
function evaluationTime(template: JsonObject): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const evaluator = new TemplateEvaluator(template);
    for (const [id, entry] of Object.entries(template.Resources as JsonObject)) evaluator.resource(id, entry);
    best = Math.min(best, performance.now() - start);
    expect(evaluator.problems).toEqual([]);
  }
  return best;
}

function problemsOf(filename: string, text: string): { resources: Resource[]; problems: string[] } {
  const result = loadFile({ path: filename, text }, { explicit: true });
  const document = result.documents[0];
  if (!document) throw new Error('no document');
  const problems = cloudformationEvaluation(document).problems;
  // Every evaluation problem is also a scan error, at the line of its template path.
  expect(result.errors.map((error) => error.message)).toEqual(problems.map((problem) => problem.message));
  return { resources: result.resources, problems: problems.map((problem) => `${problem.path.join('.')}: ${problem.message}`) };
}

describe('SAM and CDK-synthesized templates', () => {
  it('loads a SAM template without AWSTemplateFormatVersion (recognized by its Transform)', () => {
    const { resources } = loadClean('template.yaml', fixture('sam-function.yaml'));
    expect(resources.map((resource) => `${resource.type}:${resource.name}`)).toEqual(['AWS::Serverless::Api:Api', 'AWS::Serverless::Function:Handler']);
    expect(getPath(resources[1]?.body, ['Properties', 'Policies', 0, 'S3ReadPolicy', 'BucketName'])).toBe('dev-data');
  });

  it('loads a CDK-synthesized template: Join-built ARNs, SSM bootstrap parameter, metadata resource with an unknown condition', () => {
    const { resources } = loadClean('App.template.json', fixture('cdk-synth.template.json'));
    expect(resources.map((resource) => resource.name)).toEqual(['TaskRole30FC0FBB', 'TaskRoleDefaultPolicy07FC53DE', 'DataBucketE3889A50', 'TaskDef54694570', 'CDKMetadata']);
    const policy = resources[1] as Resource;
    const statements = getPath(policy.body, ['Properties', 'PolicyDocument', 'Statement']) as JsonObject[];
    expect(statements[1]?.Resource).toEqual({
      'Fn::Join': ['', ['arn:', 'aws', ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':log-group:/app:*']],
    });
    expect(isUnknown(statements[1]?.Resource)).toBe(true);
    expect(policy.body.Metadata).toEqual({ 'aws:cdk:path': 'App/TaskRole/DefaultPolicy/Resource' });
    const graph = new ResourceGraph(resources);
    expect(referencedResource(graph, policy, statements[0]?.Resource)?.name).toBe('DataBucketE3889A50');
    expect(referencedResource(graph, resources[3] as Resource, getPath(resources[3]?.body, ['Properties', 'TaskRoleArn']))?.name).toBe('TaskRole30FC0FBB');
  });

  it('loads a multi-megabyte synthesized JSON template; the evaluation itself takes a small part of the load', () => {
    const template: JsonObject = { Resources: {} };
    const entries = template.Resources as JsonObject;
    for (let i = 0; i < 3000; i++) {
      entries[`Queue${i}ABCDEF12`] = {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: { 'Fn::Join': ['', ['app-', { Ref: 'AWS::Partition' }, `-${i}`]] },
          // A chain of references (a ring would be a circular dependency, which CloudFormation refuses).
          RedrivePolicy: { deadLetterTargetArn: i < 2999 ? { 'Fn::GetAtt': [`Queue${i + 1}ABCDEF12`, 'Arn'] } : 'arn:aws:sqs:us-east-1:123456789012:dlq', maxReceiveCount: 3 },
          Tags: Array.from({ length: 4 }, (_, tag) => ({ Key: `tag-${tag}`, Value: { 'Fn::Sub': `\${AWS::Partition}-${tag}-some-longer-text-to-grow-the-file` } })),
        },
        Metadata: { 'aws:cdk:path': `App/Queue${i}/Resource` },
      };
    }
    const text = JSON.stringify(template, null, 1);
    expect(text.length).toBeGreaterThan(3_000_000);
    const result = loadFile({ path: 'big.template.json', text }, { explicit: true });
    expect(result.errors).toEqual([]);
    expect(result.resources).toHaveLength(3000);
    expect(getPath(result.resources[2999]?.body, ['Properties', 'QueueName'])).toBe('app-aws-2999');
    // Evaluation alone, on a fresh parse (the loader's JSON parsing with positions dominates the load time).
    expect(evaluationTime(JSON.parse(text) as JsonObject)).toBeLessThan(500);
  });
});

describe('bad input: unknowns and clear problems, never a crash', () => {
  const HEADER = "AWSTemplateFormatVersion: '2010-09-09'\n";

  it('keeps unknown intrinsic functions as written (arguments untouched): unknown to rules', () => {
    const { resources } = problemsOf('t.yaml', `${HEADER}Parameters:\n  P: {Type: String, Default: x}\nResources:\n  R:\n    Type: AWS::Test::Thing\n    Properties:\n      A: {"Fn::Frobnicate": [!Ref P]}\n      B: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}\n`);
    const props = resources[0]?.body.Properties as JsonObject;
    expect(props.A).toEqual({ 'Fn::Frobnicate': [{ Ref: 'P' }] });
    expect(isUnknown(props.A)).toBe(true);
    expect(isUnknown(props.B)).toBe(true);
  });

  it('reports references to missing resources, parameters, conditions and mappings, and keeps them unknown', () => {
    const text = `${HEADER}Resources:\n  R:\n    Type: AWS::Test::Thing\n    Properties:\n      A: !Ref Missing\n      B: !Sub '\${Nope.Arn}-x'\n      C: !If [NoSuchCondition, a1, b1]\n      D: !FindInMap [NoMap, k, v]\n      E: {Ref: [not, a, string]}\n      F: !GetAtt Gone.Arn\n`;
    const { resources, problems } = problemsOf('t.yaml', text);
    expect(resources[0]?.body.Properties).toEqual({ A: { Ref: 'Missing' }, B: { 'Fn::Sub': '${Nope.Arn}-x' }, C: { 'Fn::If': ['NoSuchCondition', 'a1', 'b1'] }, D: { 'Fn::FindInMap': ['NoMap', 'k', 'v'] }, E: { Ref: ['not', 'a', 'string'] }, F: { 'Fn::GetAtt': ['Gone', 'Arn'] } });
    expect(problems).toEqual([
      'Resources.R.Properties.A.Ref: Ref to Missing, which is neither a parameter nor a resource of this template',
      'Resources.R.Properties.B.Fn::Sub: Fn::Sub refers to ${Nope.Arn}, which is neither a parameter nor a resource of this template',
      'Resources.R.Properties.C.Fn::If.0: condition NoSuchCondition is not defined in Conditions',
      'Resources.R.Properties.D.Fn::FindInMap: Fn::FindInMap: no mapping named NoMap',
      'Resources.R.Properties.E.Ref: Ref takes a logical ID or parameter name (a string)',
      'Resources.R.Properties.F.Fn::GetAtt: Fn::GetAtt of Gone, which is not a resource of this template',
    ]);
  });

  it('reads a Ref that takes an intrinsic function (AWS::LanguageExtensions): a parameter or a resource by the name it gives', () => {
    const text = `${HEADER}Transform: AWS::LanguageExtensions\nParameters:\n  Env: {Type: String, Default: prod}\n  prodCidr: {Type: String, Default: 10.0.0.0/16}\nResources:\n  prodBucket:\n    Type: AWS::S3::Bucket\n  R:\n    Type: AWS::Test::Thing\n    Properties:\n      Cidr: !Ref {"Fn::Sub": "\${Env}Cidr"}\n      Bucket: {Ref: !Sub "\${Env}Bucket"}\n      Unknown: !Ref {"Fn::ImportValue": shared}\n`;
    const { resources, problems } = problemsOf('t.yaml', text);
    expect(resources.find((resource) => resource.name === 'R')?.body.Properties).toEqual({ Cidr: '10.0.0.0/16', Bucket: { Ref: 'prodBucket' }, Unknown: { Ref: { 'Fn::ImportValue': 'shared' } } });
    expect(problems).toEqual([]);
    // Without the transform, CloudFormation refuses it.
    const plain = problemsOf('t.yaml', text.replace('Transform: AWS::LanguageExtensions\n', ''));
    expect(plain.problems).toContain('Resources.R.Properties.Cidr.Ref: Ref takes a logical ID or parameter name (a string); an intrinsic function in its place needs the AWS::LanguageExtensions transform');
  });

  it('skips Resources entries that are not objects or have no Type, and keeps the others', () => {
    const text = `${HEADER}Resources:\n  Good:\n    Type: AWS::SNS::Topic\n  Text: just a string\n  List: [1, 2]\n  NoType:\n    Properties: {}\n  Empty:\n`;
    const { resources, problems } = problemsOf('t.yaml', text);
    expect(resources.map((resource) => resource.name)).toEqual(['Good']);
    expect(problems).toEqual([
      'Resources.Text: resource Text is not an object (a string): ignored',
      'Resources.List: resource List is not an object (a list): ignored',
      'Resources.NoType: resource NoType has no Type: ignored',
      'Resources.Empty: resource Empty is not an object (null): ignored',
    ]);
  });

  it('reports a Resources section that is not a map', () => {
    const { resources, problems } = problemsOf('t.yaml', `${HEADER}Resources: [a, b]\n`);
    expect(resources).toEqual([]);
    expect(problems).toEqual(['Resources: Resources is not a map of logical IDs to resources']);
  });

  it('guards against deep nesting of intrinsics', () => {
    let value: JsonValue = 'leaf';
    for (let i = 0; i < 300; i++) value = { 'Fn::Base64': value };
    const text = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { R: { Type: 'AWS::Test::Thing', Properties: { Deep: value } } } });
    const { resources, problems } = problemsOf('t.json', text);
    expect(resources).toHaveLength(1);
    expect(problems.some((problem) => problem.includes('nesting deeper than 256 levels'))).toBe(true);
  });

  it('expands Fn::ForEach loops over a known collection (nested, &{} keys, Ref and Sub of the identifier), at their written lines', () => {
    const text = [
      `${HEADER}Transform: AWS::LanguageExtensions`,
      'Parameters:',
      '  Names: {Type: CommaDelimitedList, Default: "a-1,b-2"}',
      'Resources:',
      '  Fn::ForEach::Topics:',
      '    - Name',
      '    - !Ref Names',
      '    - Topic&{Name}:',
      '        Type: AWS::SNS::Topic',
      '        Properties: {TopicName: !Sub "${Name}-topic", DisplayName: !Ref Name}',
      '      Fn::ForEach::Queues:',
      '        - Env',
      '        - [dev, prod]',
      '        - Queue${Name}${Env}:',
      '            Type: AWS::SQS::Queue',
      '            Properties: {QueueName: !Sub "${Name}-${Env}", RedriveAllowPolicy: !Ref Topica1}',
      '  Plain:',
      '    Type: AWS::SNS::Topic',
      '  Fn::ForEach::Unknown:',
      '    - X',
      '    - !Split [",", !ImportValue shared]',
      '    - Other${X}: {Type: AWS::SNS::Topic}',
      '',
    ].join('\n');
    const { resources, problems } = problemsOf('t.yaml', text);
    expect(resources.map((resource) => resource.name)).toEqual(['Topica1', 'Queuea-1dev', 'Queuea-1prod', 'Topicb2', 'Queueb-2dev', 'Queueb-2prod', 'Plain']);
    const topic = resources[0];
    expect(topic?.body.Properties).toEqual({ TopicName: 'a-1-topic', DisplayName: 'a-1' });
    expect(resources[2]?.body.Properties).toEqual({ QueueName: 'a-1-prod', RedriveAllowPolicy: { Ref: 'Topica1' } });
    expect(topic && topic.document.sourceMap.locate([...topic.basePath, 'Properties', 'TopicName']).startLine).toBe(11);
    const queue = resources[1];
    expect(queue && queue.document.sourceMap.locate([...queue.basePath, 'Properties', 'QueueName']).startLine).toBe(17);
    expect(problems).toEqual([
      'Resources.Fn::ForEach::Unknown: Fn::ForEach::Unknown: its collection is not known from the template (a parameter without a default, an import): the loop is not expanded; the resources it generates are not checked',
    ]);
  });

  it('expands Fn::ForEach loops among the keys of a property map, at their written lines; an unknown collection is an error', () => {
    const text = [
      `${HEADER}Transform: AWS::LanguageExtensions`,
      'Resources:',
      '  Fn:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Environment:',
      '        Variables:',
      '          STAGE: prod',
      '          Fn::ForEach::Vars:',
      '            - Name',
      '            - [DB_HOST, CACHE_HOST]',
      '            - ${Name}: !Sub "${Name}.internal"',
      '      Tags:',
      '        Fn::ForEach::Unknown:',
      '          - T',
      '          - !Split [",", !ImportValue tags]',
      '          - ${T}: v',
      '',
    ].join('\n');
    const { resources, problems } = problemsOf('t.yaml', text);
    const fn = resources[0];
    expect(fn?.body.Properties).toEqual({ Environment: { Variables: { STAGE: 'prod', DB_HOST: 'DB_HOST.internal', CACHE_HOST: 'CACHE_HOST.internal' } }, Tags: {} });
    const at = (key: string): number | undefined => fn && fn.document.sourceMap.locate([...fn.basePath, ...(fn.sourcePath?.(['Properties', 'Environment', 'Variables', key]) ?? [])]).startLine;
    expect([at('STAGE'), at('DB_HOST'), at('CACHE_HOST')]).toEqual([9, 13, 13]);
    expect(problems).toEqual([
      'Resources.Fn.Properties.Tags.Fn::ForEach::Unknown: Fn::ForEach::Unknown: its collection is not known from the template (a parameter without a default, an import): the loop is not expanded; the properties it generates are not checked',
    ]);
  });

  it('property loops: outer loop identifiers in their keys, a generated key the map already has, one budget for all', () => {
    const text = [
      `${HEADER}Transform: AWS::LanguageExtensions`,
      'Resources:',
      '  Fn::ForEach::Fns:',
      '    - Env',
      '    - [Dev]',
      '    - Fn${Env}:',
      '        Type: AWS::Lambda::Function',
      '        Properties:',
      '          Environment:',
      '            Variables:',
      '              LOG_LEVEL: info',
      '              Fn::ForEach::Vars:',
      '                - Name',
      '                - [DB, LOG]',
      '                - ${Name}_${Env}: x',
      '              Fn::ForEach::Again:',
      '                - Other',
      '                - [LOG_LEVEL]',
      '                - ${Other}: debug',
      '',
    ].join('\n');
    const { resources, problems } = problemsOf('t.yaml', text);
    expect(resources[0]?.body.Properties).toEqual({ Environment: { Variables: { LOG_LEVEL: 'info', DB_Dev: 'x', LOG_Dev: 'x' } } });
    expect(problems).toEqual([
      'Resources.Fn::ForEach::Fns.2.Fn${Env}.Properties.Environment.Variables.Fn::ForEach::Again.2.${Other}: Fn::ForEach::Again generates the key LOG_LEVEL, which the map already has: the one already there is checked',
    ]);
    // Three nested loops of 400 items inside one value: 64 million keys, refused once the template's budget is spent.
    const items = JSON.stringify(Array.from({ length: 400 }, (_, index) => `i${index}`));
    const nested = `{"Fn::ForEach::A": ["A", ${items}, {"\${A}": {"Fn::ForEach::B": ["B", ${items}, {"\${B}": {"Fn::ForEach::C": ["C", ${items}, {"\${C}": "v"}]}}]}}]}`;
    const hostile = `{"Transform": "AWS::LanguageExtensions", "Resources": {"R": {"Type": "AWS::Test::Thing", "Properties": {"Map": ${nested}}}}}`;
    const started = Date.now();
    const result = problemsOf('t.json', hostile);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.problems.some((problem) => problem.includes('it would generate more than 2000 properties'))).toBe(true);
    // A refused loop does not stop the next resource's small one (second review).
    const long = JSON.stringify(Array.from({ length: 2001 }, (_, index) => `k${index}`));
    const twoLoops = `{"Transform": "AWS::LanguageExtensions", "Resources": {"Big": {"Type": "AWS::Test::Thing", "Properties": {"Map": {"Fn::ForEach::Big": ["K", ${long}, {"\${K}": "v"}]}}}, "Small": {"Type": "AWS::Test::Thing", "Properties": {"Map": {"Fn::ForEach::Small": ["K", ["only"], {"\${K}": "v"}]}}}}}`;
    const both = problemsOf('t.json', twoLoops);
    expect(both.resources.find((resource) => resource.name === 'Small')?.body.Properties).toEqual({ Map: { only: 'v' } });
    expect(both.problems).toHaveLength(1);
  });

  it('keeps one resource of a logical ID a loop generates twice, or that the template already has, and says so', () => {
    const text = [
      `${HEADER}Transform: AWS::LanguageExtensions`,
      'Resources:',
      '  Same:',
      '    Type: AWS::SNS::Topic',
      '  Fn::ForEach::Dup:',
      '    - Name',
      '    - [a, b]',
      '    - Same: {Type: AWS::SQS::Queue}',
      '',
    ].join('\n');
    const { resources, problems } = problemsOf('t.yaml', text);
    expect(resources.map((resource) => `${resource.name} ${resource.type}`)).toEqual(['Same AWS::SNS::Topic']);
    expect(problems).toEqual([
      'Resources.Fn::ForEach::Dup.2.Same: Fn::ForEach::Dup generates the logical ID Same, which the template or the loop itself already has: CloudFormation refuses the template',
      'Resources.Fn::ForEach::Dup.2.Same: Fn::ForEach::Dup generates the logical ID Same, which the template or the loop itself already has: CloudFormation refuses the template',
    ]);
  });

  it('expands loops of the Conditions section, and a Condition written as a Sub of the identifier is its name', () => {
    const text = [
      `${HEADER}Transform: AWS::LanguageExtensions`,
      'Parameters:',
      '  Envs: {Type: CommaDelimitedList, Default: "dev,prod"}',
      '  Enabled: {Type: String, Default: dev}',
      'Conditions:',
      '  Fn::ForEach::Conds:',
      '    - Env',
      '    - !Ref Envs',
      '    - Is${Env}: !Equals [!Ref Enabled, !Ref Env]',
      'Resources:',
      '  Fn::ForEach::Topics:',
      '    - Env',
      '    - !Ref Envs',
      '    - Topic${Env}:',
      '        Type: AWS::SNS::Topic',
      '        Condition: !Sub "Is${Env}"',
      '',
    ].join('\n');
    const { resources, problems } = problemsOf('t.yaml', text);
    expect(problems).toEqual([]);
    // Topicprod's condition is false only with the defaults: it is loaded and judged as deployable.
    expect(resources.map((resource) => [resource.name, resource.body.Condition])).toEqual([
      ['Topicdev', 'Isdev'],
      ['Topicprod', 'Isprod'],
    ]);
  });

  it('does not expand loops that would generate more resources than CloudFormation accepts: the limit stops every enclosing loop at once (one problem, nothing generated)', () => {
    const list = (n: number): string => `[${Array.from({ length: n }, (_, i) => `v${i}`).join(', ')}]`;
    const text = [
      `${HEADER}Transform: AWS::LanguageExtensions`,
      'Resources:',
      '  Fn::ForEach::A:',
      `    - Ia`,
      `    - ${list(30)}`,
      '    - Fn::ForEach::B:',
      '        - Ib',
      `        - ${list(30)}`,
      '        - Fn::ForEach::C:',
      '            - Ic',
      `            - ${list(30)}`,
      '            - Fn::ForEach::D:',
      '                - Id',
      `                - ${list(30)}`,
      '                - T${Ia}${Ib}${Ic}${Id}: {Type: AWS::SNS::Topic}',
      '',
    ].join('\n');
    const { resources, problems } = problemsOf('t.yaml', text);
    expect(resources).toEqual([]);
    expect(problems).toEqual(['Resources.Fn::ForEach::A: Fn::ForEach::A: it would generate more than 2000 resources, more than CloudFormation accepts: not expanded; the resources it generates are not checked']);
  });

  it('says what is wrong with a one-element GetAtt list, a non-string Type and an included snippet (cfn-lint fixtures)', () => {
    const text = [
      `${HEADER}Resources:`,
      '  Q:',
      '    Type: AWS::SQS::Queue',
      '  Topic:',
      '    Type: AWS::SNS::Topic',
      '    Properties: {TopicName: !GetAtt [Q.QueueName]}',
      '  Odd:',
      '    Type: [a]',
      '  Fn::Transform:',
      '    Name: AWS::Include',
      '    Parameters: {Location: s3://bucket/snippet.yaml}',
      '',
    ].join('\n');
    const { problems } = problemsOf('t.yaml', text);
    expect(problems).toEqual([
      'Resources.Topic.Properties.TopicName.Fn::GetAtt: Fn::GetAtt takes [logical ID, attribute name] (or "LogicalId.Attribute")',
      'Resources.Odd: resource Odd has a Type that is not a string (a list): ignored',
      'Resources.Fn::Transform: an included snippet (Fn::Transform) is not expanded; the resources it adds are not checked',
    ]);
  });

  it('reports a malformed Fn::Select and an index past the end of a known list; a deploy-time list is not judged', () => {
    const text = [
      `${HEADER}Resources:`,
      '  T:',
      '    Type: AWS::SNS::Topic',
      '    Properties:',
      '      TopicName: !Select [a, [x, y]]',
      '      DisplayName: !Select [2, [x, y]]',
      '      KmsMasterKeyId: !Select [0, !GetAZs ""]',
      '',
    ].join('\n');
    expect(problemsOf('t.yaml', text).problems).toEqual([
      'Resources.T.Properties.TopicName.Fn::Select: Fn::Select takes [index, list]',
      'Resources.T.Properties.DisplayName.Fn::Select: Fn::Select index 2 is past the end of its 2-item list',
    ]);
  });

  it('loads and evaluates a template with 5,000 resources fast', () => {
    const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'Parameters:', '  Env: {Type: String, Default: prod}', 'Conditions:', '  IsProd: !Equals [!Ref Env, prod]', 'Resources:'];
    for (let i = 0; i < 5000; i++) {
      // A chain Group1 -> Group2 -> ... -> Group4999 -> Group0 (a ring would be a circular dependency).
      const next = i === 0 ? 'AWS::NoValue' : `Group${(i + 1) % 5000}`;
      lines.push(`  Group${i}:`, '    Type: AWS::EC2::SecurityGroup', '    Properties:', `      GroupDescription: !Sub '\${Env} group ${i}'`, `      VpcId: !If [IsProd, !Ref ${next}, !Ref AWS::NoValue]`);
    }
    const text = `${lines.join('\n')}\n`;
    loadFile({ path: 'warm-up.yaml', text: lines.slice(0, 200).join('\n') }, { explicit: true });
    const start = performance.now();
    const result = loadFile({ path: 'huge.yaml', text }, { explicit: true });
    const elapsed = performance.now() - start;
    expect(result.errors).toEqual([]);
    expect(result.resources).toHaveLength(5000);
    expect(result.resources[4999]?.body.Properties).toEqual({ GroupDescription: 'prod group 4999', VpcId: { Ref: 'Group0' } });
    const graph = new ResourceGraph(result.resources);
    const last = result.resources[4999] as Resource;
    expect(referencedResource(graph, last, getPath(last.body, ['Properties', 'VpcId']))?.name).toBe('Group0');
    // About 130-500 ms on this 2-core machine (YAML parsing two thirds of it); the bound leaves room for a
    // machine busy with other test files. The evaluation alone is held to a tight bound.
    expect(elapsed).toBeLessThan(3000);
    expect(evaluationTime(result.documents[0]?.data as JsonObject)).toBeLessThan(400);
  });
});
