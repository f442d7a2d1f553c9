/**
 * The fast YAML path: js-yaml with a schema that reads scalars exactly as the `yaml`-library path in yaml.ts
 * does (YAML 1.1 as go-yaml v2, i.e. Kubernetes, reads it), used only on streams that yaml-scan.ts found safe.
 * js-yaml builds plain objects directly, with no document tree: about ten times faster than the `yaml`
 * library's parseAllDocuments + toJS on Kubernetes manifests, and nothing but the data stays in memory. Source
 * locations come from yaml-text-map.ts, which reads the text again only when a finding needs a line.
 *
 * js-yaml 4, not 5: on Node 20 js-yaml 5.x (5.0 to 5.5) parses this project's Kubernetes benchmark corpus
 * three to four times slower than 4.3 (about 5-7 MB/s against 18-25 MB/s), which would forfeit the point.
 */
import { FAILSAFE_SCHEMA, Type, loadAll, type LoadOptions, type Schema } from 'js-yaml';
import type { ScalarTag } from 'yaml';
import type { JsonValue } from '../model/types.js';
import { CFN_FUNCTION_BY_TAG, CFN_TAGS } from './cloudformation-tags.js';
import type { LineIndex } from './line-index.js';
import { scanYamlStream, type DocumentSlice } from './yaml-scan.js';
import { TextSourceMap, type FallbackSourceMap, type TextMapContext } from './yaml-text-map.js';

/** The parts of yaml.ts the fast path shares, passed in to keep the modules acyclic. */
export interface FastPathContext {
  goYamlInt: (raw: string) => number | undefined;
  goYamlFloat: (raw: string) => number | undefined;
  /** Deepest nesting the `yaml` path accepts; js-yaml refuses deeper (and the file goes to the `yaml` path). */
  maxDepth: number;
}

/** What locating paths in the text needs, beyond FastPathContext. */
export interface FastMapContext {
  lineIndex: () => LineIndex;
  /** Parses `text.slice(start, end)` alone with the `yaml` library, for locations the text walker is unsure of. */
  fallbackSourceMap: (start: number, end: number) => FallbackSourceMap | undefined;
}

export interface FastDocument {
  index: number;
  data: JsonValue;
  sourceMap: TextSourceMap;
}

/**
 * The documents' values and where each lies in the text: plain data, so a worker thread can read a stream
 * and post the result (fastDocuments then adds source maps where the text is).
 */
export type FastRead = { ok: true; values: JsonValue[]; slices: DocumentSlice[]; underIndentedLines?: number[] } | { ok: false; reason: string };

/** The YAML 1.1 null forms the `yaml` library knows (its `nullTag`): `~`, `null`, `Null`, `NULL` and empty. */
const NULL_FORMS = /^(?:~|[Nn]ull|NULL)?$/;
/** The YAML 1.1 booleans of the `yaml` library's 1.1 schema. */
const TRUE_FORMS = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE_FORMS = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
/** The `yaml` library's 1.1 `.inf` / `.nan` forms; their values become strings in normalize() (yaml.ts). */
const INF_NAN_FORMS = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/** Short decimal integers without a leading zero: read directly, no BigInt needed (the common case). */
const SIMPLE_INT = /^-?[1-9][0-9]{0,14}$/;

function isNumberStart(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 45 || code === 43 || code === 46; // 0-9 - + .
}

/**
 * The implicit scalar types, in the `yaml` path's resolution order: null, booleans, Go integers, Go floats,
 * `.inf`/`.nan`. js-yaml tries them on plain scalars only, as the `yaml` library does; each first looks at
 * the first character, since most plain scalars (names, images) are none of these.
 */
function implicitTypes(context: FastPathContext): Type[] {
  const { goYamlInt, goYamlFloat } = context;
  const nullType = new Type('tag:yaml.org,2002:null', {
    kind: 'scalar',
    resolve: (data: string) => {
      if (data.length > 4) return false;
      return NULL_FORMS.test(data);
    },
    construct: () => null,
  });
  const boolType = new Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: (data: string) => data.length <= 5 && (TRUE_FORMS.test(data) || FALSE_FORMS.test(data)),
    construct: (data: string) => TRUE_FORMS.test(data),
  });
  const intType = new Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (data: string) => isNumberStart(data.charCodeAt(0)) && (SIMPLE_INT.test(data) || goYamlInt(data) !== undefined),
    construct: (data: string) => (SIMPLE_INT.test(data) ? Number(data) : (goYamlInt(data) ?? data)),
  });
  const floatType = new Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (data: string) => isNumberStart(data.charCodeAt(0)) && (goYamlFloat(data) !== undefined || INF_NAN_FORMS.test(data)),
    // Non-finite numbers become the strings the `yaml` path's normalize() gives them.
    construct: (data: string) => goYamlFloat(data) ?? infOrNaN(data),
  });
  return [nullType, boolType, intType, floatType];
}

function infOrNaN(raw: string): string {
  if (raw.slice(-3).toLowerCase() === 'nan') return 'NaN';
  return raw.startsWith('-') ? '-Infinity' : 'Infinity';
}

/**
 * CloudFormation short-form tags as js-yaml types, producing the long JSON form the `yaml` path's CFN_TAGS
 * produce. The scalar form reuses that tag's own resolver, so `!GetAtt A.B` splits identically.
 */
function cloudformationTypes(): Type[] {
  const types: Type[] = [];
  for (const [tag, fn] of Object.entries(CFN_FUNCTION_BY_TAG)) {
    const scalarTag = CFN_TAGS.find((entry): entry is ScalarTag => typeof entry === 'object' && entry.tag === tag && !('collection' in entry && entry.collection));
    const resolveScalar = (value: string): unknown => scalarTag?.resolve(value, () => undefined, {}) ?? { [fn]: value };
    // An empty node (`!GetAZs` alone) is an empty scalar on the `yaml` path, whatever kind js-yaml looks up.
    types.push(
      new Type(tag, { kind: 'scalar', construct: (data: string | null) => resolveScalar(data ?? '') }),
      new Type(tag, { kind: 'sequence', construct: (data: unknown[] | null) => (data === null ? resolveScalar('') : { [fn]: data }) }),
      new Type(tag, { kind: 'mapping', construct: (data: Record<string, unknown> | null) => (data === null ? resolveScalar('') : { [fn]: data }) }),
    );
  }
  return types;
}

const schemas = new Map<string, Schema>();

function schemaFor(context: FastPathContext, cloudformation: boolean): Schema {
  const key = cloudformation ? 'cfn' : 'k8s';
  let schema = schemas.get(key);
  if (!schema) {
    schema = FAILSAFE_SCHEMA.extend({ implicit: implicitTypes(context), explicit: cloudformation ? cloudformationTypes() : [] });
    schemas.set(key, schema);
  }
  return schema;
}

const CFN_TAG_NAMES: ReadonlySet<string> = new Set(Object.keys(CFN_FUNCTION_BY_TAG));
const NO_TAGS: ReadonlySet<string> = new Set();

/**
 * Reads `text` with js-yaml when that is safe, or says why not (the caller then uses the `yaml` path for the
 * whole file, which reports per-document errors and keeps the good documents). Never throws.
 */
export function readYamlFast(text: string, options: { cloudformation: boolean; underIndentedQuotes?: boolean }, context: FastPathContext): FastRead {
  const scan = scanYamlStream(text, { allowedTags: options.cloudformation ? CFN_TAG_NAMES : NO_TAGS, underIndentedQuotes: options.underIndentedQuotes === true });
  if (scan.unsafe !== undefined) return { ok: false, reason: scan.unsafe };
  // Comments alone: js-yaml reports one empty document, the `yaml` library none.
  if (scan.documents.length === 0) return { ok: true, values: [], slices: [] };
  let values: unknown[];
  try {
    const loadOptions: LoadOptions & { maxDepth: number } = {
      schema: schemaFor(context, options.cloudformation),
      maxDepth: context.maxDepth,
    };
    values = loadAll(text, undefined, loadOptions);
  } catch (error) {
    return { ok: false, reason: `js-yaml: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}` };
  }
  if (values.length !== scan.documents.length) {
    return { ok: false, reason: `document count: js-yaml ${values.length}, split ${scan.documents.length}` };
  }
  // js-yaml with this schema builds only JSON values (no Date, Map, binary: tags other than CloudFormation's are refused).
  const read: FastRead = { ok: true, values: values.map((value) => (value ?? null) as JsonValue), slices: scan.documents };
  if (scan.underIndentedLines.length > 0) read.underIndentedLines = scan.underIndentedLines;
  return read;
}

/** The documents of a successful readYamlFast, with source maps that read `text` again when asked. */
export function fastDocuments(
  text: string,
  read: { values: readonly JsonValue[]; slices: readonly DocumentSlice[]; underIndentedLines?: readonly number[] },
  context: FastPathContext & FastMapContext,
): FastDocument[] {
  const mapContext: TextMapContext = { text, lineIndex: context.lineIndex, fallbackSourceMap: context.fallbackSourceMap, keyText: resolveKeyText(context) };
  if (read.underIndentedLines) mapContext.underIndentedLines = new Set(read.underIndentedLines);
  return read.values.map((data, index): FastDocument => {
    const slice = read.slices[index] ?? { start: 0, end: text.length };
    return { index, data, sourceMap: new TextSourceMap(mapContext, slice.start, slice.end) };
  });
}

/** The string a plain mapping key becomes (`yes` -> "true", `0644` -> "420"), as both paths stringify keys. */
function resolveKeyText(context: FastPathContext): (plain: string) => string {
  return (plain) => {
    if (plain.length <= 4 && NULL_FORMS.test(plain)) return '';
    if (plain.length <= 5) {
      if (TRUE_FORMS.test(plain)) return 'true';
      if (FALSE_FORMS.test(plain)) return 'false';
    }
    if (!isNumberStart(plain.charCodeAt(0))) return plain;
    const int = context.goYamlInt(plain);
    if (int !== undefined) return String(int);
    const float = context.goYamlFloat(plain);
    if (float !== undefined) return String(float);
    if (INF_NAN_FORMS.test(plain)) return infOrNaN(plain);
    return plain;
  };
}
