/**
 * Plan files in a scan (issue 3, section 5): a binary plan (`terraform plan -out`, a zip holding a `tfplan` entry)
 * and `terraform show -json` output cut short get messages that say they are plans and what to do, with the line
 * of the syntax error; other binary files and other broken JSON keep the generic messages.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeBinaryPlan, readSource, zipEntryNames, type ReadOutcome } from '../../src/loaders/read.js';
import { loadFile } from '../../src/loaders/index.js';

const PLAN = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'terraform', 'plan', 'plan.json'), 'utf8');

/** A zip archive with stored (uncompressed) entries, as `terraform plan -out` writes one (CRCs left at 0). */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The first entries of a real `terraform plan -out` file. */
const PLAN_ZIP = zip({ tfplan: '\u0000\u0001plan', tfstate: '{}', 'tfstate-prev': '{}', 'tfconfig/m-/main.tf': 'resource "x" "y" {}' });

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-plan-read-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(name: string, content: string | Buffer): Promise<ReadOutcome> {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return readSource({ absolutePath: file, displayPath: `plans/${name}`, explicit: true }, 1024 * 1024, async () => Buffer.alloc(0));
}

describe('binary plans', () => {
  it('a zip with a tfplan entry, whatever its name: a plan, with the command to run', async () => {
    expect(await read('saved', PLAN_ZIP)).toEqual({
      ok: false,
      binary: true,
      message:
        'binary file (zip archive): probably a binary Terraform plan file (`terraform plan -out`), not scanned; scan its JSON form instead: `terraform show -json saved > plan.json`',
    });
  });

  it('a file named *.tfplan or *.plan: a plan even when the zip is cut short or it is other binary data', async () => {
    expect(await read('prod.tfplan', PLAN_ZIP.subarray(0, 40))).toMatchObject({ ok: false, message: expect.stringMatching(/^binary file \(zip archive\): probably a binary Terraform plan file .*`terraform show -json prod\.tfplan > plan\.json`$/) });
    expect(await read('x.plan', Buffer.from('abc\u0000def', 'latin1'))).toMatchObject({ ok: false, message: expect.stringMatching(/^binary file \(NUL byte at offset 3\): probably a binary Terraform plan file/) });
  });

  it('another zip (no tfplan entry), or a plan named plan.json: the right message each', async () => {
    expect(await read('bundle.zip', zip({ 'index.js': 'x', 'tfplan.md': 'notes' }))).toEqual({ ok: false, binary: true, message: 'binary file (zip archive), not scanned' });
    expect(await read('plan.json', PLAN_ZIP)).toMatchObject({ ok: false, message: expect.stringMatching(/`terraform show -json plan\.json > plan-show\.json`$/) });
  });

  it('reads entry names from the central directory; none for a cut zip', () => {
    expect(zipEntryNames(PLAN_ZIP)).toEqual(['tfplan', 'tfstate', 'tfstate-prev', 'tfconfig/m-/main.tf']);
    expect(zipEntryNames(PLAN_ZIP.subarray(0, PLAN_ZIP.length - 10))).toBeUndefined();
    // A damaged zip whose first bytes name tfplan (the directory cannot be read).
    expect(looksLikeBinaryPlan('x.bin', Buffer.from('PK\u0003\u0004\u0014\u0000\u0008\u0000tfplan\u0000\u0000garbage', 'latin1'))).toBe(true);
    expect(looksLikeBinaryPlan('x.bin', zip({ 'a.txt': 'tfplan' }))).toBe(false);
  });
});

describe('truncated JSON plans', () => {
  it('a plan cut short: named a plan, with the line of the error', () => {
    const cut = PLAN.slice(0, 900);
    const { errors } = loadFile({ path: 'cut.json', text: cut }, { explicit: true });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: 'cut.json', line: cut.split('\n').length });
    expect(errors[0]?.message).toMatch(/^truncated or malformed Terraform plan JSON: .*; regenerate it with `terraform show -json <plan file> > plan\.json`$/);
  });

  it('one-line output (as terraform show -json prints it) cut short: line 1', () => {
    const oneLine = JSON.stringify(JSON.parse(PLAN));
    expect(loadFile({ path: 'cut.json', text: oneLine.slice(0, 500) }, { explicit: true }).errors).toEqual([
      { path: 'cut.json', line: 1, message: expect.stringMatching(/^truncated or malformed Terraform plan JSON: /) },
    ]);
  });

  it('a whole plan, JSON that is not a plan, a state file (`"version"` first): not this error', async () => {
    expect(await read('good.json', PLAN)).toMatchObject({ ok: true });
    const messages = (text: string): string[] => loadFile({ path: 'x.json', text }, { explicit: true }).errors.map((error) => error.message);
    expect(messages('{"a": [1, 2')).toEqual([expect.stringMatching(/^JSON syntax error/)]);
    expect(messages('{"version": 4, "terraform_version": "1.5.0", "resources": [')).toEqual([expect.stringMatching(/^JSON syntax error/)]);
    expect(await read('other.json', '{"family": "x", "containerDefinitions": [')).toEqual({ ok: true, text: '{"family": "x", "containerDefinitions": [' });
  });
});
