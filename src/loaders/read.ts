import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import type { DiscoveredFile } from './discover.js';
import { describeFsError } from '../util/fs.js';
import { binaryPlanMessage } from './terraform/plan.js';

/** Files larger than this are reported and not parsed (configurable with `--max-file-size`). */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

export type ReadOutcome = { ok: true; text: string } | { ok: false; message: string; line?: number; binary?: boolean };

export async function readSource(
  file: DiscoveredFile,
  maxBytes: number,
  readStdin: (maxBytes: number) => Promise<Buffer>,
): Promise<ReadOutcome> {
  let bytes: Buffer;
  try {
    if (file.absolutePath === '-') {
      bytes = await readStdin(maxBytes);
      if (bytes.length > maxBytes) {
        return { ok: false, message: `input too large: standard input exceeds the ${formatBytes(maxBytes)} limit (--max-file-size)` };
      }
    } else {
      const read = readRegularFile(file.absolutePath, maxBytes);
      if (!read.ok) return read;
      bytes = read.bytes;
    }
  } catch (error) {
    return { ok: false, message: describeFsError(error) };
  }
  const outcome = decodeText(bytes);
  if (!outcome.ok) {
    if (outcome.binary && looksLikeBinaryPlan(file.displayPath, bytes)) {
      const kind = /\(([^)]*)\)/.exec(outcome.message)?.[1] ?? 'zip archive';
      return { ok: false, binary: true, message: binaryPlanMessage(file.displayPath, kind) };
    }
    return outcome;
  }
  return outcome;
}

/** A byte-order mark is not part of the text (TextDecoder drops one; a second, or text from elsewhere, may remain). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A binary file that is probably a plan saved by `terraform plan -out`: named `*.tfplan` / `*.plan`, or a zip
 * archive whose central directory lists a `tfplan` entry (read from the end of the file: nothing is unzipped).
 * A zip whose directory cannot be read (cut short) counts when its first bytes name `tfplan`.
 */
export function looksLikeBinaryPlan(fileName: string, bytes: Uint8Array): boolean {
  if (/\.(tfplan|plan)$/i.test(fileName)) return true;
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) return false;
  const entries = zipEntryNames(bytes);
  if (entries) return entries.some((name) => name === 'tfplan' || name.endsWith('/tfplan'));
  return Buffer.from(bytes.subarray(0, 4096)).toString('latin1').includes('tfplan');
}

/** Entry names from a zip's central directory; undefined when there is none to read (not a zip, or cut short). */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const u16 = (at: number): number => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
  const u32 = (at: number): number => (u16(at) | (u16(at + 2) << 16)) >>> 0;
  // End of central directory record: 22 bytes, plus a comment of up to 65535 bytes.
  let end = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 65535; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06) {
      end = at;
      break;
    }
  }
  if (end === -1) return undefined;
  const count = u16(end + 10);
  let at = u32(end + 16);
  if (at >= end) return undefined;
  const names: string[] = [];
  for (let i = 0; i < count && i < 65535; i++) {
    if (at + 46 > end || u32(at) !== 0x02014b50) return names.length > 0 ? names : undefined;
    const nameLength = u16(at + 28);
    names.push(Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8'));
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
  }
  return names;
}

/**
 * Opens without blocking (a FIFO would otherwise wait for a writer forever), then checks on the open
 * descriptor that it is a regular file of acceptable size before reading it: no race between check and read.
 * Synchronous: on a local disk a file is read in tens of microseconds, while the promise-based file API cost
 * the main thread about 1 ms of bookkeeping per file (a tenth of a 20,000-object scan).
 */
function readRegularFile(file: string, maxBytes: number): { ok: true; bytes: Buffer } | { ok: false; message: string } {
  const fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const kind = stat.isDirectory() ? 'a directory' : stat.isFIFO() ? 'a named pipe' : stat.isSocket() ? 'a socket' : 'a device or special file';
      return { ok: false, message: `not a regular file (${kind}), not read` };
    }
    if (stat.size > maxBytes) {
      return { ok: false, message: `file too large: ${formatBytes(stat.size)} exceeds the ${formatBytes(maxBytes)} limit (--max-file-size), not read` };
    }
    // Read to the end, but never more than one byte past the limit: the file may have grown since the stat,
    // and some regular files (in /proc) report a size of 0.
    let buffer = Buffer.alloc(Math.min(maxBytes + 1, stat.size + 1));
    let length = 0;
    while (length <= maxBytes) {
      if (length === buffer.length) {
        const bigger = Buffer.alloc(Math.min(maxBytes + 1, Math.max(buffer.length * 2, 64 * 1024)));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) {
      return { ok: false, message: `file too large: it exceeds the ${formatBytes(maxBytes)} limit (--max-file-size), not read` };
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}

/** Signatures of binary formats likely to sit next to manifests, to name them in the error. */
const BINARY_SIGNATURES: ReadonlyArray<{ bytes: readonly number[]; name: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], name: 'PNG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: 'GIF image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'JPEG image' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], name: 'PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'zip archive' },
  { bytes: [0x1f, 0x8b], name: 'gzip archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'ELF executable' },
];

/**
 * Bytes to text: UTF-8 (a BOM dropped), or UTF-16 with a BOM (what Windows
 * PowerShell writes for `kubectl get -o yaml > file`). Binary files and invalid UTF-8 are refused with
 * what is wrong and where.
 */
export function decodeText(bytes: Uint8Array): ReadOutcome {
  const signature = BINARY_SIGNATURES.find((candidate) => candidate.bytes.every((byte, index) => bytes[index] === byte));
  if (signature) return { ok: false, message: `binary file (${signature.name}), not scanned`, binary: true };
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    try {
      return { ok: true, text: new TextDecoder(utf16, { fatal: true, ignoreBOM: false }).decode(bytes) };
    } catch {
      return { ok: false, message: `invalid ${utf16.toUpperCase()} text (it starts with a UTF-16 byte order mark), not scanned` };
    }
  }
  const probe = bytes.subarray(0, 8192);
  const nul = probe.indexOf(0);
  if (nul !== -1) {
    return { ok: false, message: `binary file (NUL byte at offset ${nul}), not scanned`, binary: true, line: lineAt(bytes, nul) };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return { ok: false, message: `invalid UTF-8: byte 0x${byte} at offset ${offset} cannot start or continue a character; save the file as UTF-8`, line: lineAt(bytes, offset) };
  }
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] ?? 0;
    if (byte < 0x80) {
      i++;
      continue;
    }
    const length = byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    // The second byte's range is narrower after E0, ED, F0 and F4.
    const second = bytes[i + 1] ?? 0;
    const low = byte === 0xe0 ? 0xa0 : byte === 0xf0 ? 0x90 : 0x80;
    const high = byte === 0xed ? 0x9f : byte === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return bytes.length;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
