/**
 * Circular dependencies between the resources of a CloudFormation template (CloudFormation: "Circular dependency
 * between resources"): one error per cycle at the first resource of the cycle, naming its members; the resources
 * are still loaded (rules run on them).
 */
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/loaders/index.js';
import fc from 'fast-check';
import { findCycles } from '../../src/loaders/cycles.js';

const HEADER = "AWSTemplateFormatVersion: '2010-09-09'\n";

function errorsOf(text: string, filename = 'template.yaml'): string[] {
  const result = loadFile({ path: filename, text }, { explicit: true });
  return result.errors.map((error) => `${error.line ?? '-'} ${error.message}`);
}

function resourcesOf(text: string, filename = 'template.yaml'): string[] {
  return loadFile({ path: filename, text }, { explicit: true }).resources.map((resource) => resource.name);
}

describe('CloudFormation resource cycles', () => {
  it('DependsOn and Ref both ways (the audit repro): one error at the first resource, members named, both loaded', () => {
    const text =
      HEADER +
      [
        'Resources:',
        '  Thing:',
        '    Type: AWS::Made::Up',
        '    DependsOn: Loop',
        '    Properties:',
        '      Peer: !Ref Loop',
        '  Loop:',
        '    Type: AWS::EC2::SecurityGroup',
        '    DependsOn: Thing',
        '    Properties:',
        '      GroupDescription: !Ref Thing',
        '',
      ].join('\n');
    expect(errorsOf(text)).toEqual([
      '3 circular dependency between resources Thing and Loop (Thing -> Loop -> Thing): CloudFormation rejects this template; the references along the cycle stay unknown',
    ]);
    expect(resourcesOf(text)).toEqual(['Thing', 'Loop']);
  });

  it('through Fn::GetAtt (both forms) and Fn::Sub variables, in JSON: a three-resource cycle in order', () => {
    const text = JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Resources: {
          Free: { Type: 'AWS::SNS::Topic' },
          A: { Type: 'AWS::Test::A', Properties: { Next: { 'Fn::GetAtt': ['B', 'Arn'] }, Other: { Ref: 'Free' } } },
          B: { Type: 'AWS::Test::B', Properties: { Next: { 'Fn::Sub': 'arn:${AWS::Partition}:x:${C.Name}' } } },
          C: { Type: 'AWS::Test::C', Properties: { Next: { 'Fn::GetAtt': 'A.Arn' } } },
        },
      },
      null,
      2,
    );
    const line = text.split('\n').findIndex((entry) => entry.includes('"A": {')) + 1;
    expect(errorsOf(text, 'template.json')).toEqual([
      `${line} circular dependency between 3 resources (A -> B -> C -> A): CloudFormation rejects this template; the references along the cycle stay unknown`,
    ]);
  });

  it('a resource that refers to itself', () => {
    const text = HEADER + 'Resources:\n  Group:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: !Sub "${Group.GroupId}"\n';
    expect(errorsOf(text)).toEqual(['3 resource Group depends on itself: CloudFormation rejects this template; the references along the cycle stay unknown']);
  });

  it('two separate cycles: one error each, in template order', () => {
    const text =
      HEADER +
      [
        'Resources:',
        '  A: {Type: AWS::Test::T, DependsOn: [B]}',
        '  B: {Type: AWS::Test::T, DependsOn: A}',
        '  C: {Type: AWS::Test::T, Properties: {X: !Ref D}}',
        '  D: {Type: AWS::Test::T, Properties: {X: !GetAtt C.Arn}}',
        '',
      ].join('\n');
    expect(errorsOf(text).map((error) => error.split(':')[0])).toEqual(['3 circular dependency between resources A and B (A -> B -> A)', '5 circular dependency between resources C and D (C -> D -> C)']);
  });

  it('a cycle through CDK CfnJson values is still found', () => {
    const text =
      HEADER +
      [
        'Resources:',
        "  A: {Type: Custom::AWSCDKCfnJson, Properties: {Value: !Join ['', ['{\"k\":\"', !GetAtt B.Value, '\"}']]}}",
        "  B: {Type: Custom::AWSCDKCfnJson, Properties: {Value: !Join ['', ['{\"k\":\"', !GetAtt A.Value, '\"}']]}}",
        '',
      ].join('\n');
    expect(errorsOf(text).map((error) => error.split(':')[0])).toEqual(['3 circular dependency between resources A and B (A -> B -> A)']);
  });

  it('no cycle: a chain, references to parameters and pseudo parameters, a Sub variable map and an escaped ${!X}', () => {
    const text =
      HEADER +
      [
        'Parameters:',
        '  Env: {Type: String}',
        'Resources:',
        '  A: {Type: AWS::Test::T, Properties: {X: !Ref B, Y: !Ref Env, Z: !Ref "AWS::Region"}}',
        '  B: {Type: AWS::Test::T, Properties: {X: !GetAtt C.Arn, Y: !Sub ["${A}-x", {A: !Ref Env}], Z: !Sub "${!A}"}}',
        '  C: {Type: AWS::Test::T}',
        '',
      ].join('\n');
    expect(errorsOf(text)).toEqual([]);
  });

  it('a cycle only through an Fn::If whose condition is unknown is not certain: no error', () => {
    const text =
      HEADER +
      [
        'Parameters:',
        '  Mode: {Type: String}',
        'Conditions:',
        '  Linked: !Equals [!Ref Mode, linked]',
        'Resources:',
        '  A: {Type: AWS::Test::T, Properties: {X: !If [Linked, !Ref B, !Ref "AWS::NoValue"]}}',
        '  B: {Type: AWS::Test::T, Properties: {X: !Ref A}}',
        '',
      ].join('\n');
    expect(errorsOf(text)).toEqual([]);
  });

  it('an Fn::If over a static condition is decided first: the branch kept makes the cycle', () => {
    const text =
      HEADER +
      [
        'Conditions:',
        "  Always: !Equals [a, a]",
        'Resources:',
        '  A: {Type: AWS::Test::T, Properties: {X: !If [Always, !Ref B, none]}}',
        '  B: {Type: AWS::Test::T, Properties: {X: !Ref A}}',
        '',
      ].join('\n');
    expect(errorsOf(text)).toHaveLength(1);
    expect(errorsOf(text)[0]).toMatch(/^5 circular dependency between resources A and B/);
  });

  it('a resource never created (its Condition false whatever the parameters) breaks no cycle of its own', () => {
    const text =
      HEADER +
      [
        'Conditions:',
        '  Never: !Equals [a, b]',
        'Resources:',
        '  A: {Type: AWS::Test::T, Properties: {X: !Ref B}}',
        '  B: {Type: AWS::Test::T, Condition: Never, Properties: {X: !Ref A}}',
        '',
      ].join('\n');
    expect(errorsOf(text)).toEqual([]);
  });

  it('SAM resources (rewritten by the transform) and templates transformed by a macro: no error', () => {
    const sam = [
      "Transform: AWS::Serverless-2016-10-31",
      'Resources:',
      '  Api:',
      '    Type: AWS::Serverless::Api',
      '    Properties: {DefinitionBody: {uri: !Sub "${Fn.Arn}"}}',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties: {Events: {Get: {Type: Api, Properties: {RestApiId: !Ref Api}}}}',
      '',
    ].join('\n');
    expect(errorsOf(sam)).toEqual([]);
    const macro = HEADER + 'Transform: MyMacro\nResources:\n  A: {Type: AWS::Test::T, DependsOn: B}\n  B: {Type: AWS::Test::T, DependsOn: A}\n';
    expect(errorsOf(macro)).toEqual([]);
  });

  it('Fn::Sub: a variable named like an Object.prototype member is a resource reference unless the variable map defines it', () => {
    const template = (variables: Record<string, unknown>) =>
      JSON.stringify({
        Resources: {
          toString: { Type: 'AWS::Test::T', DependsOn: 'Other' },
          Other: { Type: 'AWS::Test::T', Properties: { Name: { 'Fn::Sub': ['${toString}', variables] } } },
        },
      });
    expect(errorsOf(template({}), 'sub.json')).toEqual([
      '1 circular dependency between resources toString and Other (toString -> Other -> toString): CloudFormation rejects this template; the references along the cycle stay unknown',
    ]);
    expect(errorsOf(template({ toString: 'x' }), 'sub.json')).toEqual([]);
  });

  it('a ring of 5,000 resources: one error, the middle of the cycle shortened', () => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) resources[`R${i}`] = { Type: 'AWS::Test::T', Properties: { Next: { Ref: `R${(i + 1) % 5000}` } } };
    const errors = errorsOf(JSON.stringify({ Resources: resources }, null, 1), 'ring.json');
    expect(errors).toEqual([
      '3 circular dependency between 5000 resources (R0 -> R1 -> R2 -> R3 -> R4 -> R5 -> R6 -> ... (4992 more) -> R4999 -> R0): CloudFormation rejects this template; the references along the cycle stay unknown',
    ]);
  });
});

describe('findCycles', () => {
  const graph = (edges: Record<string, string[]>) => (node: string) => edges[node] ?? [];
  it('finds the shortest cycle through the first node of each component, ignoring edges to unknown nodes', () => {
    const edges = { a: ['b', 'x'], b: ['c', 'a'], c: ['a'], d: ['d'], e: ['f'], f: [] };
    expect(findCycles(['a', 'b', 'c', 'd', 'e', 'f'], graph(edges))).toEqual([
      ['a', 'b', 'a'],
      ['d', 'd'],
    ]);
  });
  it('a self-reference inside a larger loop: the loop is named', () => {
    expect(findCycles(['a', 'b'], graph({ a: ['a', 'b'], b: ['a'] }))).toEqual([['a', 'b', 'a']]);
  });
  it('no cycle in a DAG', () => {
    expect(findCycles(['a', 'b', 'c'], graph({ a: ['b', 'c'], b: ['c'] }))).toEqual([]);
  });
  it('a ring of 10,000 nodes: one cycle through all of them, no stack overflow', () => {
    const nodes = Array.from({ length: 10_000 }, (_, at) => at);
    const cycles = findCycles(nodes, (node) => [(node + 1) % nodes.length]);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toEqual([...nodes, 0]);
  });
  it('random graphs: each cycle is a real closed walk, and there is one exactly when some node reaches itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain((size) => fc.tuple(fc.constant(size), fc.array(fc.array(fc.integer({ min: 0, max: size + 2 }), { maxLength: 3 }), { minLength: size, maxLength: size }))), ([size, lists]) => {
        const nodes = Array.from({ length: size }, (_, at) => at);
        const edges = (node: number): number[] => lists[node] ?? [];
        const cycles = findCycles(nodes, edges);
        for (const cycle of cycles) {
          expect(cycle[0]).toBe(cycle[cycle.length - 1]);
          for (let at = 0; at + 1 < cycle.length; at++) expect(edges(cycle[at] as number)).toContain(cycle[at + 1]);
        }
        const reachesItself = (start: number): boolean => {
          const seen = new Set<number>();
          const queue = edges(start).filter((next) => next < size);
          while (queue.length > 0) {
            const node = queue.pop() as number;
            if (node === start) return true;
            if (seen.has(node)) continue;
            seen.add(node);
            queue.push(...edges(node).filter((next) => next < size));
          }
          return false;
        };
        expect(cycles.length > 0).toBe(nodes.some(reachesItself));
      }),
    );
  });
});
