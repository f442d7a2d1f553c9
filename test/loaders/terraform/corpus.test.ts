import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadTerraformFiles, type TerraformInputFile } from '../../../src/loaders/terraform/index.js';

/**
 * The real-world and labeled corpora (../shared/corpora beside the repository): every `.tf` file passes
 * `terraform fmt`, so every one must parse, and evaluating them must not crash.
 */
const CORPORA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpora');

function files(dir: string): TerraformInputFile[] {
  const out: TerraformInputFile[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(tf|tfvars|json)$/.test(name)) out.push({ path: path.relative(CORPORA, full).split(path.sep).join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(dir);
  return out;
}

const REPOSITORIES = ['real-world/terraform-aws-ecs', 'real-world/terraform-aws-eks', 'real-world/terraform-aws-ecs-blueprints'];

describe.skipIf(!existsSync(path.join(CORPORA, 'real-world')))('Terraform corpora', () => {
  for (const repository of REPOSITORIES) {
    it(`${repository}: every file parses, every module evaluates, no reference is undeclared`, async () => {
      const inputs = files(path.join(CORPORA, repository));
      const result = await loadTerraformFiles(inputs);
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      const tfFiles = inputs.filter((file) => file.path.endsWith('.tf')).length;
      expect(result.documents.filter((document) => document.file.path.endsWith('.tf'))).toHaveLength(tfFiles);
      expect(result.resources.length).toBeGreaterThan(100);
      for (const resource of result.resources) {
        expect(resource.document.sourceMap.locate(resource.basePath).startLine).toBeGreaterThan(0);
        expect(resource.document.file.text.slice(0, 1)).not.toBe('');
      }
    });
  }

  it('labeled/trivy: each snippet parses on its own', async () => {
    const inputs = files(path.join(CORPORA, 'labeled/trivy')).filter((file) => file.path.endsWith('.tf'));
    expect(inputs.length).toBeGreaterThan(150);
    let resources = 0;
    for (const input of inputs) {
      const result = await loadTerraformFiles([input]);
      // Snippets refer to resources they do not declare (`aws_vpc.main`): only those errors are expected.
      expect(result.errors.filter((error) => !/^reference to undeclared/.test(error.message))).toEqual([]);
      expect(result.documents).toHaveLength(1);
      resources += result.resources.length;
    }
    expect(resources).toBeGreaterThan(inputs.length);
  });
});
