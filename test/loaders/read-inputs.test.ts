import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../src/loaders/inputs.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Files of different sizes, a directory and a missing file among them. */
function files(): { absolutePath: string; displayPath: string; explicit: boolean }[] {
  const names: string[] = [];
  for (let index = 0; index < 40; index++) {
    const name = `f${String(index).padStart(2, '0')}.yaml`;
    writeFileSync(path.join(dir, name), `\ufeffkind: ConfigMap\ndata:\n  n: "${index}"\n  pad: "${'x'.repeat((40 - index) * 5000)}"\n`);
    names.push(name);
  }
  mkdirSync(path.join(dir, 'sub.yaml'), { recursive: true });
  names.splice(7, 0, 'sub.yaml');
  names.splice(20, 0, 'missing.yaml');
  return names.map((name) => ({ absolutePath: path.join(dir, name), displayPath: name, explicit: false }));
}

const noStdin = async (): Promise<Buffer> => Buffer.alloc(0);

describe('reading the files of a scan', () => {
  it('readInputs keeps the order, drops byte-order marks and reports unreadable files', async () => {
    const list = files();
    const { inputs, errors, worker } = await readInputs(list, { maxBytes: 1024 * 1024, readStdin: noStdin });
    // From the TypeScript sources there is no compiled worker to start (test/cli/parse-worker.test.ts covers it).
    expect(worker).toBeUndefined();
    expect(inputs.map((input) => input.path)).toEqual(list.map((file) => file.displayPath).filter((name) => name.startsWith('f')));
    expect(inputs.every((input) => input.text.startsWith('kind: ConfigMap'))).toBe(true);
    expect(errors.map((error) => error.path)).toEqual(['sub.yaml', 'missing.yaml']);
  });
});
