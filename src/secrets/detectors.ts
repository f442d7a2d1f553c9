/**
 * Secret detectors shared by the rules that look for literal secrets in configuration (RUN-4, IAM-3, NET-6).
 *
 * Two kinds of evidence:
 * - value detectors (`detectSecrets`): the text itself has the shape of a credential (an AWS access key id,
 *   a PEM private key block, a GitHub token, a URL with a password, ...), whatever it is called;
 * - the name detector (`secretNameMatch`): a variable or key is named like a secret (`DB_PASSWORD`,
 *   `apiKey`, `client-secret`), so any literal value it holds is a secret, unless the value is clearly not one
 *   (`literalExemption`: empty, unresolved template, boolean, file path, URL without credentials, reference to
 *   an external secret store, ...).
 *
 * Placeholders (`changeme`, `xxx`, `<password>`) are NOT exempt: a secret-named variable with a literal value
 * means the secret is designed to be written into the manifest. Either the placeholder is deployed as-is (a
 * well-known credential) or the pipeline substitutes the real value into the same field, where it ends up in
 * the pod spec / ConfigMap (readable with `get`, stored unencrypted in etcd, copied into
 * `last-applied-configuration`). The fix is the same in both cases: reference a Secret. `isPlaceholder` only
 * lets messages say so.
 *
 * Nothing here ever returns or embeds the inspected value: matches carry a detector id, a fixed label and,
 * for assignments inside a text, the (length-capped) key name.
 */

import type { JsonObject } from '../model/types.js';
import { isUnresolved } from '../util/template.js';
import { linesOf } from '../util/text.js';
import { compileAllowEntry } from './allow-list.js';

export type DetectorId =
  | 'private-key'
  | 'aws-access-key-id'
  | 'aws-secret-access-key'
  | 'jwt'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'stripe-key'
  | 'google-api-key'
  | 'openai-key'
  | 'anthropic-key'
  | 'sendgrid-key'
  | 'npm-token'
  | 'pypi-token'
  | 'vault-token'
  | 'dockerhub-token'
  | 'digitalocean-token'
  | 'shopify-token'
  | 'huggingface-token'
  | 'url-credentials'
  | 'authorization-credentials'
  | 'connection-string'
  | 'secret-assignment'
  | 'high-entropy';

export interface SecretMatch {
  detector: DetectorId;
  /** Fixed, human-readable description of what matched (never the value). */
  label: string;
  /** For `secret-assignment`: the secret-looking key the literal is assigned to (capped to 64 characters). */
  name?: string;
  /** Where in the text the first match starts (UTF-16 index; 0 for `high-entropy`, the whole value). */
  offset: number;
}

export interface DetectOptions {
  /**
   * Also look for `key = value` / `key: value` / `"key": "value"` / `<key>value</key>` assignments to
   * secret-looking keys inside the text (configuration files in ConfigMaps, JVM options in env values).
   */
  assignments?: boolean;
  /** Also report the whole value when it is a single high-entropy token (see `isHighEntropyToken`). */
  entropy?: boolean;
}

interface PatternDetector {
  id: DetectorId;
  label: string;
  pattern: RegExp;
  /** Text every match contains: when none is in the value, the pattern is not run (most values hold none). */
  hints?: readonly string[];
  /** Extra check on the match; false drops it. */
  accept?: (match: RegExpExecArray) => boolean;
}

/** Example credentials published in vendor documentation (AWS uses an `EXAMPLE` suffix). */
function notDocumentationExample(match: RegExpExecArray): boolean {
  return !/EXAMPLE/i.test(match[0]);
}

function notFilledWithPlaceholders(match: RegExpExecArray): boolean {
  return !/X{8,}|x{8,}|0{8,}|\*{4,}/.test(match[0]);
}

/** Prefixed token formats: specific enough to report wherever they appear. Order = report order. */
const PATTERN_DETECTORS: readonly PatternDetector[] = [
  {
    id: 'aws-access-key-id',
    hints: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    label: 'AWS access key ID',
    // Access key ids are 20 characters of base32: AKIA (long-term), ASIA (temporary), ABIA / ACCA (others).
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    accept: notDocumentationExample,
  },
  {
    id: 'aws-secret-access-key',
    label: 'AWS secret access key',
    // 40 base64 characters assigned to something called a secret (access) key.
    pattern:
      /(?:aws_?)?secret_?(?:access_?)?key["']?\s*(?:=|:|=>)\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    accept: (match) => notDocumentationExample(match) && /[A-Z]/.test(match[1] ?? '') && /[a-z0-9]/.test(match[1] ?? ''),
  },
  {
    id: 'github-token',
    hints: ['gh', 'github_pat_'],
    label: 'GitHub token',
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{80,})(?![A-Za-z0-9_])/g,
    accept: notFilledWithPlaceholders,
  },
  {
    id: 'gitlab-token',
    hints: ['gl'],
    label: 'GitLab token',
    pattern: /(?<![A-Za-z0-9_-])gl(?:pat|dt|rt|ptt|cbt|oas)-[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g,
    accept: notFilledWithPlaceholders,
  },
  {
    id: 'slack-token',
    hints: ['xox'],
    label: 'Slack token',
    pattern: /(?<![A-Za-z0-9])xox[abposr]-(?:\d{6,}-){1,3}[A-Za-z0-9]{16,}/g,
    accept: notFilledWithPlaceholders,
  },
  {
    id: 'slack-webhook',
    hints: ['hooks.slack.com'],
    label: 'Slack incoming webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/+-]{20,}/g,
    accept: notFilledWithPlaceholders,
  },
  {
    id: 'stripe-key',
    hints: ['_live_', '_test_'],
    label: 'Stripe secret key',
    pattern: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}(?![A-Za-z0-9])/g,
    accept: notFilledWithPlaceholders,
  },
  {
    id: 'google-api-key',
    hints: ['AIza'],
    label: 'Google API key',
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    accept: notFilledWithPlaceholders,
  },
  {
    id: 'openai-key',
    hints: ['T3BlbkFJ'],
    label: 'OpenAI API key',
    pattern: /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}/g,
  },
  {
    id: 'anthropic-key',
    hints: ['sk-ant-'],
    label: 'Anthropic API key',
    pattern: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}/g,
  },
  {
    id: 'sendgrid-key',
    hints: ['SG.'],
    label: 'SendGrid API key',
    pattern: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
  },
  {
    id: 'npm-token',
    hints: ['npm_'],
    label: 'npm access token',
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g,
    accept: notFilledWithPlaceholders,
  },
  {
    id: 'pypi-token',
    hints: ['pypi-'],
    label: 'PyPI API token',
    pattern: /pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g,
  },
  {
    id: 'vault-token',
    hints: ['hvs.', 'hvb.', 'hvr.'],
    label: 'HashiCorp Vault token',
    pattern: /(?<![A-Za-z0-9_.-])hv[sbr]\.[A-Za-z0-9_-]{24,}(?![A-Za-z0-9_-])/g,
    accept: notFilledWithPlaceholders,
  },
  {
    id: 'dockerhub-token',
    hints: ['dckr_'],
    label: 'Docker Hub access token',
    pattern: /(?<![A-Za-z0-9_])dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,}/g,
    accept: notFilledWithPlaceholders,
  },
  {
    id: 'digitalocean-token',
    hints: ['_v1_'],
    label: 'DigitalOcean token',
    pattern: /(?<![A-Za-z0-9_])do[por]_v1_[a-f0-9]{64}(?![a-f0-9])/g,
  },
  {
    id: 'shopify-token',
    hints: ['shp'],
    label: 'Shopify access token',
    pattern: /(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![a-fA-F0-9])/g,
  },
  {
    id: 'huggingface-token',
    hints: ['hf_', 'api_org_'],
    label: 'Hugging Face access token',
    // User access tokens `hf_` and organization tokens `api_org_`, then 34 letters (gitleaks' rules).
    pattern: /(?<![A-Za-z0-9_])(?:hf|api_org)_[A-Za-z]{34}(?![A-Za-z0-9_])/g,
    accept: notFilledWithPlaceholders,
  },
];

export const DETECTOR_LABELS: Readonly<Record<DetectorId, string>> = {
  'private-key': 'PEM private key block',
  'aws-access-key-id': 'AWS access key ID',
  'aws-secret-access-key': 'AWS secret access key',
  jwt: 'signed JSON Web Token',
  'github-token': 'GitHub token',
  'gitlab-token': 'GitLab token',
  'slack-token': 'Slack token',
  'slack-webhook': 'Slack incoming webhook URL',
  'stripe-key': 'Stripe secret key',
  'google-api-key': 'Google API key',
  'openai-key': 'OpenAI API key',
  'anthropic-key': 'Anthropic API key',
  'sendgrid-key': 'SendGrid API key',
  'npm-token': 'npm access token',
  'pypi-token': 'PyPI API token',
  'vault-token': 'HashiCorp Vault token',
  'dockerhub-token': 'Docker Hub access token',
  'digitalocean-token': 'DigitalOcean token',
  'shopify-token': 'Shopify access token',
  'huggingface-token': 'Hugging Face access token',
  'url-credentials': 'URL with an embedded password',
  'authorization-credentials': 'HTTP Authorization credentials (a Bearer token or Basic user:password)',
  'connection-string': 'connection string with a password or account key',
  'secret-assignment': 'literal value assigned to a secret-looking key',
  'high-entropy': 'high-entropy token',
};

/** Every value detector on `text`, each detector at most once, in a fixed order. Never throws. */
/** Only the AWS access key ID detector: cheaper than detectSecrets when nothing else matters. */
export function containsAwsAccessKeyId(text: string): boolean {
  const detector = PATTERN_DETECTORS.find((candidate) => candidate.id === 'aws-access-key-id');
  return detector !== undefined && typeof text === 'string' && firstMatch(detector.pattern, text, detector.accept) !== -1;
}

export function detectSecrets(text: string, options: DetectOptions = {}): readonly SecretMatch[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  // The same values (ports, flags, URLs, shared config files) recur across the workloads of a scan.
  const cache = detectionCaches[(options.assignments ? 1 : 0) + (options.entropy ? 2 : 0)];
  const cached = cache?.get(text);
  if (cached) return cached;
  const found = detect(text, options);
  if (cache) {
    if (cache.size >= MAX_CACHED_DETECTIONS) cache.clear();
    cache.set(text, found);
  }
  return found;
}

const MAX_CACHED_DETECTIONS = 20_000;
/** One cache per combination of options (index: assignments + 2 * entropy). */
const detectionCaches = [0, 1, 2, 3].map(() => new Map<string, readonly SecretMatch[]>());

function detect(text: string, options: DetectOptions): readonly SecretMatch[] {
  const found: SecretMatch[] = [];
  /** Adds the detector's match at `offset` (-1: no match). */
  const add = (detector: DetectorId, offset: number, name?: string): void => {
    if (offset === -1 || found.some((match) => match.detector === detector)) return;
    const match: SecretMatch = { detector, label: DETECTOR_LABELS[detector], offset };
    if (name !== undefined) match.name = name;
    found.push(match);
  };
  try {
    add('private-key', findPrivateKey(text)?.offset ?? -1);
    for (const detector of PATTERN_DETECTORS) {
      if (detector.hints && !detector.hints.some((hint) => text.includes(hint))) continue;
      add(detector.id, firstMatch(detector.pattern, text, detector.accept));
    }
    add('jwt', jwtAt(text));
    add('url-credentials', urlCredentialsAt(text));
    add('authorization-credentials', authorizationCredentialsAt(text));
    add('connection-string', connectionStringSecretAt(text));
    if (options.assignments) {
      const assignment = secretAssignmentIn(text);
      if (assignment !== undefined) add('secret-assignment', assignment.offset, assignment.name);
    }
    if (options.entropy && found.length === 0 && isHighEntropyToken(text)) add('high-entropy', 0);
  } catch {
    // A detector bug must not break a scan; what was found so far stands.
  }
  return found;
}

/** Where the earliest of `matches` starts in the text they were found in (undefined for none). */
export function firstMatchOffset(matches: readonly SecretMatch[]): number | undefined {
  let first: number | undefined;
  for (const match of matches) if (first === undefined || match.offset < first) first = match.offset;
  return first;
}

/** For messages: `a GitHub token, a literal value assigned to "spring.datasource.password"` (never the value). */
export function describeSecretMatches(matches: readonly SecretMatch[]): string {
  return matches
    .map((match) =>
      match.detector === 'secret-assignment' && match.name !== undefined
        ? `a literal value assigned to "${match.name}"`
        : `${/^(AWS|OpenAI|Anthropic|npm)\b/.test(match.label) ? 'an' : 'a'} ${match.label}`,
    )
    .join(', ');
}

const globalVersions = new WeakMap<RegExp, RegExp>();

/** The index of the first match of `pattern` that `accept` takes, or -1. */
function firstMatch(pattern: RegExp, text: string, accept?: (match: RegExpExecArray) => boolean): number {
  let regex = globalVersions.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    globalVersions.set(pattern, regex);
  }
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    if (!accept || accept(match)) return match.index;
    if (match[0].length === 0) regex.lastIndex++;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------------
// Private keys

export interface PrivateKeyMatch {
  /** `RSA PRIVATE KEY`, `OPENSSH PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`, `PuTTY`, ... */
  kind: string;
  encrypted: boolean;
  /** Where the key starts in the text (its `BEGIN` line's dashes, or the PuTTY header). */
  offset: number;
}

/** After `BEGIN` / `END` (which must follow 3+ dashes): the label and the closing dashes. Bounded: linear. */
const PEM_HEADER_TAIL = /BEGIN[ \t]+([A-Z0-9 ]{0,40}?PRIVATE[ \t]+KEY(?:[ \t]+BLOCK)?)[ \t]*-{3}/y;
const PEM_FOOTER_TAIL = /END[ \t]+[A-Z0-9 ]{0,40}?PRIVATE[ \t]+KEY(?:[ \t]+BLOCK)?[ \t]*-{3}/y;

/** Whether `index` is preceded by at least three dashes (spaces or tabs in between allowed). */
function afterDashes(text: string, index: number): boolean {
  let position = index - 1;
  while (position >= 0 && (text[position] === ' ' || text[position] === '\t')) position--;
  let dashes = 0;
  while (position >= 0 && text[position] === '-' && dashes < 3) {
    dashes++;
    position--;
  }
  return dashes === 3;
}

/** Where the dashes before `index` (and the blanks between them and it) start. */
function dashesBefore(text: string, index: number): number {
  let position = index;
  while (position > 0 && (text[position - 1] === ' ' || text[position - 1] === '\t')) position--;
  while (position > 0 && text[position - 1] === '-') position--;
  return position;
}

/** Start offsets of `---END ... PRIVATE KEY---` lines, in order. */
function pemFooters(text: string): number[] {
  const footers: number[] = [];
  for (let index = text.indexOf('END'); index !== -1; index = text.indexOf('END', index + 3)) {
    if (!afterDashes(text, index)) continue;
    PEM_FOOTER_TAIL.lastIndex = index;
    if (PEM_FOOTER_TAIL.test(text)) footers.push(index);
  }
  return footers;
}

/**
 * Base64 lines of a PEM body (40+ characters: a key line is 64), after optional header lines (`Proc-Type`,
 * `DEK-Info`; PGP armor's `Version`, `Comment`): line breaks as they are or as JSON `\n` / `\r\n` escapes. Each header
 * and key line follows a line break, so the expression reads the text one way only (linear).
 */
const PEM_BODY_START = /^-*[ \t\r]*(?:(?:\n|\\[nr])+[ \t]*[A-Za-z][A-Za-z-]*:[^\n\\]*)*(?:(?:\n|\\[nr])+[ \t]*[A-Za-z0-9+/=]{40,}[ \t\r]*){2}/;

/** The start of a PEM body with no END line after it (cut off): two full key lines at least, else undefined. */
function truncatedKeyBody(text: string, bodyStart: number): string | undefined {
  const body = text.slice(bodyStart, bodyStart + 400);
  return PEM_BODY_START.test(body) ? body : undefined;
}

/**
 * A private key block: a PEM `BEGIN ... PRIVATE KEY` header (3 or more dashes, any algorithm, OpenSSH, PKCS#8,
 * encrypted, PGP) with some content and a matching `END` line (or, cut off, two key lines at least), or a PuTTY private key file.
 * Literal `\n` escapes (JSON service-account keys) are handled since only the header and footer lines are matched. A
 * lone header (e.g. a script that greps for it) is not a key. Linear in the length of `text`.
 */
export function findPrivateKey(text: string): PrivateKeyMatch | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.includes('PRIVATE') && text.includes('BEGIN')) {
    let footers: number[] | undefined;
    let next = 0;
    for (let index = text.indexOf('BEGIN'); index !== -1; index = text.indexOf('BEGIN', index + 5)) {
      if (!afterDashes(text, index)) continue;
      PEM_HEADER_TAIL.lastIndex = index;
      const header = PEM_HEADER_TAIL.exec(text);
      if (!header) continue;
      const bodyStart = PEM_HEADER_TAIL.lastIndex;
      footers ??= pemFooters(text);
      while (next < footers.length && (footers[next] ?? 0) < bodyStart) next++;
      const footer = footers[next];
      // Without an END line, only a body of key lines counts: a truncated key, not a script that greps for the header.
      const body = footer === undefined ? truncatedKeyBody(text, bodyStart) : text.slice(bodyStart, footer);
      if (body !== undefined && /[A-Za-z0-9+/=]/.test(body)) {
        const kind = (header[1] ?? 'PRIVATE KEY').replace(/\s+/g, ' ').trim();
        return { kind, encrypted: kind.includes('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/.test(body), offset: dashesBefore(text, index) };
      }
    }
  }
  const putty = text.includes('PuTTY-User-Key-File-') ? /PuTTY-User-Key-File-\d+:/.exec(text) : null;
  if (putty && /Private-Lines:\s*\d+/.test(text)) {
    return { kind: 'PuTTY', encrypted: /Encryption:[ \t]*(?!none)\S/.test(text), offset: putty.index };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// JWT

const JWT = /(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,})\.(eyJ[A-Za-z0-9_-]{10,})\.([A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])/g;

/** A signed JWT: base64url JSON header with an `alg` (not `none`), JSON payload and a signature. */
function jwtAt(text: string): number {
  if (!text.includes('eyJ')) return -1;
  return firstMatch(JWT, text, (match) => {
    const header = decodeBase64Url(match[1] ?? '');
    return header !== undefined && /"alg"\s*:\s*"(?!none")[^"]+"/i.test(header);
  });
}

function decodeBase64Url(value: string): string | undefined {
  try {
    return Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// URLs and connection strings

const URL_CREDENTIALS = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{1,30}):\/\/([^\s:@/?#'"<>]*):([^\s@/?#'"<>]+)@([^\s/?#'"<>@]+)/g;

/** `scheme://user:password@host` with a literal password (not a template, variable or mask). */
function urlCredentialsAt(text: string): number {
  if (!text.includes('://') || !text.includes('@')) return -1;
  return firstMatch(URL_CREDENTIALS, text, (match) => {
    const password = safeDecodeURIComponent(match[3] ?? '');
    const host = match[4] ?? '';
    if (!/[A-Za-z0-9]/.test(host)) return false;
    return isLiteralCredential(password);
  });
}

function safeDecodeURIComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Credentials of an HTTP `Authorization` header (RFC 6750 Bearer, RFC 7617 Basic; `Token` only after
 * `Authorization:`): the scheme word, then the credential. Words, templates and placeholders (`Bearer <token>`,
 * `Bearer $TOKEN`, `Bearer YOUR_TOKEN`) are not credentials.
 */
const AUTHORIZATION = /(?<![A-Za-z0-9_-])(?:(Bearer|Basic)|Authorization["']?\s*[:=]\s*["']?(Token))[ \t]+([A-Za-z0-9+/=_\-.~]{16,})(?![A-Za-z0-9+/=_\-.~])/gi;

function authorizationCredentialsAt(text: string): number {
  if (!/bearer|basic|token/i.test(text)) return -1;
  return firstMatch(AUTHORIZATION, text, (match) => {
    const credential = match[3] ?? '';
    if (/^basic$/i.test(match[1] ?? '')) {
      // user:password in base64; a password of placeholders or a template is not one.
      const decoded = decodeBase64Text(credential);
      const password = decoded === undefined ? undefined : /^[^:\s]*:(.+)$/.exec(decoded)?.[1];
      return password !== undefined && isLiteralCredential(password) && !/^(?:x+|\*+|\.\.\.)$/i.test(password);
    }
    // A token mixes at least two of lower case, upper case and digits (`YOUR_TOKEN_HERE`, `abcdefghijklmnopqr` do not).
    const classes = Number(/[a-z]/.test(credential)) + Number(/[A-Z]/.test(credential)) + Number(/[0-9]/.test(credential));
    return classes >= 2 && !/X{6,}|x{6,}|0{8,}/.test(credential) && !isPlaceholder(credential);
  });
}

const CONNECTION_STRING_SECRET = /(?:^|;)\s*(password|pwd|accountkey|sharedaccesskey|sharedaccesssignature)\s*=\s*([^;\r\n]*)/gi;

/** ADO.NET / ODBC / Azure style `Key=Value;Key=Value` with a literal Password / AccountKey / SharedAccessKey. */
function connectionStringSecretAt(text: string): number {
  if (!text.includes(';') || !text.includes('=')) return -1;
  for (const { line, offset } of linesOf(text)) {
    if (!line.includes(';') || !line.includes('=')) continue;
    const at = firstMatch(CONNECTION_STRING_SECRET, line, (match) => {
      const value = (match[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
      return isLiteralCredential(value);
    });
    if (at !== -1) return offset + at;
  }
  return -1;
}


/** A credential found inside a larger text: not empty, not a template / variable / mask / code. */
function isLiteralCredential(value: string): boolean {
  if (value.trim() === '') return false;
  if (isUnresolved(value) || /^\$/.test(value) || /%[sd(]|%\{/.test(value)) return false;
  if (/^[*•]+$/.test(value)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Assignments inside texts

const ASSIGNMENT =
  /(?<![\w.$-])(?:-D|--?)?(["']?)([A-Za-z_][\w.-]{0,127})\1[ \t]*(?:=|:(?!\/\/)|=>)[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([^\s,;&#"'<>]+))?/g;
const XML_ELEMENT = /<([A-Za-z_][\w.-]{0,127})>([^<\n]{1,512})<\/\1>/g;
/** A Fluent Bit classic configuration (`[OUTPUT]` sections of `Key value` lines, as the EKS log agents ship it). */
const FLUENT_BIT_SECTION = /^[ \t]*\[(?:SERVICE|INPUT|FILTER|OUTPUT|UPSTREAM)\][ \t]*$/im;
const FLUENT_BIT_ENTRY = /^([A-Za-z][\w.-]*)[ \t]+(\S+)[ \t]*$/;
/**
 * Password directives of configuration files that separate name and value by spaces: Redis `requirepass` /
 * `masterauth`, Sentinel `sentinel auth-pass <master> <password>`, and a `.netrc` entry's `password`, token by
 * token (`machine <host> [login <user>] [account <name>] password <password>`).
 */
const SPACED_DIRECTIVE =
  /^(?:(requirepass|masterauth)|sentinel[ \t]+(auth-pass)[ \t]+\S+|(?:machine[ \t]+\S+|default)(?:[ \t]+(?:login|account)[ \t]+\S+)*[ \t]+(password))[ \t]+(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|(\S+))/i;
/**
 * A quoted literal given to a PHP or Perl variable at the start of a statement (`$db_password = '...';`, which
 * ASSIGNMENT leaves out: `$X` is a shell reference, and `[ $X = "..." ]` a shell test) or to a PHP constant
 * (`define('DB_PASSWORD', '...')`, as wp-config.php and user data scripts do).
 */
const CODE_ASSIGNMENT = /(?:\bdefine\s*\(\s*(["'])([A-Za-z_]\w{0,127})\1\s*,\s*|(?:^|;)\s*(?:(?:my|our|local)\s+)?\$([A-Za-z_]\w{0,127})[ \t]*=[ \t]*)(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)')/g;

/**
 * The first key (capped) to which a literal value is assigned in `text`, when the key looks secret
 * (`REDIS_PASSWORD=abcd1234`, `password: s3cr3t`, `"apiKey": "..."`, `-Dssl.keyStorePassword=...`,
 * `<password>...</password>`, `$db_password = '...'`, `define('DB_PASSWORD', '...')`, `requirepass ...`). Comment lines, empty values, templates and variables (`${X}`, `$X`, `{{ }}`),
 * code expressions and prose are skipped.
 */
export function findSecretAssignment(text: string): string | undefined {
  return secretAssignmentIn(text)?.name;
}

/** findSecretAssignment's key, and where its assignment starts in `text`. */
function secretAssignmentIn(text: string): { name: string; offset: number } | undefined {
  if (typeof text !== 'string') return undefined;
  const fluentBit = text.includes('[') && FLUENT_BIT_SECTION.test(text);
  for (const { line: rawLine, offset } of linesOf(text)) {
    const line = rawLine.length > 65_536 ? rawLine.slice(0, 65_536) : rawLine;
    const trimmed = line.trimStart();
    if (trimmed === '' || /^(#|;|\/\/|--\s|\*|<!--|rem\s)/i.test(trimmed)) continue;
    const regex = new RegExp(ASSIGNMENT.source, 'g');
    let match: RegExpExecArray | null;
    while ((match = regex.exec(line)) !== null) {
      if (match[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const name = match[2] ?? '';
      const quoted = match[3] ?? match[4];
      const bare = match[5];
      const value = quoted ?? bare;
      if (value === undefined) continue;
      const nameMatch = secretNameMatch(name.replace(/^-+/, ''));
      if (!nameMatch) continue;
      if (bare !== undefined) {
        // Prose ("Password: the password to use") or a shell test ("password == x"): more words follow.
        const rest = line.slice(regex.lastIndex).trim();
        if (rest !== '' && !/^([#;,})\]&|]|-{1,2}[A-Za-z]|\\$|[\w.-]+\s*[=:])/.test(rest)) continue;
        if (looksLikeCode(bare)) continue;
      }
      // Shell and template variables (`$1`, `$TOKEN`, `$__file{...}`) and command substitutions (`$(...)`,
      // backticks: TOKEN=`curl .../api/token`): computed inside scripts and configs, not literals.
      if (/^[$`]/.test(value.trim())) continue;
      if (literalExemption(value, { numeric: nameMatch.whole }) !== undefined) continue;
      return { name: name.slice(0, 64), offset: offset + match.index };
    }
    if (line.includes('$') || line.includes('define')) {
      const code = new RegExp(CODE_ASSIGNMENT.source, 'g');
      while ((match = code.exec(line)) !== null) {
        const name = match[2] ?? match[3] ?? '';
        const value = match[4] ?? match[5] ?? '';
        const nameMatch = secretNameMatch(name);
        if (!nameMatch || !isWrittenSecret(value, nameMatch.whole)) continue;
        return { name: name.slice(0, 64), offset: offset + match.index };
      }
    }
    const entry = fluentBit ? FLUENT_BIT_ENTRY.exec(trimmed) : null;
    if (entry) {
      const value = entry[2] ?? '';
      // `HTTP_Passwd`, `Splunk_Token`: the key names the secret whole (not `tls.crt_file`, `HTTP_User`).
      if (secretNameMatch(entry[1] ?? '')?.whole === true && isWrittenSecret(value, true)) {
        return { name: (entry[1] ?? '').slice(0, 64), offset: offset + line.length - trimmed.length };
      }
    }
    const directive = SPACED_DIRECTIVE.exec(trimmed);
    if (directive) {
      const value = directive[4] ?? directive[5] ?? directive[6] ?? '';
      if (isWrittenSecret(value, true)) {
        return { name: (directive[1] ?? directive[2] ?? directive[3] ?? '').toLowerCase(), offset: offset + line.length - trimmed.length };
      }
    }
    if (line.includes('</')) {
      const xml = new RegExp(XML_ELEMENT.source, 'g');
      while ((match = xml.exec(line)) !== null) {
        const name = match[1] ?? '';
        const nameMatch = secretNameMatch(name);
        if (!nameMatch) continue;
        if (literalExemption(match[2] ?? '', { numeric: nameMatch.whole }) !== undefined) continue;
        return { name: name.slice(0, 64), offset: offset + match.index };
      }
    }
  }
  return undefined;
}

/**
 * A value written as a literal: not a variable or command substitution (`$X`, `` `...` ``), not a marker to fill in
 * (wp-config-sample.php's `put your unique phrase here`, Argo CD's `replace-default-auth`), not exempt; `numeric`:
 * a number counts (the name is the secret's whole name).
 */
function isWrittenSecret(value: string, numeric: boolean): boolean {
  return !/^[$`]/.test(value.trim()) && !isFillInMarker(value) && literalExemption(value, { numeric }) === undefined;
}

/** Values in configuration and scripts that are expressions, not literals. */
function looksLikeCode(value: string): boolean {
  if (/[()[\]{}]/.test(value)) return true;
  if (/^[=!<>|&@%*^]/.test(value)) return true;
  // Attribute access (`args.password`, `ngx.var.http_authorization`, `var.db_password`).
  if (/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/.test(value)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Names

export interface NameMatch {
  /** The secret word found: `password`, `secret`, `token`, `key`, `credentials`, `bearer`. */
  keyword: SecretKeyword;
  /** The name's own words that say so, lower-case: `passwd`, `api key`, `secret access key`, `key content`. */
  said: string;
  /**
   * The secret word ends the name (`DB_PASSWORD`, `apiKey`): the variable *is* the secret, so even a number is
   * one. False when other words follow (`TOKEN_AUDIENCE` never gets here; `PASSWORD_HASH` does).
   */
  whole: boolean;
}

export const SECRET_KEYWORDS = ['password', 'secret', 'token', 'key', 'credentials', 'bearer'] as const;
export type SecretKeyword = (typeof SECRET_KEYWORDS)[number];

/** Words that qualify `key` into a secret (`API_KEY`, `privateKey`, `ENCRYPTION_KEY`); `key` alone is not one. */
const KEY_QUALIFIERS = new Set([
  'api', 'access', 'secret', 'private', 'priv', 'auth', 'client', 'encryption', 'enc', 'decryption', 'signing',
  'sign', 'master', 'license', 'licence', 'account', 'storage', 'shared', 'session', 'ssh', 'hmac', 'jwt', 'webhook', 'consumer', 'sas', 'subscription', 'primary', 'secondary', 'admin', 'cookie',
  'crypto', 'aes', 'rsa', 'ecdsa', 'ed25519', 'tls', 'ssl', 'app', 'application', 'service', 'server', 'root',
  'deploy', 'integration', 'ingest', 'ingestion', 'instrumentation', 'write', 'management', 'mgmt', 'batch',
  'symmetric', 'wrapping', 'unseal', 'recovery', 'otp', 'totp', 'mfa', 'x',
]);
/** Concatenated forms: `apikey`, `privatekey`, `accesskey`, `secretkey`, `sshkey`... */
const KEY_COMPOUND = new RegExp(`^(?:${[...KEY_QUALIFIERS].filter((word) => word.length > 1).join('|')})keys?$`);
/** Run-together names that end in a key of one of these kinds: `azurestorageaccountkey`, `myapikey`. */
const KEY_COMPOUND_SUFFIX = /(?:account|storage|access|secret|private|api|master|subscription|signing|encryption|shared)keys?$/;
/** Words after `key` that make it the key material: `OCI_CLI_KEY_CONTENT`, `KEY_DATA`, `KEY_PEM`. */
const KEY_MATERIAL = new Set(['content', 'contents', 'data', 'material', 'pem', 'value', 'base64', 'b64', 'der']);
/** Cloud-provider prefixes whose `*_KEY` variables are credentials (`AZURE_BATCH_KEY`, `AWS_SECRET_KEY`). */
const CLOUD_PREFIXES = new Set([
  'aws', 'azure', 'az', 'gcp', 'gcloud', 'google', 'oci', 'alicloud', 'alibaba', 'aliyun', 'ibm', 'digitalocean',
  'linode', 'hcloud', 'scaleway', 'scw', 'exoscale', 'cloudflare', 'cf', 'vultr', 'ovh', 'tencentcloud',
]);

/**
 * Words that, ending a name, say the value is *about* a secret rather than the secret: where it is, what it is
 * called, how long it lives (`PASSWORD_FILE`, `SECRET_NAME`, `TOKEN_URL`, `API_KEY_HEADER`, `TOKEN_TTL`).
 */
const NON_SECRET_SUFFIXES = new Set([
  'file', 'files', 'filename', 'path', 'paths', 'dir', 'directory', 'folder', 'mount', 'location', 'name',
  'names', 'url', 'urls', 'uri', 'uris', 'endpoint', 'endpoints', 'host', 'hostname', 'port', 'addr', 'address',
  'user', 'username', 'usr', 'login', 'id', 'ids', 'arn', 'arns', 'ref', 'refs', 'reference', 'type', 'types',
  'kind', 'class', 'mode', 'format', 'encoding', 'algorithm', 'algorithms', 'alg', 'cipher', 'digest',
  'enabled', 'enable', 'disabled', 'disable', 'required', 'require', 'optional', 'enforced', 'allowed',
  'length', 'len', 'size', 'count', 'min', 'max', 'limit', 'limits', 'ttl', 'timeout', 'expiry', 'expiration',
  'expires', 'expire', 'lifetime', 'duration', 'interval', 'period', 'age', 'seconds', 'secs', 'sec', 'minutes',
  'mins', 'hours', 'days', 'ms', 'millis', 'retries', 'attempts', 'rate', 'header', 'headers', 'field', 'fields',
  'param', 'parameter', 'property', 'prefix', 'suffix', 'policy', 'policies', 'pattern', 'regex', 'rules',
  'complexity', 'strength', 'audience', 'audiences', 'aud', 'issuer', 'iss', 'scope', 'scopes', 'claim',
  'claims', 'provider', 'providers', 'store', 'backend', 'source', 'namespace', 'version', 'versions', 'label',
  'labels', 'annotation', 'selector', 'template', 'env', 'var', 'variable', 'cache', 'strategy', 'rotation',
  'generator', 'manager', 'reader', 'writer', 'validation', 'validator', 'verification', 'check', 'checks',
  'hint', 'prompt', 'message', 'description', 'desc', 'help', 'title', 'text', 'placeholder', 'example',
  'mapping', 'map', 'list', 'volume', 'bucket', 'region', 'vault', 'kms', 'parser', 'handler', 'plugin',
  'lookup', 'command', 'cmd', 'script', 'exec', 'helper', 'callback', 'redirect',
  'lock', 'locked', 'reset', 'changed', 'sync', 'refresh_interval', 'output', 'input', 'stdin', 'usage',
  'ratio', 'percent', 'level', 'threshold', 'budget', 'window', 'bucket_size', 'capacity', 'estimate',
  'estimator', 'counter', 'buffer', 'batch', 'chunk', 'chunks', 'model', 'encoder', 'tokenizer', 'exists',
  'created', 'updated', 'issued', 'status', 'state', 'sha', 'sha256', 'checksum', 'hashfile', 'method',
  'methods', 'mechanism', 'mechanisms', 'protocol', 'flow', 'fingerprint', 'thumbprint',
]);

/** Words that, starting a name, make it a switch or a reference (`USE_TOKEN`, `existingSecret`, `MAX_TOKENS`). */
const NON_SECRET_PREFIXES = new Set([
  'existing', 'use', 'enable', 'enabled', 'disable', 'disabled', 'is', 'has', 'allow', 'require', 'skip', 'no',
  'min', 'max', 'num', 'should', 'show', 'hide', 'validate', 'verify', 'generate', 'rotate', 'ignore', 'insecure',
  'total', 'count',
  // Build-time variables that front-end frameworks ship to every browser: public by definition.
  'public', 'next', 'react', 'vite', 'gatsby', 'expo', 'nuxt',
]);

/** A file name with a configuration or script extension (`alertmanager.yaml`, `grafana.ini`): its content is what matters. */
export function isConfigFileName(name: string): boolean {
  const extension = /.\.([A-Za-z0-9_]+)$/.exec(name)?.[1];
  return extension !== undefined && FILE_EXTENSIONS.has(extension.toLowerCase());
}

/** Structured-file extensions: a key named `secrets.yaml` holds a file to scan, not one secret. */
const FILE_EXTENSIONS = new Set([
  'yaml', 'yml', 'json', 'jsonc', 'toml', 'ini', 'conf', 'cfg', 'config', 'properties', 'props', 'xml', 'env',
  'sh', 'bash', 'py', 'js', 'ts', 'rb', 'go', 'java', 'lua', 'tpl', 'tmpl', 'j2', 'hcl', 'tf', 'sql', 'md',
  'html', 'txt_template', 'cnf', 'rc',
]);

/** Names known to look secret without being one. */
const KNOWN_NON_SECRETS: readonly RegExp[] = [
  /(^|_)initial_cluster_token$/, // etcd: a cluster identifier, not a credential
  /^minio_access_key$/, // MinIO: the root user's name (MINIO_ROOT_USER today); MINIO_SECRET_KEY is its password
  /^kubernetes_service_account_token_file$/,
  /(^|_)csrf_cookie_name$/,
  /^aws_web_identity_token_file$/,
  /^token_type$/,
  /^password_hash_algorithm$/,
  /trust_?store_?pass(word)?$/, // protects the integrity of public CA certificates (`changeit`), not a credential
  /(^|_)secrets?_manager_secret_(id|name|arn)$/, // names a Secrets Manager secret (where the value is), not a Vault SecretID
  /^service_token$/, // CloudFormation custom resources: the provider's Lambda or SNS ARN
];

/** Splits `dbPassword`, `DB_PASSWORD`, `api-key`, `spring.datasource.password`, `APIKey` into lower-case words. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((token) => token !== '')
    .map((token) => token.toLowerCase());
}

/** Whether a variable / key name looks like it holds a secret, and which word says so. */
export function secretNameMatch(name: string): NameMatch | undefined {
  if (typeof name !== 'string' || name.length === 0 || name.length > 256) return undefined;
  // The same names (env variables, ConfigMap keys) recur across the workloads of a scan.
  if (nameMatches.has(name)) return nameMatches.get(name);
  const match = matchSecretName(name);
  if (nameMatches.size >= MAX_CACHED_DETECTIONS) nameMatches.clear();
  nameMatches.set(name, match && Object.freeze(match));
  return match;
}

const nameMatches = new Map<string, NameMatch | undefined>();

function matchSecretName(name: string): NameMatch | undefined {
  const tokens = nameTokens(name);
  if (tokens.length === 0) return undefined;
  const joined = tokens.join('_');
  if (KNOWN_NON_SECRETS.some((pattern) => pattern.test(joined))) return undefined;
  let words = tokens;
  // A file name: `db-password.txt` is the password, `secrets.yaml` is a file whose content is scanned instead.
  const last = words[words.length - 1] ?? '';
  if (words.length > 1 && /\.[A-Za-z0-9]+$/.test(name)) {
    if (FILE_EXTENSIONS.has(last)) return undefined;
    if (['txt', 'key', 'pem', 'secret', 'token', 'pass', 'pwd', 'p12', 'pfx', 'jks', 'keystore', 'asc', 'gpg'].includes(last)) {
      words = words.slice(0, -1);
      if (['key', 'pem', 'p12', 'pfx', 'jks', 'keystore'].includes(last)) {
        // `tls.key`, `id_rsa.pem`: key files, judged by their content (PEM detector), not their name.
        return undefined;
      }
    }
  }
  const first = words[0] ?? '';
  const end = words[words.length - 1] ?? '';
  if (words.length > 1 && NON_SECRET_PREFIXES.has(first)) return undefined;
  // `SECRET_ID` (Vault AppRole) is a credential even though `id` usually marks an identifier.
  const secretId = words.length >= 2 && end === 'id' && words[words.length - 2] === 'secret';
  if (words.length > 1 && NON_SECRET_SUFFIXES.has(end) && !secretId) return undefined;

  let found: NameMatch | undefined;
  const consider = (keyword: SecretKeyword, index: number, said = words[index] ?? keyword): void => {
    const whole = index === words.length - 1 || (secretId && index === words.length - 2);
    if (!found || (whole && !found.whole)) found = { keyword, said, whole };
  };
  words.forEach((word, index) => {
    const next = words[index + 1];
    if (/passw(?:or)?d|passphrase|passcode/.test(word) || /^(pass|pwd|pw|pword|pswd|pswrd|passwrd)\d*$/.test(word)) {
      consider('password', index);
    } else if (/secret(?:s|key)?$/.test(word) && !/^(non|no|un)secret/.test(word)) {
      consider(word.endsWith('key') ? 'key' : 'secret', index);
    } else if (/tokens?$/.test(word) && word !== 'tokens') {
      consider('token', index);
    } else if (word === 'tokens' && index === words.length - 1 && words.length === 1) {
      consider('token', index);
    } else if (/^(credentials?|creds?)$/.test(word)) {
      consider('credentials', index);
    } else if (word === 'bearer') {
      consider('bearer', index);
    } else if (KEY_COMPOUND.test(word) || KEY_COMPOUND_SUFFIX.test(word)) {
      consider('key', index);
    } else if ((word === 'key' || word === 'keys') && index > 0) {
      const previous = words[index - 1] ?? '';
      if (KEY_QUALIFIERS.has(previous) || (CLOUD_PREFIXES.has(first) && index === words.length - 1)) {
        const qualifiers = previous === 'access' && words[index - 2] === 'secret' ? 'secret access' : previous;
        consider('key', index, `${qualifiers} ${word}`);
      }
    }
    // `OCI_CLI_KEY_CONTENT`, `PRIVATE_KEY_DATA`: the key material itself.
    if ((word === 'key' || /key$/.test(word)) && next !== undefined && KEY_MATERIAL.has(next) && index + 1 === words.length - 1) {
      consider('key', index + 1, `${word} ${next}`);
    }
  });
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// Literal values

/**
 * Last words of names that contain a secret word but name a setting about it or something else: the secret's
 * identifier or location (`SecretArn`, `secret_id`, `token_file`), its length, type, validity, encryption or
 * hashing (`password_encryption`, `TokenValidityUnits`, `password-hash`), where it applies (`TokenDomains`), a key
 * pair, a backend's options (`secrets.backend_kwargs`).
 */
const SETTING_WORDS: ReadonlySet<string> = new Set([
  'id', 'ids', 'arn', 'arns', 'name', 'names', 'version', 'stage', 'length', 'count', 'type', 'pair', 'encryption', 'units', 'unit', 'domain', 'domains',
  'validity', 'policy', 'kwargs', 'backend', 'strategy', 'method', 'endpoint', 'hash', 'algorithm', 'store', 'mode', 'format', 'prefix', 'suffix', 'path',
  'file', 'dir', 'rotation', 'ttl', 'expiry', 'expiration', 'enabled', 'required', 'reset', 'schedule', 'spec', 'template', 'header', 'location', 'size',
  'age', 'minimum', 'maximum', 'min', 'max', 'source', 'provider', 'ref', 'reference', 'uri', 'url', 'kms',
]);
/** A `key` name taken for a secret on its name alone must say which key it is: most `*_key` settings name something. */
const SECRET_KEY_NAME = /(private|secret|api|access|auth|signing|master|client|encryption|license|webhook)[_-]?key$/i;

/**
 * secretNameMatch for the names of infrastructure settings (resource properties, template parameters, command
 * flags), which often name or configure a secret rather than hold it: `SecretArn`, `secret_id`, `KeyName`,
 * `ssh_key`, `public_key`, `password_encryption`, `--password-hash` are not.
 */
export function secretPropertyName(name: string): NameMatch | undefined {
  // Property names recur across every resource of a scan (`Value`, `Name`, `Ref`): answered once each.
  if (propertyNames.has(name)) return propertyNames.get(name) ?? undefined;
  const tokens = nameTokens(name);
  const last = tokens[tokens.length - 1] ?? '';
  let match = SETTING_WORDS.has(last) || tokens.includes('public') || tokens.includes('pgp') ? undefined : secretNameMatch(name);
  if (match?.keyword === 'key' && !SECRET_KEY_NAME.test(name)) match = undefined;
  if (propertyNames.size >= MAX_CACHED_NAMES) propertyNames.clear();
  propertyNames.set(name, match ?? null);
  return match;
}

/**
 * An AWS resource property that is an idempotency token (`CreationToken` of an EFS file system, `ClientToken`,
 * `IdempotencyToken`): a unique string that makes a create request safe to retry, not a credential (EFS
 * CreateFileSystem: "a randomly generated UUID"). Elsewhere (a command-line flag) such a name may hold a credential.
 */
export function isIdempotencyTokenProperty(name: string): boolean {
  const tokens = nameTokens(name);
  return tokens.length === 2 && tokens[1] === 'token' && (tokens[0] === 'creation' || tokens[0] === 'client' || tokens[0] === 'idempotency');
}

const MAX_CACHED_NAMES = 10_000;
const propertyNames = new Map<string, NameMatch | null>();

export type LiteralExemptionReason =
  | 'empty'
  | 'unresolved'
  | 'boolean'
  | 'number'
  | 'path'
  | 'url'
  | 'reference'
  | 'masked'
  | 'type-name';

const BOOLEAN_LIKE = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'enabled', 'disabled', 'null', 'nil', 'none', '~', '""', "''"]);
/** Schema-like values (`"password": "string"`). `secret` or `password` as a value is a placeholder, not a type. */
const TYPE_NAMES = new Set(['string', 'str', 'text', 'varchar', 'char', 'required', 'optional', 'object', 'array', 'integer', 'int', 'boolean', 'bool']);
/** References resolved at run time by an injector or operator: not the secret itself. */
const EXTERNAL_REFERENCE =
  /^(?:arn:aws[a-z-]*:|vault:[A-Za-z0-9_/-]|ref\+[a-z0-9]+:\/\/|awssm:|awsssm:|ssm:\/?\/?|secretsmanager:|gcpsm:|gcp:secretmanager:|sm:\/\/|azurekeyvault:|akv:|op:\/\/|bws:\/\/|doppler:\/\/|projects\/[^/\s]+\/secrets\/|https:\/\/[a-z0-9-]+\.vault\.azure\.net\/)/i;

/**
 * Why a literal assigned to a secret-looking name is nevertheless not a secret, or undefined when it is one.
 * `numeric`: whether a pure number still counts as a secret (true when the name *is* the secret word:
 * `DB_PASSWORD: "123456"`; false when more words follow: numbers there are sizes, ports or durations).
 */
export function literalExemption(value: string, options: { numeric?: boolean } = {}): LiteralExemptionReason | undefined {
  if (typeof value !== 'string') return 'empty';
  const trimmed = value.trim();
  if (trimmed === '') return 'empty';
  // Also a value that is wholly an `__UPPER_SNAKE__` marker, which an installer or pipeline replaces with sed (CNI
  // installers' `__SERVICEACCOUNT_TOKEN__`, Azure DevOps token replacement).
  // So is a `{snake_name}` placeholder of a format string (`{aws_access_key_id}`).
  if (isUnresolved(trimmed) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(trimmed) || /^%[sd]$|^%\([^)]+\)s$/.test(trimmed) || /^__[A-Z][A-Z0-9_]*[A-Z0-9]__$/.test(trimmed) || /^\{[a-z][a-z0-9_]*\}$/.test(trimmed)) return 'unresolved';
  const lower = trimmed.toLowerCase();
  if (BOOLEAN_LIKE.has(lower)) return 'boolean';
  if (!options.numeric && /^-?\d+(\.\d+)?$/.test(trimmed)) return 'number';
  if (/^(\/|\.\.?\/|~\/|[A-Za-z]:\\)/.test(trimmed) && !/\s/.test(trimmed)) return 'path';
  if (/^\/[\w.-]+(\/[\w. -]+)+$/.test(trimmed)) return 'path';
  if (isRelativePath(trimmed)) return 'path';
  if (EXTERNAL_REFERENCE.test(trimmed)) return 'reference';
  if (/^[a-z][a-z0-9+.-]*:\/\/\S*$/i.test(trimmed) && urlCredentialsAt(trimmed) === -1 && !/[?&][^=&]*(?:token|key|secret|sig|password)[^=&]*=[^&\s]{8,}/i.test(trimmed)) return 'url';
  if (/^[*•]+$/.test(trimmed) || /^\[?(redacted|masked|hidden)\]?$/i.test(trimmed)) return 'masked';
  if (TYPE_NAMES.has(lower) && trimmed === lower) return 'type-name';
  return undefined;
}

/** Extensions of files that hold keys, certificates, tokens or configuration. */
const PATH_EXTENSION = /\.(?:txt|pem|key|crt|cer|csr|json|ya?ml|conf|cfg|ini|env|properties|p12|pfx|jks|keystore|der|asc|gpg|secret|token|pass(?:word)?|pwd)$/i;

/**
 * A relative file path (`secrets/db-password.txt`, `config/keys/app`): slash-separated segments of word
 * characters, ending in a key or configuration file extension, or all in lower case (random tokens with a `/`,
 * such as base64, mix cases).
 */
function isRelativePath(value: string): boolean {
  if (!/^[\w.-]+(?:\/[\w.-]+)+\/?$/.test(value)) return false;
  if (PATH_EXTENSION.test(value)) return true;
  return /^[a-z0-9._/-]+$/.test(value) && value.split('/').every((segment) => segment === '' || /[a-z]/.test(segment));
}

const PLACEHOLDER =
  /^(?:change[-_ ]?(?:me|it|this)|replace[-_ ]?(?:me|this)?|to[-_ ]?do|tbd|fixme|x{2,}|\*{2,}|dummy|example|sample|test(?:ing)?|password|passw0rd|secret|token|placeholder|default|admin|root|demo|foo|bar|foobar|my[-_]?(?:secret|password|token|key)|your[-_ ].*|insert[-_ ].*|enter[-_ ].*|<[^>]*>|\[[^\]]*\]|\.{3})$/i;

/**
 * A marker for someone to fill in, which cannot itself work as a credential: `<your-token>`, `[API_KEY]`, `...`,
 * `xxxx`, `YOUR_API_KEY_HERE`, `INSERT_...`, `TODO`. Not weak defaults such as `changeme`, `admin` or `password`,
 * which work as-is.
 */
export function isFillInMarker(value: string): boolean {
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  return (
    /^(?:<[^>]*>|\[[^\]]*\]|\.{3}|x{3,}|\*{3,}|to[-_ ]?do|tbd|fixme|placeholder)$/i.test(trimmed) ||
    /^(?:insert|replace|your|enter)[-_ ]/i.test(trimmed) ||
    /[-_ ]here$/i.test(trimmed)
  );
}

/** Common placeholder or default values (`changeme`, `xxx`, `<your-token>`, `INSERT_..._HERE`): messages only. */
export function isPlaceholder(value: string): boolean {
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  return PLACEHOLDER.test(trimmed) || /^(?:insert|replace|your|enter)[-_]/i.test(trimmed) || /[-_]here$/i.test(trimmed);
}

// ---------------------------------------------------------------------------------------------------------
// Entropy

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  if (typeof text !== 'string' || text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const character of text) counts.set(character, (counts.get(character) ?? 0) + 1);
  let length = 0;
  for (const count of counts.values()) length += count;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

export const ENTROPY_MIN_LENGTH = 20;
export const ENTROPY_MAX_LENGTH = 256;

/**
 * A whole value that is one random-looking token: 20 to 256 characters of base64 / base64url / base62 (plus a
 * few symbols), mixing upper case, lower case and digits, with at least 4.0 bits of entropy per character
 * (4.3 from 32 characters on). Random base62 averages ~4.1 bits at 20 characters and ~4.7 at 40; identifiers,
 * names and words stay below 3.9. Not: hex (digests, commit ids, checksums), UUIDs, versions, paths, URLs,
 * dotted host names, or base64 that decodes to structured text (an encoded config file).
 */
export function isHighEntropyToken(value: string): boolean {
  if (typeof value !== 'string') return false;
  const token = value.trim();
  if (token.length < ENTROPY_MIN_LENGTH || token.length > ENTROPY_MAX_LENGTH) return false;
  if (!/^[A-Za-z0-9+/=_\-.~!@#%^*]+$/.test(token)) return false;
  if (!/[A-Z]/.test(token) || !/[a-z]/.test(token) || !/[0-9]/.test(token)) return false;
  if (/^[0-9a-f-]+$/i.test(token)) return false;
  if (/^(sha\d+|md5|sha):/i.test(token) || /@sha\d+:/.test(token)) return false;
  if (/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+){2,}$/.test(token) && !/[+/=]/.test(token)) return false;
  if (/^\/|^\.\.?\//.test(token) || (token.match(/\//g) ?? []).length > 3) return false;
  if (/^v?\d+(\.\d+){1,3}([-+][\w.-]+)?$/.test(token)) return false;
  if (isUnresolved(token)) return false;
  const decoded = decodeBase64Text(token);
  if (decoded !== undefined && decoded.length > 24 && /[\s{}<>:,"]/.test(decoded)) return false;
  if (wordLikeShare(token) >= 0.5) return false;
  const entropy = shannonEntropy(token);
  return entropy >= (token.length >= 32 ? 4.3 : 4.0);
}

/**
 * Share of the characters that sit in word-like segments (5+ letters of one case, after an optional capital:
 * `Amazon`, `Cluster`, `workshop`, `EKSC`). Identifiers and names are mostly words; random tokens rarely have
 * such runs.
 */
function wordLikeShare(token: string): number {
  let inWords = 0;
  for (const segment of token.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? []) {
    if (segment.length >= 5 && /^[A-Za-z]+$/.test(segment)) inWords += segment.length;
  }
  return inWords / token.length;
}

/** Strict base64 decoding to UTF-8 text; undefined when `value` is not base64 or does not decode to text. */
export function decodeBase64Text(value: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  const compact = value.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 === 1 || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) return undefined;
  let text: string;
  try {
    text = Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  } catch {
    return undefined;
  }
  if (text.length === 0 || text.includes('\uFFFD')) return undefined;
  // Mostly printable: binary (DER keys, keystores) is not text.
  let printable = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (code === 9 || code === 10 || code === 13 || code >= 32) printable++;
  }
  return printable / text.length >= 0.95 ? text : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Allow list

/**
 * `settings.secretAllowList`: exact names, or `/regex/flags` patterns (an invalid pattern matches nothing).
 */
export function isAllowListed(name: string, allowList: readonly string[]): boolean {
  if (allowList.length === 0) return false;
  let compiled = compiledAllowLists.get(allowList);
  if (!compiled) compiledAllowLists.set(allowList, (compiled = allowList.map(compileAllowEntry)));
  return compiled.some((entry) => (typeof entry === 'string' ? entry === name : entry !== undefined && entry.test(name)));
}

/** Allow lists compiled once each (they come from the configuration and are asked about every name). */
const compiledAllowLists = new WeakMap<readonly string[], Array<string | RegExp | undefined>>();

/**
 * Ciphertext, not a literal secret: SOPS-encrypted values (`ENC[AES256_GCM,data:...]`) and Jasypt-encrypted properties
 * (`ENC(base64)`, which Spring Boot decrypts at startup).
 */
export function isEncryptedValue(value: string): boolean {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  return /^ENC\[[A-Z0-9_]+,data:/.test(text) || /^ENC\([A-Za-z0-9+/=]{8,}\)$/.test(text);
}

/** A document encrypted with SOPS (a top-level `sops` block with its metadata): its values are ciphertext. */
export function isSopsEncryptedObject(body: JsonObject): boolean {
  const sops = body.sops;
  return typeof sops === 'object' && sops !== null && !Array.isArray(sops) && ('mac' in sops || 'lastmodified' in sops || 'version' in sops);
}

/** Why a literal is a secret: its name says so, or detectors match its value. */
export type LiteralSecret = { by: 'name'; said: string } | { by: 'value'; matches: readonly SecretMatch[] };

/**
 * Whether a literal value held under `name` (an env variable, a log option, a parameter) is a secret: the name
 * says so and the value is not exempt (`literalExemption`), or a value detector matches (the entropy detector
 * only with `entropy` and when the name says nothing).
 */
export function literalSecret(name: string | undefined, value: string, options: { entropy: boolean }): LiteralSecret | undefined {
  const nameMatch = name === undefined ? undefined : secretNameMatch(name);
  if (nameMatch && literalExemption(value, { numeric: nameMatch.whole }) === undefined) return { by: 'name', said: nameMatch.said };
  const matches = detectSecrets(value, { assignments: true, entropy: options.entropy && nameMatch === undefined });
  return matches.length > 0 ? { by: 'value', matches } : undefined;
}

/** `its name says it is a secret ("password")` / `it contains a GitHub token`, for messages. */
export function describeLiteralSecret(secret: LiteralSecret): string {
  return secret.by === 'name' ? `its name says it is a secret ("${secret.said}")` : `it contains ${describeSecretMatches(secret.matches)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Masking lines for display

const MASK = '********';
/**
 * `key: value`, `key = value`, `"key": "value"`, `KEY=value`: a quoted value (which may hold spaces), or an
 * unquoted one, which after `: ` runs to the end of the line or a ` #` comment (a YAML plain scalar).
 */
const KEY_VALUE = /(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\1([ \t]*[:=][ \t]*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"',;}\]#][^"',;}\]#]*)/g;
/** A Kubernetes / ECS env pair on one line, either order: `{"name": "DB_PASSWORD", "value": "..."}`. */
const NAME_THEN_VALUE = /["']?name["']?\s*[:=]\s*["']([A-Za-z_][A-Za-z0-9_.-]*)["']\s*,\s*["']?value["']?\s*[:=]\s*("(?:[^"\\]|\\.)*"|'[^']*')/gi;
const VALUE_THEN_NAME = /["']?value["']?\s*[:=]\s*("(?:[^"\\]|\\.)*"|'[^']*')\s*,\s*["']?name["']?\s*[:=]\s*["']([A-Za-z_][A-Za-z0-9_.-]*)["']/gi;
const ENV_NAME = /^\s*-?\s*["']?name["']?\s*[:=]\s*["']?([A-Za-z_][A-Za-z0-9_.-]*)/i;
const ENV_VALUE = /^(\s*-?\s*["']?value["']?\s*[:=]\s*)(.+)$/i;
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const BASE64_RUN = /^(\s*["']?)([A-Za-z0-9+/]{40,}={0,2})["',]?\s*$/;
const URL_PASSWORD = /:\/\/[^\s:@/]*:([^\s@/]+)@/g;
const TOKEN = /[A-Za-z0-9+/=_\-.~]{20,256}/g;
const GLOBAL_PATTERNS = PATTERN_DETECTORS.map(({ pattern }) => new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`));

/** Whether a literal written after a secret-looking key is a secret (an unquoted `!Ref` is a YAML tag, not one). */
function secretLiteral(value: string): boolean {
  const quoted = /^["']/.test(value);
  const bare = (quoted ? value.slice(1, -1) : value).trim();
  if (!quoted && bare.startsWith('!')) return false;
  return !bare.startsWith('{{resolve:') && literalExemption(bare, { numeric: true }) === undefined;
}

/**
 * The parts of one line of a scanned file that look secret, as `[from, to)` ranges of the line: provider token
 * shapes, PEM key material, passwords in URLs, the value of a pair whose key looks like a secret (`password: ...`,
 * `"DB_PASSWORD":"..."`, `TOKEN=...`), the value of an env entry whose name looks like one (on the same line, or a
 * `value:` next to the `name:` of `previous` or `next`, the lines around it), and high-entropy tokens. Rules mask what they report
 * exactly; this is the safety net for code frames (a rule turned off, another finding's frame, a value a template
 * reference leads to). Masking too much only hides text.
 */
export function secretSpans(line: string, previous?: string, next?: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const add = (from: number, to: number): void => {
    if (to > from) spans.push([from, to]);
  };
  for (const match of line.matchAll(PEM_BLOCK)) add(match.index + match[0].indexOf('-----', 5) + 5, match.index + match[0].length);
  const base64 = BASE64_RUN.exec(line);
  if (base64?.[2]) add((base64[1] ?? '').length, (base64[1] ?? '').length + base64[2].length);
  for (const pattern of GLOBAL_PATTERNS) for (const match of line.matchAll(pattern)) add(match.index, match.index + match[0].length);
  for (const match of line.matchAll(URL_PASSWORD)) add(match.index + match[0].length - 1 - (match[1] ?? '').length, match.index + match[0].length - 1);
  for (const match of line.matchAll(KEY_VALUE)) {
    const [pair, , key = '', , value = ''] = match;
    if (!secretNameMatch(key) || !secretLiteral(value)) continue;
    const end = match.index + pair.length;
    const trimmed = value.replace(/\s+$/, '');
    add(end - value.length, end - value.length + trimmed.length);
  }
  for (const [pattern, nameGroup, valueGroup] of [
    [NAME_THEN_VALUE, 1, 2],
    [VALUE_THEN_NAME, 2, 1],
  ] as const) {
    for (const match of line.matchAll(pattern)) {
      const name = match[nameGroup] ?? '';
      const value = match[valueGroup] ?? '';
      if (!secretNameMatch(name) || !secretLiteral(value)) continue;
      const at = match.index + match[0].indexOf(value, valueGroup === 2 ? match[0].length - value.length - 1 : 0);
      add(at, at + value.length);
    }
  }
  // The env entry's name on the line before, or after (`- value: ...` written first).
  const name = [previous, next].map((other) => (other === undefined ? undefined : ENV_NAME.exec(other)?.[1])).find((found) => found !== undefined && secretNameMatch(found));
  const envValue = name !== undefined ? ENV_VALUE.exec(line) : null;
  if (envValue && secretLiteral((envValue[2] ?? '').trim())) add((envValue[1] ?? '').length, line.replace(/\s+$/, '').length);
  for (const match of line.matchAll(TOKEN)) if (isHighEntropyToken(match[0])) add(match.index, match.index + match[0].length);
  return spans;
}

/** `line` with each span replaced by `********` (overlapping spans merged; the mask length says nothing). */
export function maskSpans(line: string, spans: ReadonlyArray<readonly [number, number]>): string {
  if (spans.length === 0) return line;
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let out = '';
  let cursor = 0;
  for (const [from, to] of sorted) {
    if (to <= cursor) continue;
    // A span that starts inside the masked one before it extends that mask.
    if (from >= cursor) out += `${line.slice(cursor, from)}${MASK}`;
    cursor = to;
  }
  return out + line.slice(cursor);
}

/** One line with every secret-looking part masked (see `secretSpans`). */
export function maskSecretsInLine(line: string, previous?: string, next?: string): string {
  return maskSpans(line, secretSpans(line, previous, next));
}
