import { describe, expect, it } from 'vitest';
import { isUnknown } from '../../../src/util/unknown.js';
import { at, byName, hcl, load, loadClean, names } from './helpers.js';

describe('Terraform evaluation: values as written and computed', () => {
  const cases: Array<{ name: string; code: string; expected: unknown; attribute?: string }> = [
    { name: 'string, number, bool, null', code: 'a = ["s", 1.5, true, null, -2]', expected: ['s', 1.5, true, null, -2] },
    { name: 'escapes in quoted strings', code: 'a = "tab\\t quote\\" nl\\n uni\\u00e9 $${lit} %%{dir}"', expected: 'tab\t quote" nl\n unié ${lit} %{dir}' },
    { name: 'interpolation of locals and numbers', code: 'a = "${local.name}-${local.port}"', expected: 'web-8080' },
    { name: 'a lone interpolation keeps the type', code: 'a = "${local.port}"', expected: 8080 },
    { name: 'heredoc keeps lines', code: 'a = <<EOT\n  one ${local.name}\ntwo\nEOT', expected: '  one web\ntwo\n' },
    { name: 'indented heredoc strips the common indentation', code: 'a = <<-EOT\n    one\n      two\n    EOT', expected: 'one\n  two\n' },
    { name: 'template directives', code: 'a = "%{ if local.port > 80 }high%{ else }low%{ endif }:%{ for p in local.ports }${p},%{ endfor }"', expected: 'high:80,443,' },
    { name: 'strip markers', code: 'a = "x ${~ local.name ~} y %{~ if true ~} z %{~ endif ~} ."', expected: 'xwebyz.' },
    { name: 'heredoc directives with strip markers and indentation', code: 'a = <<-EOT\n    start\n    %{ for p in local.ports ~}\n    port ${p}\n    %{ endfor ~}\n    end\n  EOT', expected: 'start\nport 80\nport 443\nend\n' },
    { name: 'arithmetic and comparisons', code: 'a = [1 + 2 * 3, (1 + 2) * 3, 7 % 4, 10 / 4, 3 > 2, 2 >= 3, !true, -local.port]', expected: [7, 9, 3, 2.5, true, false, false, -8080] },
    { name: 'equality of collections', code: 'a = [local.ports == [80, 443], {a = 1} != {a = 1}, "1" == 1]', expected: [true, false, false] },
    { name: 'conditional with a known condition', code: 'a = local.port == 8080 ? "yes" : "no"', expected: 'yes' },
    { name: 'for over a list with a condition', code: 'a = [for p in local.ports : p * 2 if p > 100]', expected: [886] },
    { name: 'for over a map is in key order', code: 'a = [for k, v in { b = 2, a = 1 } : "${k}=${v}"]', expected: ['a=1', 'b=2'] },
    { name: 'for building an object, with grouping', code: 'a = { for s in ["ab", "ac", "b"] : substr(s, 0, 1) => s... }', expected: { a: ['ab', 'ac'], b: ['b'] } },
    { name: 'splat', code: 'a = local.objects[*].name', expected: ['x', 'y'] },
    { name: 'legacy splat and index', code: 'a = [local.objects.*.name, local.ports.1, local.objects[1].name]', expected: [['x', 'y'], 443, 'y'] },
    { name: 'merge (later wins) and concat', code: 'a = [merge({ a = 1, b = 1 }, null, { b = 2 }), concat([1], [2, 3])]', expected: [{ a: 1, b: 2 }, [1, 2, 3]] },
    { name: 'lookup, try, can, coalesce', code: 'a = [lookup({ a = 1 }, "b", 0), try(local.objects[5].name, "none"), can(local.objects[5]), coalesce(null, "", "z"), coalescelist([], [1])]', expected: [0, 'none', false, 'z', [1]] },
    { name: 'type conversion functions', code: 'a = [tostring(5), tonumber("7"), tobool("true"), toset(["b", "a", "b"]), tolist(["x"])]', expected: ['5', 7, true, ['a', 'b'], ['x']] },
    { name: 'collection functions', code: 'a = [length(local.ports), contains(local.ports, 443), keys({ b = 1, a = 2 }), values({ b = 1, a = 2 }), flatten([[1], [2, [3]]]), distinct([1, 1, 2]), compact(["a", "", null]), element(["a", "b"], 3), one(["x"]), slice([1, 2, 3], 1, 3), zipmap(["a"], [1]), range(3), reverse([1, 2])]', expected: [2, true, ['a', 'b'], [2, 1], [1, 2, 3], [1, 2], ['a'], 'b', 'x', [2, 3], { a: 1 }, [0, 1, 2], [2, 1]] },
    { name: 'string functions', code: 'a = [join("-", ["a", "b"]), split(",", "a,b"), format("%s:%d", "p", 80), lower("AB"), upper("ab"), replace("a.b.c", ".", "/"), trimspace(" x "), trimprefix("arn:x", "arn:"), substr("hello", 1, 3), startswith("abc", "ab"), formatlist("%s!", ["a", "b"])]', expected: ['a-b', ['a', 'b'], 'p:80', 'ab', 'AB', 'a/b/c', 'x', 'x', 'ell', true, ['a!', 'b!']] },
    { name: 'numeric and network functions', code: 'a = [min(3, 1), max([2, 5]...), abs(-2), ceil(1.2), floor(1.8), cidrsubnet("10.0.0.0/16", 8, 2), cidrhost("10.0.1.0/24", 5)]', expected: [1, 5, 2, 2, 1, '10.0.2.0/24', '10.0.1.5'] },
    { name: 'jsondecode and jsonencode round trip', code: 'a = jsondecode("{\\"a\\": [1, true]}")', expected: { a: [1, true] } },
    { name: 'jsonencode inside a string is text', code: 'a = "p=${jsonencode({ b = 1, a = "x" })}"', expected: 'p={"a":"x","b":1}' },
    { name: 'sets iterate with their elements as keys', code: 'a = [for k, v in toset(["b", "a"]) : "${k}=${v}"]', expected: ['a=a', 'b=b'] },
    { name: 'provider and path values', code: 'a = [path.module, basename(path.module)]', expected: ['dir', 'dir'] },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const result = await loadClean({
        'dir/main.tf': hcl`
          locals {
            name    = "web"
            port    = 8080
            ports   = [80, 443]
            objects = [{ name = "x" }, { name = "y" }]
          }
        ` + `resource "null_resource" "r" {\n  ${testCase.code}\n}\n`,
      });
      expect(at(byName(result, 'null_resource.r'), testCase.attribute ?? 'a')).toEqual(testCase.expected);
    });
  }
});

describe('Terraform evaluation: an argument set to null is omitted', () => {
  it('at the top, in nested blocks and from a conditional or a variable default, but not inside a value', async () => {
    const result = await loadClean({
      'dir/main.tf': hcl`
        variable "kms" {
          type    = string
          default = null
        }
        resource "aws_instance" "i" {
          ami           = "ami-1"
          ebs_optimized = null
          kms           = var.kms
          monitoring    = false ? true : null
          tags          = { a = null }
          metadata_options {
            http_tokens = null
          }
        }
      `,
    });
    expect(byName(result, 'aws_instance.i').body).toEqual({ ami: 'ami-1', tags: { a: null }, metadata_options: [{}] });
  });
});

describe('Terraform templatefile(): a template file of the scan rendered with its variables', () => {
  const template = [
    '[',
    '  {',
    '    "name": "${name}",',
    '    "image": "${image}",',
    '    "privileged": true,',
    '    "portMappings": [%{ for port in ports }{ "containerPort": ${port} }%{ if port != ports[length(ports) - 1] },%{ endif }%{ endfor }]',
    '  }',
    ']',
  ].join('\n');
  const main = (vars: string): string => `resource "aws_ecs_task_definition" "t" {\n  container_definitions = templatefile("\${path.module}/cd.json.tftpl", ${vars})\n}\n`;

  it('interpolations and directives take the given variables only', async () => {
    const result = await loadClean({ 'dir/main.tf': main('{ name = "web", image = "nginx:1.27", ports = [80, 443] }'), 'dir/cd.json.tftpl': template });
    const text = at(byName(result, 'aws_ecs_task_definition.t'), 'container_definitions');
    expect(JSON.parse(String(text))).toEqual([{ name: 'web', image: 'nginx:1.27', privileged: true, portMappings: [{ containerPort: 80 }, { containerPort: 443 }] }]);
  });

  it('a variable the files do not resolve leaves the text of the template, its JSON still readable around it', async () => {
    const result = await loadClean({
      'dir/main.tf': main('{ name = "web", image = aws_ecr_repository.app.repository_url, ports = [80] }') + 'resource "aws_ecr_repository" "app" {\n  name = "app"\n}\n',
      'dir/cd.json.tftpl': template,
    });
    const value = at(byName(result, 'aws_ecs_task_definition.t'), 'container_definitions');
    expect(isUnknown(value)).toBe(true);
    expect(JSON.stringify(value)).toContain('\\"privileged\\": true');
  });

  it('a template that renders itself is unknown, not rendered without end', async () => {
    const result = await loadClean({
      'dir/main.tf': 'resource "aws_instance" "i" {\n  user_data = templatefile("${path.module}/loop.tpl", {})\n}\n',
      'dir/loop.tpl': 'a ${templatefile("dir/loop.tpl", {})} ${templatefile("dir/loop.tpl", {})}',
    });
    expect(isUnknown(at(byName(result, 'aws_instance.i'), 'user_data'))).toBe(true);
  });

  it('a template that is not in the scan, or an unknown path, stays unknown', async () => {
    const result = await loadClean({ 'dir/main.tf': main('{ name = "web", image = "x", ports = [] }') });
    expect(isUnknown(at(byName(result, 'aws_ecs_task_definition.t'), 'container_definitions'))).toBe(true);
  });
});

describe('Terraform evaluation: unknown values are never guessed', () => {
  const cases: Array<{ name: string; code: string; expected: unknown; refs?: string[] }> = [
    { name: 'resource attribute', code: 'a = aws_iam_role.task.arn', expected: { $unknown: 'aws_iam_role.task.arn' }, refs: ['aws_iam_role.task'] },
    { name: 'indexed resource attribute', code: 'a = aws_iam_role.task[0].arn', expected: { $unknown: 'aws_iam_role.task[0].arn' }, refs: ['aws_iam_role.task[0]'] },
    { name: 'resource. prefix (an escape for type names like reserved words)', code: 'a = resource.aws_iam_role.task.arn', expected: { $unknown: 'resource.aws_iam_role.task.arn' }, refs: ['aws_iam_role.task'] },
    { name: 'data source attribute', code: 'a = data.aws_region.current.name', expected: { $unknown: 'data.aws_region.current.name' }, refs: ['data.aws_region.current'] },
    { name: 'template with an unknown part', code: 'a = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"', expected: { $unknown: '"arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"' }, refs: ['data.aws_partition.current'] },
    { name: 'function not emulated', code: 'a = timestamp()', expected: { $unknown: 'timestamp()' } },
    { name: 'templatefile', code: 'a = templatefile("x.tpl", { a = aws_iam_role.task.name })', expected: { $unknown: 'templatefile("x.tpl", { a = aws_iam_role.task.name })' }, refs: ['aws_iam_role.task'] },
    { name: 'conditional on an unknown', code: 'a = aws_iam_role.task.name == "x" ? 1 : 2', expected: { $unknown: 'aws_iam_role.task.name == "x" ? 1 : 2' }, refs: ['aws_iam_role.task'] },
    { name: 'unknown condition with equal branches', code: 'a = aws_iam_role.task.name == "x" ? 1 : 1', expected: 1 },
    { name: 'try of an unknown is unknown', code: 'a = try(aws_iam_role.task.arn, "fallback")', expected: { $unknown: 'try(aws_iam_role.task.arn, "fallback")' }, refs: ['aws_iam_role.task'] },
    { name: 'known elements stay known', code: 'a = [1, aws_iam_role.task.arn]', expected: [1, { $unknown: 'aws_iam_role.task.arn' }] },
    { name: 'false && unknown is false', code: 'a = [false && aws_iam_role.task.name == "", true || aws_iam_role.task.name == ""]', expected: [false, true] },
    { name: 'required variable without a value', code: 'a = var.required', expected: { $unknown: 'var.required' } },
    { name: 'remote module output', code: 'a = module.vpc.vpc_id', expected: { $unknown: 'module.vpc.vpc_id' }, refs: ['module.vpc'] },
    { name: 'path.cwd and terraform.workspace', code: 'a = [path.cwd, terraform.workspace]', expected: [{ $unknown: 'path.cwd' }, { $unknown: 'terraform.workspace' }] },
    { name: 'for with an unknown condition keeps the known elements', code: 'a = { for k, v in { a = 1, b = aws_iam_role.task.name } : k => v if v != null }', expected: { a: 1, b: { $unknown: 'aws_iam_role.task.name' } } },
    { name: 'regex replace: other patterns than literals are not emulated', code: 'a = replace("abc", "/b+/", "x")', expected: { $unknown: 'replace("abc", "/b+/", "x")' } },
    {
      name: 'regex replace of anchored or plain literals (terraform-aws-iam github-oidc-role subjects)',
      code: 'a = [replace("repo:org/app:*", "/^repo:/", ""), replace("*", "/^repo:/", ""), replace("app.git", "/\\\\.git$/", ""), replace("https://x/", "/https:\\\\/\\\\//", ""), replace("a-b-c", "/-/", "+"), replace("ab", "/^ab$/", "z")]',
      expected: ['org/app:*', '*', 'app', 'x/', 'a+b+c', 'z'],
    },
    { name: 'regex replace with a class or a $ reference is not emulated', code: 'a = [replace("a1", "/\\\\d/", ""), replace("ab", "/^a/", "$1")]', expected: [{ $unknown: 'replace("a1", "/\\\\d/", "")' }, { $unknown: 'replace("ab", "/^a/", "$1")' }] },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const result = await loadClean({
        'main.tf':
          hcl`
            variable "required" {}
            resource "aws_iam_role" "task" {}
            data "aws_region" "current" {}
            data "aws_partition" "current" {}
            module "vpc" {
              source = "terraform-aws-modules/vpc/aws"
            }
          ` + `resource "null_resource" "r" {\n  ${testCase.code}\n}\n`,
      });
      const resource = byName(result, 'null_resource.r');
      expect(at(resource, 'a')).toEqual(testCase.expected);
      if (testCase.refs) expect(resource.refs).toEqual(testCase.refs);
    });
  }

  it('unknown markers are recognised by isUnknown', async () => {
    const result = await loadClean({ 'main.tf': 'resource "aws_iam_role" "task" {}\nresource "x" "y" {\n  a = aws_iam_role.task.arn\n}\n' });
    expect(isUnknown(at(byName(result, 'x.y'), 'a'))).toBe(true);
  });
});

describe('Terraform variables', () => {
  const variables = hcl`
    variable "plain" {
      default = "default"
    }
    variable "typed" {
      type = object({
        port     = number
        public   = optional(bool, false)
        tags     = optional(map(string), {})
        nested   = optional(object({ enabled = optional(bool, true) }), {})
      })
      default = { port = "80" }
    }
    variable "not_nullable" {
      type     = string
      default  = "fallback"
      nullable = false
    }
    variable "required" {
      type = string
    }
  `;
  const main = hcl`
    resource "x" "y" {
      plain        = var.plain
      typed        = var.typed
      not_nullable = var.not_nullable
      required     = var.required
    }
  `;

  it('defaults, type conversion and optional attribute defaults', async () => {
    const result = await loadClean({ 'variables.tf': variables, 'main.tf': main });
    const resource = byName(result, 'x.y');
    expect(resource.body).toEqual({
      plain: 'default',
      typed: { port: 80, public: false, tags: {}, nested: { enabled: true } },
      not_nullable: 'fallback',
      required: { $unknown: 'var.required' },
    });
  });

  it('tfvars precedence: terraform.tfvars < terraform.tfvars.json < *.auto.tfvars in lexical order; other .tfvars only when named', async () => {
    const result = await loadClean({
      'variables.tf': variables,
      'main.tf': main,
      'terraform.tfvars': 'plain = "tfvars"\nrequired = "from-tfvars"\n',
      'terraform.tfvars.json': '{"plain": "tfvars-json"}',
      'b.auto.tfvars': 'plain = "b-auto"\n',
      'a.auto.tfvars': 'plain = "a-auto"\ntyped = { port = 443, public = true, extra = "dropped" }\n',
      'prod.tfvars': 'plain = "prod"\n',
    });
    const resource = byName(result, 'x.y');
    expect(at(resource, 'plain')).toBe('b-auto');
    expect(at(resource, 'required')).toBe('from-tfvars');
    expect(at(resource, 'typed')).toEqual({ port: 443, public: true, tags: {}, nested: { enabled: true } });

    const named = await loadClean(
      { 'variables.tf': variables, 'main.tf': main, 'b.auto.tfvars': 'plain = "b-auto"\n', 'prod.tfvars': 'plain = "prod"\nnot_nullable = null\n' },
      { varFiles: ['prod.tfvars'] },
    );
    expect(at(byName(named, 'x.y'), 'plain')).toBe('prod');
    expect(at(byName(named, 'x.y'), 'not_nullable')).toBe('fallback');
    // A variable file nothing applies is named once, with the option that applies it.
    expect(result.notices.map((notice) => [notice.path, notice.message])).toEqual([['prod.tfvars', expect.stringContaining('--var-file prod.tfvars')]]);
    expect(named.notices).toEqual([]);
  });

  it('a task definition whose container definitions the files do not give is named in one notice (its containers go unchecked)', async () => {
    // A template whose JSON is read around its unknown interpolations (the heredoc) is checked: not named.
    const task = (name: string, containers: string) => `resource "aws_ecs_task_definition" "${name}" {\n  family = "${name}"\n  container_definitions = ${containers}\n}\n`;
    const result = await load({
      'main.tf': `variable "otel" { type = bool }\nvariable "image" {}\nlocals {\n  app = { name = "app", image = "nginx:1.27" }\n}\n${task('carts', 'jsonencode(concat([local.app], var.otel ? [local.app] : []))')}${task('known', 'jsonencode([local.app])')}${task('remote', 'data.external.defs.result.json')}${task('heredoc', '<<EOF\n[{"name": "app", "image": "${var.image}"}]\nEOF')}`,
    });
    expect(result.notices.map((notice) => [notice.path, notice.line, notice.message])).toEqual([
      ['main.tf', 8, expect.stringMatching(/^The container definitions of aws_ecs_task_definition\.carts \(and 1 more: aws_ecs_task_definition\.remote\) are not known from the files \(jsonencode\(concat\(\[local\.app\], var\.otel \? \[local\.app\] : \[\]\)\)\): their containers are not checked\. Give the values they depend on/)],
    ]);
    // The output of a module that is not installed: no variable value gives it, the module's source does.
    const fromModule = await load({
      'main.tf': `module "defs" {\n  source = "cloudposse/ecs-container-definition/aws"\n}\n${task('app', 'module.defs.json_map_encoded_list')}`,
    });
    expect(fromModule.notices.map((notice) => notice.message)).toContainEqual(expect.stringMatching(/^The container definitions of aws_ecs_task_definition\.app are not known from the files \(module\.defs\.json_map_encoded_list\): their containers are not checked\. They come from a module: scan it with its source \(`terraform init`/));
  });

  it('a module call that leaves a required variable unset is an error (as terraform validate says); the variable is unknown', async () => {
    const result = await load({
      'main.tf': 'module "svc" {\n  source = "./svc"\n  name   = "carts"\n}\n',
      'svc/main.tf': 'variable "name" {}\nvariable "otel" { type = bool }\nvariable "nullable" { default = null }\nresource "aws_ecs_service" "this" {\n  name = var.name\n  enable_execute_command = var.otel\n}\n',
    });
    expect(result.errors.map((error) => [error.path, error.line, error.message])).toEqual([['main.tf', 1, 'module "svc": required variable "otel" not set by the call (Terraform refuses it); unknown here']]);
    expect(isUnknown(at(byName(result, 'module.svc.aws_ecs_service.this'), 'enable_execute_command'))).toBe(true);
  });

  it('errors in variable files never quote what was written there (a password without quotes)', async () => {
    const unquoted = await load({ 'variables.tf': variables, 'main.tf': main, 'terraform.tfvars': 'plain = correcthorsebatterystaple\n' });
    const syntax = await load({ 'variables.tf': variables, 'main.tf': main, 'terraform.tfvars': 'plain = "x"\nrequired = hunter2 pass\n' });
    const messages = [...unquoted.errors, ...syntax.errors].map((error) => error.message);
    expect(messages).toEqual(['unknown name (variable files hold constants)', expect.stringMatching(/^HCL syntax error: unexpected input \(line 2, column \d+\)$/)]);
  });

  it('a variable file with a syntax error: its readable lines are a document (for the secret rules), not variable values', async () => {
    const result = await load({ 'variables.tf': variables, 'main.tf': main, 'terraform.tfvars': 'plain = "from-broken"\nrequired = hunter2 pass\n' });
    expect(result.errors.map((error) => [error.path, error.line])).toEqual([['terraform.tfvars', 2]]);
    expect(result.documents.find((doc) => doc.file.path === 'terraform.tfvars')?.data).toEqual({ plain: 'from-broken' });
    // Terraform refuses the file: the variable keeps its default.
    expect(at(byName(result, 'x.y'), 'plain')).not.toBe('from-broken');
  });

  it('tfvars files are documents with positions', async () => {
    const tfvars = 'plain = "tfvars"\n\nrequired = "x"\ntyped = {\n  port = 8080\n}\n';
    const result = await loadClean({ 'variables.tf': variables, 'main.tf': main, 'terraform.tfvars': tfvars });
    const document = result.documents.find((doc) => doc.file.path === 'terraform.tfvars');
    expect(document?.data).toEqual({ plain: 'tfvars', required: 'x', typed: { port: 8080 } });
    expect(document?.sourceMap.locate(['required'])).toMatchObject({ startLine: 3, startColumn: 1, endLine: 3, endColumn: 15 });
    expect(document?.sourceMap.locate(['typed', 'port'])).toMatchObject({ startLine: 5, startColumn: 3, endLine: 5, endColumn: 14 });
  });

  it('JSON variable files are documents too; a malformed one is an error with its line', async () => {
    const result = await load({ 'variables.tf': variables, 'main.tf': main, 'terraform.tfvars.json': '{\n  "required": "json"\n}\n', 'x.auto.tfvars.json': '{\n  "plain": ,\n}' });
    expect(at(byName(result, 'x.y'), 'required')).toBe('json');
    expect(result.documents.find((doc) => doc.file.path === 'terraform.tfvars.json')?.sourceMap.locate(['required']).startLine).toBe(2);
    expect(result.errors).toEqual([{ path: 'x.auto.tfvars.json', line: 2, message: expect.stringMatching(/^invalid JSON variable file: JSON syntax error/) }]);
  });

  it('locals referring to each other in any order, and a cycle is unknown', async () => {
    const result = await load({
      'main.tf': hcl`
        locals {
          c = "\${local.b}-c"
          b = "\${local.a}-b"
          a = "a"
          loop1 = local.loop2
          loop2 = local.loop1
        }
        resource "x" "y" {
          chain = local.c
          loop  = local.loop1
        }
      `,
    });
    const resource = byName(result, 'x.y');
    expect(at(resource, 'chain')).toBe('a-b-c');
    expect(isUnknown(at(resource, 'loop'))).toBe(true);
    expect(result.errors).toEqual([{ path: 'main.tf', line: 5, message: 'local.loop1 depends on itself (a cycle): unknown' }]);
  });

  it('format() with unknown arguments is the template string it stands for', async () => {
    const result = await loadClean({
      'main.tf': [
        'variable "account" {',
        '  type = string',
        '}',
        'resource "x" "y" {',
        '  arn    = format("arn:%s:iam::%s:oidc-provider/%s", "aws", var.account, "oidc.example.com")',
        '  quoted = format("100%% \\"%s\\" $${x} %d", var.account, 7)',
        '  padded = format("%5s", var.account)',
        '}',
        '',
      ].join('\n'),
    });
    const resource = byName(result, 'x.y');
    expect(at(resource, 'arn')).toEqual({ $unknown: '"arn:aws:iam::${var.account}:oidc-provider/oidc.example.com"' });
    expect(at(resource, 'quoted')).toEqual({ $unknown: '"100% \\"${var.account}\\" $${x} 7"' });
    expect(at(resource, 'padded')).toEqual({ $unknown: 'format("%5s", var.account)' });
  });

  it('format() with explicit argument indexes is unknown, not the format string', async () => {
    const result = await loadClean({ 'main.tf': 'resource "x" "y" {\n  a = format("%[2]s/%[1]s", "a", "b")\n}\n' });
    expect(isUnknown(at(byName(result, 'x.y'), 'a'))).toBe(true);
  });

  it('chained conditionals group to the right, as in HCL; parentheses group as written', async () => {
    const result = await loadClean({
      'main.tf': hcl`
        resource "x" "y" {
          first  = true ? "a" : false ? "b" : "c"
          second = false ? "a" : true ? "b" : "c"
          last   = false ? "a" : false ? "b" : false ? "c" : "d"
          parens = (true ? false : true) ? "x" : "y"
        }
      `,
    });
    expect(byName(result, 'x.y').body).toEqual({ first: 'a', second: 'b', last: 'd', parens: 'y' });
  });
});

describe('Terraform jsonencode: container definitions and policies are structured', () => {
  it('container definitions from jsonencode, with known and unknown parts', async () => {
    const result = await loadClean({
      'main.tf': hcl`
        data "aws_ssm_parameter" "image" {
          name = "/app/image"
        }
        locals {
          environment = [{ name = "MODE", value = "prod" }]
        }
        resource "aws_ecs_task_definition" "app" {
          family = "app"
          container_definitions = jsonencode([
            {
              name        = "app"
              image       = data.aws_ssm_parameter.image.value
              privileged  = true
              environment = local.environment
              portMappings = [{ containerPort = 80 }]
            }
          ])
        }
      `,
    });
    const task = byName(result, 'aws_ecs_task_definition.app');
    expect(at(task, 'container_definitions')).toEqual([
      {
        name: 'app',
        image: { $unknown: 'data.aws_ssm_parameter.image.value' },
        privileged: true,
        environment: [{ name: 'MODE', value: 'prod' }],
        portMappings: [{ containerPort: 80 }],
      },
    ]);
    expect(task.references).toEqual([{ path: ['container_definitions', 0, 'image'], address: 'data.aws_ssm_parameter.image', attribute: 'value' }]);
  });

  it('JSON text around a partly unknown jsonencode value is the JSON it spells ("[${jsonencode(x)}]", Cloud Posse)', async () => {
    const result = await loadClean({
      'main.tf': [
        'variable "log_group" {',
        '  type = string',
        '}',
        'locals {',
        '  def  = { name = "app", privileged = true, logConfiguration = { logDriver = "awslogs", options = { group = var.log_group } } }',
        '  json = jsonencode(local.def)',
        '}',
        'resource "aws_ecs_task_definition" "spliced" {',
        '  container_definitions = "[${local.json}]"',
        '}',
        'resource "aws_ecs_task_definition" "broken" {',
        '  container_definitions = "[${local.json}"',
        '}',
        '',
      ].join('\n'),
    });
    expect(at(byName(result, 'aws_ecs_task_definition.spliced'), 'container_definitions')).toEqual([
      { name: 'app', privileged: true, logConfiguration: { logDriver: 'awslogs', options: { group: { $unknown: 'var.log_group' } } } },
    ]);
    expect(isUnknown(at(byName(result, 'aws_ecs_task_definition.broken'), 'container_definitions'))).toBe(true);
  });

  it('a policy from jsonencode; a heredoc JSON policy stays a string', async () => {
    const result = await loadClean({
      'main.tf': hcl`
        resource "aws_iam_policy" "encoded" {
          policy = jsonencode({
            Version   = "2012-10-17"
            Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
          })
        }
        resource "aws_iam_policy" "literal" {
          policy = <<EOF
        {"Version": "2012-10-17", "Statement": []}
        EOF
        }
      `,
    });
    expect(at(byName(result, 'aws_iam_policy.encoded'), 'policy')).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(at(byName(result, 'aws_iam_policy.literal'), 'policy')).toBe('{"Version": "2012-10-17", "Statement": []}\n');
  });
});

describe('Terraform count and for_each', () => {
  it('gives instance addresses with [n] and ["key"], and count.index / each values', async () => {
    const result = await loadClean({
      'main.tf': hcl`
        variable "names" {
          default = ["b", "a"]
        }
        resource "aws_subnet" "counted" {
          count      = 2
          cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
        }
        resource "aws_subnet" "off" {
          count = 0
        }
        resource "aws_iam_user" "set" {
          for_each = toset(var.names)
          name     = each.key
        }
        resource "aws_iam_user" "map" {
          for_each = { admin = { path = "/admin/" }, "dev.team" = { path = "/dev/" } }
          name     = each.key
          path     = each.value.path
        }
      `,
    });
    expect(names(result)).toEqual([
      'aws_subnet.counted[0]',
      'aws_subnet.counted[1]',
      'aws_iam_user.set["a"]',
      'aws_iam_user.set["b"]',
      'aws_iam_user.map["admin"]',
      'aws_iam_user.map["dev.team"]',
    ]);
    expect(at(byName(result, 'aws_subnet.counted[1]'), 'cidr_block')).toBe('10.0.1.0/24');
    expect(byName(result, 'aws_iam_user.map["dev.team"]')).toMatchObject({ key: 'dev.team', expansion: 'for_each', resourceType: 'aws_iam_user', resourceName: 'map', body: { name: 'dev.team', path: '/dev/' } });
  });

  it('an unknown count or for_each gives one instance without key, marked unknown', async () => {
    const result = await loadClean({
      'main.tf': hcl`
        data "aws_availability_zones" "all" {}
        resource "aws_subnet" "per_zone" {
          count             = length(data.aws_availability_zones.all.names)
          availability_zone = data.aws_availability_zones.all.names[count.index]
          map_public_ip_on_launch = true
        }
        resource "aws_iam_user" "each" {
          for_each = data.aws_availability_zones.all.zone_ids
          name     = each.value
        }
      `,
    });
    const subnet = byName(result, 'aws_subnet.per_zone');
    expect(subnet.expansion).toBe('unknown');
    expect(subnet.key).toBeUndefined();
    expect(at(subnet, 'map_public_ip_on_launch')).toBe(true);
    expect(isUnknown(at(subnet, 'availability_zone'))).toBe(true);
    expect(at(byName(result, 'aws_iam_user.each'), 'name')).toEqual({ $unknown: 'each.value' });
    expect(subnet.references).toContainEqual({ path: ['count'], address: 'data.aws_availability_zones.all', attribute: 'names' });
  });

  it('instances that may not exist are uncertain', async () => {
    const result = await loadClean({
      'main.tf': hcl`
        variable "create" {
          type = bool
        }
        variable "rules" {
          default = { ssh = { port = 22 }, web = { port = 443 } }
        }
        data "aws_caller_identity" "me" {}
        resource "aws_security_group_rule" "filtered" {
          for_each  = { for k, v in var.rules : k => v if k == "web" || data.aws_caller_identity.me.account_id == "1" }
          from_port = each.value.port
          type      = "ingress"
        }
        resource "aws_s3_bucket" "maybe" {
          count = var.create ? 1 : 0
        }
        resource "aws_s3_bucket" "sure" {}
        module "child" {
          source = "./child"
          count  = var.create ? 1 : 0
        }
      `,
      'child/main.tf': 'resource "aws_s3_bucket" "inner" {}\n',
    });
    const uncertainty = Object.fromEntries(result.resources.map((resource) => [resource.name, resource.uncertain]));
    expect(uncertainty).toEqual({
      'data.aws_caller_identity.me': false,
      'aws_security_group_rule.filtered["ssh"]': true,
      'aws_security_group_rule.filtered["web"]': false,
      'aws_s3_bucket.maybe[0]': true,
      'aws_s3_bucket.sure': false,
      'module.child.aws_s3_bucket.inner': true,
    });
    expect(byName(result, 'aws_security_group_rule.filtered["web"]').body).toEqual({ from_port: 443, type: 'ingress' });
    expect(at(byName(result, 'aws_security_group_rule.filtered["ssh"]'), 'type')).toBe('ingress');
  });

  it('a for_each that is one of known collections by an unknown condition expands every key, uncertain unless all have it', async () => {
    const result = await loadClean({
      'main.tf': hcl`
        variable "enabled" {
          type = bool
        }
        variable "policies" {
          default = ["arn:aws:iam::aws:policy/AdministratorAccess"]
        }
        variable "unknown_map" {
          type = map(string)
        }
        resource "aws_iam_role_policy_attachment" "task" {
          for_each   = var.enabled ? { for arn in var.policies : arn => arn } : {}
          policy_arn = each.value
        }
        resource "aws_iam_user" "either" {
          for_each = (var.enabled ? { a = "one", b = "same" } : var.enabled ? { b = "same" } : { b = "same", c = "three" })
          name     = each.value
        }
        resource "aws_iam_user" "differs" {
          for_each = var.enabled ? { a = "one" } : { a = "two" }
          name     = each.value
        }
        resource "aws_iam_user" "open" {
          for_each = var.enabled ? var.unknown_map : {}
          name     = each.value
        }
      `,
    });
    const uncertainty = Object.fromEntries(result.resources.map((resource) => [resource.name, resource.uncertain]));
    expect(uncertainty).toEqual({
      'aws_iam_role_policy_attachment.task["arn:aws:iam::aws:policy/AdministratorAccess"]': true,
      'aws_iam_user.either["a"]': true,
      'aws_iam_user.either["b"]': false,
      'aws_iam_user.either["c"]': true,
      'aws_iam_user.differs["a"]': false,
      'aws_iam_user.open': true,
    });
    expect(at(byName(result, 'aws_iam_role_policy_attachment.task["arn:aws:iam::aws:policy/AdministratorAccess"]'), 'policy_arn')).toBe('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(at(byName(result, 'aws_iam_user.either["b"]'), 'name')).toBe('same');
    expect(isUnknown(at(byName(result, 'aws_iam_user.differs["a"]'), 'name'))).toBe(true);
    expect(byName(result, 'aws_iam_user.open').expansion).toBe('unknown');
  });

  it('a count that is one of known numbers by an unknown condition expands the largest, uncertain beyond the smallest', async () => {
    const result = await loadClean({
      'main.tf': hcl`
        variable "enabled" {
          type = bool
        }
        variable "cidrs" {
          default = ["10.0.0.0/8", "0.0.0.0/0", "192.168.0.0/16"]
        }
        variable "unknown_count" {
          type = number
        }
        resource "aws_security_group_rule" "rule" {
          count       = var.enabled ? length(var.cidrs) : 1
          cidr_blocks = [var.cidrs[count.index]]
        }
        resource "aws_s3_bucket" "open" {
          count = var.enabled ? var.unknown_count : 0
        }
      `,
    });
    const uncertainty = Object.fromEntries(result.resources.map((resource) => [resource.name, resource.uncertain]));
    expect(uncertainty).toEqual({
      'aws_security_group_rule.rule[0]': false,
      'aws_security_group_rule.rule[1]': true,
      'aws_security_group_rule.rule[2]': true,
      'aws_s3_bucket.open': true,
    });
    expect(at(byName(result, 'aws_security_group_rule.rule[1]'), 'cidr_blocks')).toEqual(['0.0.0.0/0']);
  });

  it('dynamic blocks expand like written blocks; an unknown for_each leaves an unknown element', async () => {
    const result = await loadClean({
      'main.tf': hcl`
        variable "ports" {
          default = { http = 80, https = 443 }
        }
        data "aws_prefix_list" "pl" {}
        resource "aws_security_group" "sg" {
          ingress {
            from_port = 22
          }
          dynamic "ingress" {
            for_each = var.ports
            iterator = port
            content {
              from_port   = port.value
              description = port.key
            }
          }
          dynamic "egress" {
            for_each = data.aws_prefix_list.pl.cidr_blocks
            content {
              cidr_blocks = [egress.value]
            }
          }
        }
      `,
    });
    const sg = byName(result, 'aws_security_group.sg');
    expect(at(sg, 'ingress')).toEqual([{ from_port: 22 }, { from_port: 80, description: 'http' }, { from_port: 443, description: 'https' }]);
    expect(at(sg, 'egress')).toEqual([{ $unknown: 'data.aws_prefix_list.pl.cidr_blocks' }]);
  });
});

describe('Terraform local modules', () => {
  const child = {
    'modules/svc/variables.tf': hcl`
      variable "name" {
        type = string
      }
      variable "public" {
        type    = bool
        default = false
      }
      variable "role_arn" {
        default = null
      }
    `,
    'modules/svc/main.tf': hcl`
      resource "aws_ecs_service" "this" {
        name = var.name
        network_configuration {
          assign_public_ip = var.public
        }
        role = var.role_arn
      }
    `,
    'modules/svc/outputs.tf': hcl`
      output "name" {
        value = aws_ecs_service.this.name
      }
      output "label" {
        value = "svc-\${var.name}"
      }
    `,
  };

  it('evaluates the child once per instance with the caller inputs and qualified addresses', async () => {
    const result = await loadClean({
      ...child,
      'envs/prod/main.tf': hcl`
        resource "aws_iam_role" "task" {}
        module "app" {
          source   = "../../modules/svc"
          name     = "app"
          public   = true
          role_arn = aws_iam_role.task.arn
        }
        module "workers" {
          source   = "../../modules/svc"
          for_each = toset(["a", "b"])
          name     = "worker-\${each.key}"
        }
        resource "x" "uses_outputs" {
          label  = module.app.label
          labels = [for k, m in module.workers : m.label]
          name   = module.app.name
        }
      `,
    });
    expect(names(result)).toEqual([
      'aws_iam_role.task',
      'x.uses_outputs',
      'module.app.aws_ecs_service.this',
      'module.workers["a"].aws_ecs_service.this',
      'module.workers["b"].aws_ecs_service.this',
    ]);
    const app = byName(result, 'module.app.aws_ecs_service.this');
    expect(app.body).toEqual({ name: 'app', network_configuration: [{ assign_public_ip: true }], role: { $unknown: 'aws_iam_role.task.arn' } });
    expect(app).toMatchObject({ module: 'module.app', moduleDir: 'modules/svc', rootDir: 'envs/prod', refs: ['aws_iam_role.task'] });
    expect(app.document.file.path).toBe('modules/svc/main.tf');
    expect(at(byName(result, 'module.workers["b"].aws_ecs_service.this'), 'network_configuration')).toEqual([{ assign_public_ip: false }]);
    const user = byName(result, 'x.uses_outputs');
    expect(user.body).toEqual({ label: 'svc-app', labels: ['svc-worker-a', 'svc-worker-b'], name: { $unknown: 'aws_ecs_service.this.name' } });
    expect(user.refs).toEqual(['module.app.aws_ecs_service.this']);
  });

  it('a called directory is not a root of its own unless asked', async () => {
    const files = { ...child, 'root/main.tf': 'module "m" {\n  source = "../modules/svc"\n  name = "n"\n}\n' };
    expect(names(await loadClean(files))).toEqual(['module.m.aws_ecs_service.this']);
    const all = await load(files, { allDirectoriesAsRoots: true });
    expect(names(all).sort()).toEqual(['aws_ecs_service.this', 'module.m.aws_ecs_service.this']);
  });

  it('remote and unscanned modules are unknown; a module cycle is reported and cut', async () => {
    const result = await load({
      'a/main.tf': 'module "b" {\n  source = "../b"\n}\nresource "x" "a" {\n  v = module.b.out\n}\n',
      'b/main.tf': 'module "a" {\n  source = "../a"\n}\noutput "out" {\n  value = "b"\n}\nresource "x" "b" {}\n',
      'c/main.tf': 'module "gone" {\n  source = "./missing"\n}\nresource "x" "c" {\n  v = module.gone.out\n}\n',
    });
    expect(at(byName(result, 'x.c'), 'v')).toEqual({ $unknown: 'module.gone.out' });
    expect(result.errors.some((error) => /cycle/.test(error.message))).toBe(true);
    // A local module the scan does not hold is said, with the call's line: its resources are not checked.
    expect(result.errors).toContainEqual({ path: 'c/main.tf', line: 1, message: 'module "gone": its source "./missing" is not in the scan (outside the scanned paths, or missing): its resources are not checked; scan a folder that holds both' });
    expect(names(result).length).toBeGreaterThan(0);
  });
});

describe('Terraform problems', () => {
  it('references to undeclared names are errors with lines; evaluation errors are warnings', async () => {
    const result = await load({
      'main.tf': hcl`
        resource "x" "y" {
          a = var.nope
          b = aws_iam_role.missing.arn
          c = local.nope
          d = [1][3]
          e = resource.aws_iam_role.missing.arn
          f = module.child.nope
        }
        module "child" {
          source = "./child"
        }
      `,
      'child/main.tf': 'output "id" {\n  value = "x"\n}\n',
    });
    expect(result.errors.map((error) => [error.line, error.message])).toEqual([
      [2, 'reference to undeclared input variable "nope"'],
      [3, 'reference to undeclared resource "aws_iam_role.missing"'],
      [4, 'reference to undeclared local value "nope"'],
      [6, 'reference to undeclared resource "aws_iam_role.missing"'],
      [7, 'reference to undeclared output "nope" of module.child'],
    ]);
    expect(result.warnings.map((warning) => warning.line)).toEqual([5]);
    expect(at(byName(result, 'x.y'), 'd')).toEqual({ $unknown: '[1][3]' });
  });

  it('duplicate declarations in one module are errors; both resources are kept', async () => {
    const result = await load({
      'a.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "a"\n}\nvariable "v" {}\n',
      'b.tf': '\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\nvariable "v" {}\nresource "aws_s3_bucket" "other" {}\n',
    });
    expect(result.errors).toEqual([
      { path: 'b.tf', line: 3, message: 'duplicate resource "aws_s3_bucket" "b": already declared in a.tf line 1' },
      { path: 'b.tf', line: 6, message: 'duplicate variable "v": already declared in a.tf line 4' },
    ]);
    expect(names(result)).toEqual(['aws_s3_bucket.b', 'aws_s3_bucket.b', 'aws_s3_bucket.other']);
  });

  it('a duplicate key in a for expression is an error (terraform plan fails), the expression unknown; grouping is not', async () => {
    const result = await load({
      'main.tf': [
        'variable "addons" {',
        '  default = [{ name = "vpc-cni" }, { name = "vpc-cni" }, { name = "coredns" }]',
        '}',
        'resource "aws_eks_addon" "a" {',
        '  for_each   = { for a in var.addons : a.name => a }',
        '  addon_name = each.key',
        '}',
        'locals {',
        '  grouped = { for a in var.addons : a.name => a... }',
        '}',
        '',
      ].join('\n'),
    });
    expect(result.errors).toEqual([{ path: 'main.tf', line: 5, message: expect.stringMatching(/^duplicate object key "vpc-cni" in a for expression \(terraform plan fails/) }]);
    expect(names(result)).toEqual(['aws_eks_addon.a']);
  });
});
