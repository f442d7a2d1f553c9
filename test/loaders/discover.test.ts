import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFiles, isCandidateName } from '../../src/loaders/discover.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n';

let root = '';
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-discover-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const found = async (cwd: string, inputs: string[] = ['.'], exclude?: string[]): Promise<string[]> => {
  const { files, errors } = await discoverFiles(inputs, exclude ? { cwd, exclude } : { cwd });
  expect(errors).toEqual([]);
  return files.map((file) => file.displayPath);
};

describe('.gitignore in directory walks', () => {
  it('honours nested .gitignore files and negations, deeper files overriding shallower ones', async () => {
    const dir = tree('nested', {
      '.gitignore': 'generated/\n*.tmp.yaml\nsecrets*.yaml\n!secrets-template.yaml\n',
      'app.yaml': POD,
      'app.tmp.yaml': POD,
      'secrets.yaml': POD,
      'secrets-template.yaml': POD,
      'generated/out.yaml': POD,
      'charts/.gitignore': '!keep.tmp.yaml\nrendered/*\n!rendered/important.yaml\n',
      'charts/keep.tmp.yaml': POD,
      'charts/drop.tmp.yaml': POD,
      'charts/rendered/a.yaml': POD,
      'charts/rendered/important.yaml': POD,
      'charts/deeper/.gitignore': 'local.yaml\n',
      'charts/deeper/local.yaml': POD,
      'charts/deeper/kept.yaml': POD,
      'local.yaml': POD,
    });
    expect(await found(dir)).toEqual([
      'app.yaml',
      'charts/deeper/kept.yaml',
      'charts/keep.tmp.yaml',
      'charts/rendered/important.yaml',
      'local.yaml',
      'secrets-template.yaml',
    ]);
  });

  it('applies the .gitignore files above the scanned directory inside a git work tree', async () => {
    const dir = tree('repo', { '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'deploy/ignored.yaml\n', 'deploy/ignored.yaml': POD, 'deploy/kept.yaml': POD });
    expect(await found(path.join(dir, 'deploy'))).toEqual(['kept.yaml']);
    // A directory named on the command line is scanned even when git ignores it.
    const rendered = tree('repo-rendered', { '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'rendered/\n', 'rendered/app.yaml': POD });
    expect(await found(path.join(rendered, 'rendered'))).toEqual(['app.yaml']);
    expect(await found(rendered)).toEqual([]);
    // Outside a work tree a stray .gitignore above is not applied.
    const loose = tree('loose', { '.gitignore': 'deploy/ignored.yaml\n', 'deploy/ignored.yaml': POD });
    expect(await found(path.join(loose, 'deploy'))).toEqual(['ignored.yaml']);
  });

  it('never descends into .git, node_modules or .terraform', async () => {
    const dir = tree('skipped', { '.git/config.yaml': POD, 'node_modules/x/pod.yaml': POD, '.terraform/m.json': '{}', 'pod.yaml': POD });
    expect(await found(dir)).toEqual(['pod.yaml']);
  });
});

describe('--exclude', () => {
  it('leaves out gitignore-style patterns relative to the scanned directory, which no .gitignore negation can undo', async () => {
    const dir = tree('exclude', {
      '.gitignore': '!tests/keep.yaml\n',
      'base/pod.yaml': POD,
      'tests/keep.yaml': POD,
      'tests/unit/pod.yaml': POD,
      'overlays/prod/pod.yaml': POD,
      'overlays/dev/pod.json': '{}',
    });
    expect(await found(dir, ['.'], ['tests/', '**/dev/'])).toEqual(['base/pod.yaml', 'overlays/prod/pod.yaml']);
    expect(await found(dir, ['.'], ['*.yaml'])).toEqual(['overlays/dev/pod.json']);
  });

  it('does not apply to files named on the command line', async () => {
    const dir = tree('exclude-explicit', { 'pod.yaml': POD });
    expect(await found(dir, ['pod.yaml'], ['*.yaml'])).toEqual(['pod.yaml']);
  });
});

describe('inputs', () => {
  it('lists each file once and standard input once, in a stable order', async () => {
    const dir = tree('dedupe', { 'b.yaml': POD, 'a.yaml': POD, 'sub/c.yml': POD });
    expect(await found(dir, ['-', 'b.yaml', '.', '-'])).toEqual(['-', 'b.yaml', 'a.yaml', 'sub/c.yml']);
  });

  it('shows paths relative to the working directory, absolute outside it', async () => {
    const dir = tree('display', { 'x/pod.yaml': POD });
    const { files } = await discoverFiles(['x'], { cwd: dir });
    expect(files.map((file) => file.displayPath)).toEqual(['x/pod.yaml']);
    const outside = await discoverFiles([path.join(dir, 'x')], { cwd: path.join(dir, 'x', '..', '..', 'dedupe') });
    expect(outside.files.map((file) => file.displayPath)).toEqual([path.join(dir, 'x', 'pod.yaml')]);
  });

  it('follows symbolic links to files and directories', async () => {
    const dir = tree('links', { 'real/pod.yaml': POD });
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'alias'));
    symlinkSync(path.join(dir, 'real', 'pod.yaml'), path.join(dir, 'linked.yaml'));
    expect(await found(dir)).toEqual(['alias/pod.yaml', 'linked.yaml', 'real/pod.yaml']);
  });

  it.each([
    ['deployment.yaml', true],
    ['list.JSON', true],
    ['stack.template', true],
    ['main.tf', true],
    ['Dockerfile', true],
    ['Dockerfile.prod', true],
    ['api.containerfile', true],
    ['task.json.tftpl', true],
    ['user-data.sh.tpl', true],
    ['notes.txt', false],
    ['README.md', false],
    ['values.yaml.bak', false],
  ])('candidate name %s: %s', (name, expected) => {
    expect(isCandidateName(name)).toBe(expected);
  });
});
