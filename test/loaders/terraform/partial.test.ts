import { describe, expect, it } from 'vitest';
import { loadTerraformFiles } from '../../../src/loaders/terraform/index.js';
import { scan } from '../../../src/scan.js';
import { tempDir, writeFiles } from '../../engine/helpers.js';
import { isUnknown } from '../../../src/util/unknown.js';
import { at, byName, hcl } from './helpers.js';

/**
 * A `.tf` file named alone (`seaworthy scan main.tf`) may use names its module's other files declare: those
 * references are unknown, never errors. Scanning the whole directory keeps Terraform's own errors
 * ("Reference to undeclared input variable / local value / resource / module").
 */
const main = hcl`
  resource "aws_ecs_service" "api" {
    name            = var.name
    cluster         = aws_ecs_cluster.main.id
    task_definition = local.task_definition
    iam_role        = module.roles.service_role_arn
    launch_type     = "FARGATE"
    count_value     = count.index
  }
`;

describe('Terraform files scanned without the rest of their module', () => {
  it('a file named alone: undeclared variables, locals, resources and modules are unknown, with no error', async () => {
    const result = await loadTerraformFiles([{ path: 'app/main.tf', text: main, explicit: true }]);
    const service = byName(result, 'aws_ecs_service.api');
    for (const attribute of ['name', 'cluster', 'task_definition', 'iam_role']) expect(isUnknown(at(service, attribute)), attribute).toBe(true);
    expect(at(service, 'launch_type')).toBe('FARGATE');
    // What the references would point to is kept (the graph may still follow them when the target is scanned).
    expect(service.refs).toEqual(expect.arrayContaining(['aws_ecs_cluster.main', 'module.roles']));
    // `count.index` outside a resource with count is broken whatever the other files say.
    expect(result.errors.map((error) => [error.line, error.message])).toEqual([[7, '"count" used outside a resource or module with count']]);
  });

  it('the same file found by walking its directory: Terraform\'s errors, with lines', async () => {
    const result = await loadTerraformFiles([{ path: 'app/main.tf', text: main, explicit: false }]);
    expect(result.errors.map((error) => [error.line, error.message])).toEqual([
      [2, 'reference to undeclared input variable "name"'],
      [3, 'reference to undeclared resource "aws_ecs_cluster.main"'],
      [4, 'reference to undeclared local value "task_definition"'],
      [5, 'reference to undeclared module "roles"'],
      [7, '"count" used outside a resource or module with count'],
    ]);
  });

  it('a file named alone with one of its siblings: what the sibling declares is evaluated', async () => {
    const variables = hcl`
      variable "name" {
        default = "api"
      }
    `;
    const result = await loadTerraformFiles([
      { path: 'app/main.tf', text: main, explicit: true },
      { path: 'app/variables.tf', text: variables, explicit: true },
    ]);
    expect(at(byName(result, 'aws_ecs_service.api'), 'name')).toBe('api');
    expect(result.errors.map((error) => error.line)).toEqual([7]);
  });

  it('a module file named alone is evaluated as a root: its undeclared inputs are unknown', async () => {
    const module = hcl`
      resource "aws_iam_role" "task" {
        name               = "\${var.prefix}-task"
        assume_role_policy = data.aws_iam_policy_document.assume.json
      }
    `;
    const result = await loadTerraformFiles([{ path: 'modules/task/main.tf', text: module, explicit: true }]);
    expect(result.errors).toEqual([]);
    const role = byName(result, 'aws_iam_role.task');
    expect(isUnknown(at(role, 'name'))).toBe(true);
    expect(role.references).toContainEqual({ path: ['assume_role_policy'], address: 'data.aws_iam_policy_document.assume', attribute: 'json' });
  });

  it('an override file named alone: a block it overrides may be elsewhere, no error', async () => {
    const override = hcl`
      resource "aws_ecs_service" "api" {
        launch_type = "EC2"
      }
    `;
    const alone = await loadTerraformFiles([{ path: 'app/override.tf', text: override, explicit: true }]);
    expect(alone.errors).toEqual([]);
    const walked = await loadTerraformFiles([{ path: 'app/override.tf', text: override }]);
    expect(walked.errors.map((error) => [error.line, error.message])).toEqual([
      [1, 'missing resource "aws_ecs_service" "api" to override: an override file can only override a block declared in the module\'s other files'],
    ]);
  });

  it('a file whose directory lost other .tf files to --exclude or .gitignore reads as one named alone', async () => {
    const result = await loadTerraformFiles([{ path: 'app/main.tf', text: main, incompleteDirectory: true }]);
    expect(result.errors.map((error) => error.line)).toEqual([7]);
  });

  it('an output of a called module with files left out is unknown; a complete module still says the output is undeclared', async () => {
    const root = hcl`
      module "app" {
        source = "./mod"
      }
      resource "aws_ssm_parameter" "p" {
        name  = "bucket"
        value = module.app.bucket
      }
    `;
    const module = hcl`
      resource "aws_s3_bucket" "b" {
        bucket = "b"
      }
    `;
    for (const [incompleteDirectory, errors] of [
      [true, []],
      [false, [[6, 'reference to undeclared output "bucket" of module.app']]],
    ] as const) {
      const result = await loadTerraformFiles([
        { path: 'main.tf', text: root },
        { path: 'mod/main.tf', text: module, incompleteDirectory },
      ]);
      expect(result.errors.map((error) => [error.line, error.message])).toEqual(errors);
      expect(isUnknown(at(byName(result, 'aws_ssm_parameter.p'), 'value'))).toBe(true);
    }
  });

  it('scan(): --exclude and .gitignore mark the directories whose .tf files they leave out', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'mod/secrets.tf\n',
      'main.tf': 'module "app" {\n  source = "./mod"\n}\nresource "aws_ssm_parameter" "p" {\n  name  = "x"\n  type  = "String"\n  value = "${module.app.bucket}-${module.app.key}"\n}\n',
      'mod/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
      'mod/outputs.tf': 'output "bucket" {\n  value = aws_s3_bucket.b.id\n}\n',
      'mod/secrets.tf': 'output "key" {\n  value = "k"\n}\n',
    });
    const options = { cwd: dir, noConfig: true, rules: [] };
    expect((await scan(['.'], { ...options, exclude: ['outputs.tf'] })).errors).toEqual([]);
    // An ignored override file declares nothing: the module stays complete, and a typo is still an error.
    writeFiles(dir, { 'mod/local_override.tf': 'resource "aws_s3_bucket" "b" {\n  force_destroy = true\n}\n', '.gitignore': 'mod/secrets.tf\n*_override.tf\n' });
    const typo = 'resource "aws_ssm_parameter" "q" {\n  name  = "y"\n  type  = "String"\n  value = var.nmae\n}\n';
    writeFiles(dir, { 'mod/typo.tf': typo });
    expect((await scan(['.'], { ...options, exclude: ['secrets.tf'] })).errors.map((error) => error.message)).toEqual([]);
    writeFiles(dir, { '.gitignore': '*_override.tf\n' });
    expect((await scan(['.'], options)).errors.map((error) => error.message)).toEqual(['reference to undeclared input variable "nmae"']);
    writeFiles(dir, { 'mod/typo.tf': '' });
    expect((await scan(['.'], options)).errors).toEqual([]);
    // Without the .gitignore entry every file is there, and Terraform's own error comes back for a real typo.
    writeFiles(dir, { '.gitignore': '', 'main.tf': 'module "app" {\n  source = "./mod"\n}\nresource "aws_ssm_parameter" "p" {\n  name  = "x"\n  type  = "String"\n  value = module.app.buckett\n}\n' });
    expect((await scan(['.'], options)).errors.map((error) => error.message)).toEqual(['reference to undeclared output "buckett" of module.app']);
    // The module's whole directory left out: a notice (its resources are not checked), not an error.
    expect((await scan(['.'], { ...options, exclude: ['mod/'] })).errors).toEqual([
      { path: 'main.tf', line: 1, notice: true, message: 'module "app": its source "./mod" was left out of the scan (--exclude or .gitignore): its resources are not checked' },
    ]);
  });
});
