import {
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
  type ParsedNode,
  type Tags,
} from 'yaml';
import type { JsonValue, NodePath, SourceMap, SourceRange } from '../model/types.js';
import { LineIndex } from './line-index.js';

/** Aliases beyond this count in one document are treated as a resource-exhaustion attack ("billion laughs"). */
export const MAX_ALIAS_COUNT = 1000;

export interface ParsedYamlDocument {
  index: number;
  data: JsonValue;
  sourceMap: SourceMap;
}

export interface YamlProblem {
  message: string;
  line?: number;
}

export interface YamlParseOptions {
  /** Kubernetes reads YAML 1.1 (`yes`, `on`, octal `0644`); GitHub Actions reads 1.2. */
  version?: '1.1' | '1.2';
  /** Extra tags, e.g. CloudFormation's `!Ref`. */
  customTags?: Tags;
}

const dropTimestamps = (tags: Tags): Tags =>
  // Kubernetes (sigs.k8s.io/yaml) keeps unquoted dates as strings; so do we.
  tags.filter((tag) => typeof tag !== 'object' || tag.tag !== 'tag:yaml.org,2002:timestamp');

/**
 * Parses a multi-document YAML stream into plain values with lazy source maps.
 * Documents with syntax errors are reported and left out; the others are kept.
 */
export function parseYamlStream(
  text: string,
  options: YamlParseOptions = {},
): { documents: ParsedYamlDocument[]; problems: YamlProblem[] } {
  const lineCounter = new LineCounter();
  const version = options.version ?? '1.1';
  const extra = options.customTags ?? [];
  const parsed = parseAllDocuments(text, {
    version,
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    customTags: (tags: Tags) => [...(version === '1.1' ? dropTimestamps(tags) : tags), ...extra],
  });
  const docs = Array.isArray(parsed) ? parsed : [];
  const problems: YamlProblem[] = [];
  const documents: ParsedYamlDocument[] = [];
  let lines: LineIndex | undefined;
  const lineIndex = (): LineIndex => (lines ??= new LineIndex(text));

  docs.forEach((doc, index) => {
    const firstError = doc.errors[0];
    if (firstError) {
      const line = firstError.linePos?.[0]?.line ?? lineIndex().position(firstError.pos[0]).line;
      problems.push({ message: `YAML syntax error: ${firstLine(firstError.message)}`, line });
      return;
    }
    if (doc.contents === null) return; // empty document (`---` with nothing after it, comments only)
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const line = lineIndex().position(doc.contents.range[0]).line;
      problems.push({ message: describeToJsError(error), line });
      return;
    }
    documents.push({ index, data: normalize(data), sourceMap: new YamlSourceMap(doc, text, lineIndex) });
  });
  return { documents, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function describeToJsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/alias/i.test(message)) return `YAML alias expansion refused (more than ${MAX_ALIAS_COUNT} aliases): ${message}`;
  return `YAML could not be read: ${message}`;
}

/**
 * Converts YAML-only values (Maps, Sets, binary) into JSON values in place, as Kubernetes' YAML-to-JSON step
 * does. `toJS` output is ours alone, so mutating it is safe. A self-referencing alias becomes null.
 */
function normalize(value: unknown, ancestors: Set<object> = new Set()): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'object') return String(value);
  if (ancestors.has(value)) return null;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  ancestors.add(value);
  let result: JsonValue;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normalize(value[i], ancestors);
    result = value as JsonValue[];
  } else if (value instanceof Map || value instanceof Set) {
    const entries = value instanceof Map ? [...value] : [...value].map((item) => [item, null] as const);
    const out: Record<string, JsonValue> = {};
    for (const [key, entry] of entries) out[String(key)] = normalize(entry, ancestors);
    result = out;
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = normalize(record[key], ancestors);
    result = record as JsonValue;
  }
  ancestors.delete(value);
  return result;
}

type AnyNode = YamlNode | ParsedNode;

class YamlSourceMap implements SourceMap {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
    private readonly lines: () => LineIndex,
  ) {}

  locate(path: NodePath): SourceRange {
    const { node, pairKey } = this.walk(path);
    const start = pairKey?.range?.[0] ?? node?.range?.[0] ?? 0;
    const end = node?.range?.[1] ?? pairKey?.range?.[1] ?? start;
    return this.trimmed(start, end);
  }

  locateValue(path: NodePath): SourceRange | undefined {
    const { node, exact } = this.walk(path);
    if (!exact || !node?.range) return undefined;
    return this.trimmed(node.range[0], node.range[1]);
  }

  /** Ends a range before trailing line breaks so a block scalar ends on its last content line. */
  private trimmed(start: number, end: number): SourceRange {
    let trimmedEnd = end;
    while (trimmedEnd > start && /[\r\n]/.test(this.text.charAt(trimmedEnd - 1))) trimmedEnd--;
    return this.lines().range(start, trimmedEnd);
  }

  private walk(path: NodePath): { node: AnyNode | undefined; pairKey: AnyNode | undefined; exact: boolean } {
    let node: AnyNode | undefined = (this.doc.contents ?? undefined) as AnyNode | undefined;
    let pairKey: AnyNode | undefined;
    for (const segment of path) {
      let current: unknown = node;
      while (isAlias(current)) current = current.resolve(this.doc);
      let next: AnyNode | undefined;
      let nextKey: AnyNode | undefined;
      if (isMap(current)) {
        for (const item of current.items) {
          if (!isPair(item)) continue;
          const key = item.key;
          const keyValue = isScalar(key) ? key.value : key;
          if (String(keyValue) === String(segment)) {
            next = (item.value ?? undefined) as AnyNode | undefined;
            nextKey = (key ?? undefined) as AnyNode | undefined;
            // `key:` with no value: point at the key.
            if (!next) next = nextKey;
            break;
          }
        }
      } else if (isSeq(current) && typeof segment === 'number') {
        next = (current.items[segment] ?? undefined) as AnyNode | undefined;
        nextKey = undefined;
      }
      if (!next) return { node, pairKey, exact: false };
      node = next;
      pairKey = nextKey;
    }
    return { node, pairKey, exact: true };
  }
}
