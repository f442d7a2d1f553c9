import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTerraformAddressLocator, isTerraformPlan, loadTerraformFiles, loadTerraformPlan, terraformPlanArtifact } from '../../../src/loaders/terraform/index.js';
import { byName, span, where } from './helpers.js';
import { scan } from '../../../src/scan.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/terraform/plan');
const read = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
const planText = read('plan.json');

describe('terraform show -json plan files', () => {
  it('are recognised by content', () => {
    expect(isTerraformPlan(JSON.parse(planText))).toBe(true);
    expect(isTerraformPlan({ format_version: '1.0', values: { root_module: {} } })).toBe(true);
    expect(isTerraformPlan({ format_version: '1.0' })).toBe(false);
    expect(isTerraformPlan({ planned_values: {} })).toBe(false);
    expect(terraformPlanArtifact.matches(JSON.parse(planText))).toBe(true);
  });

  it('give the planned resources of the root and child modules, unknown values marked', () => {
    const result = loadTerraformPlan({ path: 'plan.json', text: planText });
    expect(result.errors).toEqual([]);
    expect(result.recognized).toBe(true);
    expect(result.resources.map((resource) => [resource.type, resource.name, resource.module, resource.key])).toEqual([
      ['aws_security_group', 'aws_security_group.lb', '', undefined],
      ['aws_ecs_cluster', 'module.web[0].aws_ecs_cluster.this', 'module.web[0]', undefined],
    ]);
    const sg = result.resources[0];
    expect(sg?.body.ingress).toMatchObject([{ cidr_blocks: ['0.0.0.0/0'], from_port: 443 }]);
    expect(sg?.body.arn).toEqual({ $unknown: 'aws_security_group.lb.arn (known after apply)' });
    expect(sg?.body.vpc_id).toEqual({ $unknown: 'aws_security_group.lb.vpc_id (known after apply)' });
    expect(sg?.body.description).toBe('Managed by Terraform');
  });

  it('locate paths inside the JSON file', () => {
    const result = loadTerraformPlan({ path: 'plan.json', text: planText });
    const sg = result.resources[0];
    if (!sg) throw new Error('no resource');
    const cidr = sg.document.sourceMap.locate([...sg.basePath, 'ingress', 0, 'cidr_blocks', 0]);
    expect(cidr).toEqual(span(planText, '"0.0.0.0/0"', '"0.0.0.0/0"'));
    // An attribute the plan only knows as unknown: the values object.
    expect(sg.document.sourceMap.locate([...sg.basePath, 'arn']).startLine).toBe(where(planText, '"values": {').line);
  });

  it('reading a state file (values)', () => {
    const state = JSON.stringify({ format_version: '1.0', values: { root_module: { resources: [{ address: 'data.aws_region.r', mode: 'data', type: 'aws_region', name: 'r', values: { name: 'eu-west-1' } }] } } });
    const result = loadTerraformPlan({ path: 'state.json', text: state });
    expect(result.resources.map((resource) => [resource.type, resource.name, resource.mode])).toEqual([['data.aws_region', 'data.aws_region.r', 'data']]);
  });

  const bad: Array<{ name: string; text: string; message: RegExp; line?: number; recognized: boolean }> = [
    { name: 'binary plan (zip)', text: 'PK\u0003\u0004\u0014\u0000\u0008\u0000tfplan\u0000\u0000garbage', message: /probably a binary Terraform plan file \(`terraform plan -out`\), not scanned; scan its JSON form instead: `terraform show -json plan.json > plan-show.json`/, recognized: true },
    { name: 'other binary data', text: '\u0000\u0001\u0002\u0003', message: /binary file/, recognized: false },
    { name: 'truncated plan JSON', text: planText.slice(0, 900), message: /^truncated or malformed Terraform plan JSON/, line: planText.slice(0, 900).split('\n').length, recognized: true },
    { name: 'malformed plan JSON', text: '{\n  "format_version": "1.2",\n  "planned_values": {,}\n}\n', message: /^truncated or malformed Terraform plan JSON: JSON syntax error/, line: 3, recognized: true },
  ];
  for (const testCase of bad) {
    it(`gives a clear error for ${testCase.name}`, () => {
      const result = loadTerraformPlan({ path: 'plan.json', text: testCase.text });
      expect(result.resources).toEqual([]);
      expect(result.recognized).toBe(testCase.recognized);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.message).toMatch(testCase.message);
      if (testCase.line !== undefined) expect(result.errors[0]?.line).toBe(testCase.line);
    });
  }

  it('JSON that is not a plan is not recognised and not an error', () => {
    expect(loadTerraformPlan({ path: 'x.json', text: '{"a": 1}' })).toMatchObject({ recognized: false, errors: [], resources: [] });
  });

  it('map plan addresses back to the .tf sources scanned with them', async () => {
    const sources = await loadTerraformFiles([
      { path: 'main.tf', text: read('main.tf') },
      { path: 'modules/web/main.tf', text: read('modules/web/main.tf') },
    ]);
    expect(sources.errors).toEqual([]);
    const locator = createTerraformAddressLocator(sources.resources);
    const plan = loadTerraformPlan({ path: 'plan.json', text: planText });
    const [sg, cluster] = plan.resources;
    if (!sg || !cluster) throw new Error('missing plan resources');

    const main = read('main.tf');
    expect(locator.locate('aws_security_group.lb', ['ingress', 0, 'cidr_blocks'])).toEqual({ path: 'main.tf', range: span(main, 'cidr_blocks = ["0.0.0.0/0"]', ']') });
    expect(locator.find('module.web[0].aws_ecs_cluster.this')).toMatchObject({ exact: true });
    expect(locator.find('module.web[3].aws_ecs_cluster.this')).toMatchObject({ exact: false, resource: { name: 'module.web[0].aws_ecs_cluster.this' } });
    expect(locator.find('aws_s3_bucket.nope')).toBeUndefined();

    // A plan resource re-pointed at its source: plan values, .tf lines.
    const relocated = locator.relocate(cluster);
    expect(relocated.body).toBe(cluster.body);
    expect(relocated.document.file.path).toBe('modules/web/main.tf');
    const web = read('modules/web/main.tf');
    expect(relocated.document.sourceMap.locate([...relocated.basePath, 'setting', 0, 'value'])).toEqual(span(web, 'value = "disabled"', '"disabled"'));
    expect(byName(sources, 'module.web[0].aws_ecs_cluster.this').body).toEqual({ name: 'web', setting: [{ name: 'containerInsights', value: 'disabled' }] });
  });

  it('prefer the sources evaluated from the plan file directory when several roots give the address', async () => {
    const call = (dir: string): string => `# ${dir}\nmodule "web" {\n  source = "../modules/web"\n  count  = 1\n}\n`;
    const sources = await loadTerraformFiles([
      { path: 'dev/main.tf', text: call('dev') },
      { path: 'prod/main.tf', text: call('prod') },
      { path: 'modules/web/main.tf', text: read('modules/web/main.tf') },
    ]);
    const locator = createTerraformAddressLocator(sources.resources);
    const plan = loadTerraformPlan({ path: 'prod/plan.json', text: planText });
    const cluster = plan.resources[1];
    if (!cluster) throw new Error('missing plan resource');
    const relocated = locator.relocate(cluster);
    const source = locator.find(cluster.address, 'prod');
    expect(source?.resource.rootDir).toBe('prod');
    expect(relocated.basePath).toEqual(source?.resource.basePath);
    expect(locator.find(cluster.address, 'dev')?.resource.rootDir).toBe('dev');
  });

  it('scanned with their .tf sources, report findings at the .tf lines', async () => {
    const report = await scan([FIXTURES], { cwd: FIXTURES, noConfig: true, today: '2026-01-01' });
    const insights = report.findings.filter((finding) => finding.ruleId === 'obs/ecs-container-insights');
    expect(insights.map((finding) => `${finding.location.path}:${finding.location.startLine}`)).toEqual(['modules/web/main.tf:6']);
    expect(report.findings.filter((finding) => finding.location.path === 'plan.json')).toEqual([]);
  });
});
