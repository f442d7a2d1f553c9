import { YAMLSeq, isSeq, type Tags } from 'yaml';

/**
 * CloudFormation's short-form intrinsic functions as YAML tags. Each resolves to the long JSON form
 * (`!Ref X` -> `{ "Ref": "X" }`, `!GetAtt A.B` -> `{ "Fn::GetAtt": ["A", "B"] }`), so rules see one shape for
 * YAML and JSON templates. The AST node keeps its tag, so the source map can walk through the function key.
 */
export const CFN_FUNCTION_BY_TAG: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!If': 'Fn::If',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!ImportValue': 'Fn::ImportValue',
  '!FindInMap': 'Fn::FindInMap',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!Split': 'Fn::Split',
  '!GetAZs': 'Fn::GetAZs',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
  '!ForEach': 'Fn::ForEach',
};

function scalarValue(fn: string, value: string): unknown {
  if (fn === 'Fn::GetAtt') {
    const dot = value.indexOf('.');
    return { [fn]: dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  if (fn === 'Fn::GetAZs' && value === '') return { [fn]: '' };
  return { [fn]: value };
}

type Convertible = { toJSON: (...args: never[]) => unknown };

/** Wraps the collection's plain value in the function key when it is converted to JS. */
function wrapCollection<T extends Convertible>(node: T, fn: string): T {
  const target = node as unknown as { toJSON: (...args: unknown[]) => unknown };
  const plain = target.toJSON.bind(node);
  target.toJSON = (...args: unknown[]) => ({ [fn]: plain(...args) });
  return node;
}

export const CFN_TAGS: Tags = Object.entries(CFN_FUNCTION_BY_TAG).flatMap(([tag, fn]) => [
  { tag, resolve: (value: string) => scalarValue(fn, value) },
  { tag, collection: 'seq' as const, resolve: (seq: unknown) => (isSeq(seq) ? wrapCollection(seq, fn) : new YAMLSeq()) },
  { tag, collection: 'map' as const, resolve: (map: Convertible) => wrapCollection(map, fn) },
]);
