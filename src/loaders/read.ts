import { promises as fs } from 'node:fs';
import type { DiscoveredFile } from './discover.js';
import { describeFsError } from './discover.js';

/** Files larger than this are reported and not parsed (configurable with `--max-file-size`). */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

export type ReadOutcome = { ok: true; text: string } | { ok: false; message: string; line?: number; binary?: boolean };

export async function readSource(
  file: DiscoveredFile,
  maxBytes: number,
  readStdin: () => Promise<Buffer>,
): Promise<ReadOutcome> {
  let bytes: Buffer;
  try {
    if (file.absolutePath === '-') {
      bytes = await readStdin();
    } else {
      const stat = await fs.stat(file.absolutePath);
      if (!stat.isFile()) return { ok: false, message: 'not a regular file' };
      if (stat.size > maxBytes) {
        return { ok: false, message: `file too large: ${formatBytes(stat.size)} exceeds the ${formatBytes(maxBytes)} limit (--max-file-size)` };
      }
      bytes = await fs.readFile(file.absolutePath);
    }
  } catch (error) {
    return { ok: false, message: describeFsError(error) };
  }
  if (bytes.length > maxBytes) {
    return { ok: false, message: `input too large: exceeds the ${formatBytes(maxBytes)} limit (--max-file-size)` };
  }
  return decodeText(bytes);
}

export function decodeText(bytes: Uint8Array): ReadOutcome {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { ok: false, message: 'binary file (contains NUL bytes), not scanned', binary: true };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
    return { ok: false, message: `invalid UTF-8 at byte ${offset}`, line };
  }
}

/** Offset of the first byte that breaks UTF-8 (only called after the decoder refused the input). */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] ?? 0;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return bytes.length;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
