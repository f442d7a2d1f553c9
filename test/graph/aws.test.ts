import { describe, expect, it } from 'vitest';
import { terraformAddressNames, terraformReferenced, terraformReferrers, withoutInstanceKey } from '../../src/graph/aws.js';
import { identityPolicies } from '../../src/graph/governance.js';
import { ResourceGraph } from '../../src/graph/graph.js';
import { policiesOf } from '../../src/graph/iam.js';
import { loadSources } from '../../src/loaders/sources.js';
import type { Resource } from '../../src/model/types.js';

const code = `
variable "create" {}

resource "aws_s3_bucket" "trail" {
  count  = var.create
  bucket = "trail-logs"
}

resource "aws_s3_bucket_versioning" "trail" {
  count  = var.create
  bucket = aws_s3_bucket.trail[0].id
  versioning_configuration {
    status = "Enabled"
  }
}
`;

describe('Terraform references across an unknown count', () => {
  it('a reference to x[0] names the resource loaded as x (count unknown), in both directions', async () => {
    const { resources } = await loadSources([{ path: 'main.tf', text: code, explicit: true }]);
    const graph = new ResourceGraph(resources);
    const bucket = resources.find((resource) => resource.type === 'aws_s3_bucket');
    const versioning = resources.find((resource) => resource.type === 'aws_s3_bucket_versioning');
    expect(bucket?.name).toBe('aws_s3_bucket.trail');
    if (!bucket || !versioning) throw new Error('resources missing');
    expect(terraformReferenced(graph, versioning, ['bucket'], ['aws_s3_bucket'])).toBe(bucket);
    expect(terraformReferrers(graph, bucket, 'aws_s3_bucket_versioning')).toEqual([versioning]);
  });
});

describe('Terraform reference helpers (aws.ts, shared by governance.ts and iam.ts)', () => {
  const load = async (files: Record<string, string>): Promise<{ graph: ResourceGraph; named: (name: string) => Resource }> => {
    const { resources } = await loadSources(Object.entries(files).map(([path, text]) => ({ path, text, explicit: false })));
    const graph = new ResourceGraph(resources);
    const named = (name: string): Resource => {
      const found = resources.find((resource) => resource.name === name);
      if (!found) throw new Error(`no ${name} in ${resources.map((resource) => resource.name).join(', ')}`);
      return found;
    };
    return { graph, named };
  };

  it('attribute filter, path prefix, a key-less reference to the only keyed instance', async () => {
    const { graph, named } = await load({
      'main.tf': `
resource "aws_iam_role" "task" {
  count = 1
  name  = "task"
}
resource "aws_iam_role" "other" {
  name = "other"
}
resource "aws_ecs_task_definition" "app" {
  family        = "app"
  task_role_arn = aws_iam_role.task[*].arn[0]
  tags          = { role = aws_iam_role.other.name }
}
resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.other.id
  policy = "{}"
}
`,
    });
    const app = named('aws_ecs_task_definition.app');
    expect(terraformReferenced(graph, app, ['task_role_arn'], ['aws_iam_role'])).toBe(named('aws_iam_role.task[0]'));
    expect(terraformReferenced(graph, app, ['tags'], ['aws_iam_role'])).toBe(named('aws_iam_role.other'));
    expect(terraformReferenced(graph, app, ['tags'], ['aws_iam_role'], 'arn')).toBeUndefined();
    expect(terraformReferenced(graph, app, ['tags'], ['aws_iam_role'], 'name')).toBe(named('aws_iam_role.other'));
    expect(terraformReferrers(graph, named('aws_iam_role.other'), 'aws_iam_role_policy', ['role'])).toEqual([named('aws_iam_role_policy.p')]);
    expect(terraformReferrers(graph, named('aws_iam_role.other'), 'aws_iam_role_policy', ['policy'])).toEqual([]);
    expect(terraformReferrers(graph, named('aws_iam_role.other'), 'aws_iam_role_policy', ['role'])).toEqual([named('aws_iam_role_policy.p')]);
    expect(terraformAddressNames('aws_iam_role.task', 'aws_iam_role.task[0]')).toBe(false);
    expect(terraformAddressNames('aws_iam_role.task', 'aws_iam_role.task[0]', true)).toBe(true);
    expect(terraformAddressNames('module.a["x"].aws_iam_role.t[0]', 'module.a["x"].aws_iam_role.t')).toBe(true);
    expect(withoutInstanceKey('module.a["x"].aws_iam_role.t["k.1"]')).toBe('module.a["x"].aws_iam_role.t');
  });

  it('inside a module: governance identity policies follow module-qualified references', async () => {
    const module = `
resource "aws_iam_role" "this" {
  name               = "svc"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}
resource "aws_iam_role_policy" "inline" {
  role   = aws_iam_role.this.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = "*" }] })
}
`;
    const { graph, named } = await load({ 'main.tf': 'module "svc" {\n  source = "./svc"\n}\n', 'svc/main.tf': module });
    const role = named('module.svc.aws_iam_role.this');
    expect(terraformReferrers(graph, role, 'aws_iam_role_policy', ['role'])).toEqual([named('module.svc.aws_iam_role_policy.inline')]);
    const policies = identityPolicies(graph, role);
    expect(policies.identity).toHaveLength(1);
    expect(policies.trust?.statements[0]?.principal).toBeDefined();
    expect(terraformReferenced(graph, role, ['assume_role_policy'], ['data.aws_iam_policy_document'], 'json')).toBe(named('module.svc.data.aws_iam_policy_document.assume'));
  });

  it('iam.ts: a policy document data source is typed by its use across unknown counts and instance keys', async () => {
    const { graph, named } = await load({
      'main.tf': `
variable "create" {}
data "aws_iam_policy_document" "repo" {
  count = var.create
  statement {
    actions = ["ecr:BatchGetImage"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }
}
resource "aws_ecr_repository_policy" "repo" {
  count      = var.create
  repository = "r"
  policy     = data.aws_iam_policy_document.repo[0].json
}
data "aws_iam_policy_document" "bucket" {
  for_each = toset(["a", "b"])
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
resource "aws_s3_bucket_policy" "p" {
  for_each = toset(var.buckets)
  bucket   = each.key
  policy   = data.aws_iam_policy_document.bucket[each.key].json
}
variable "buckets" {}
`,
    });
    const repoPolicy = policiesOf(named('data.aws_iam_policy_document.repo'), graph)[0];
    expect(repoPolicy?.kind).toBe('resource');
    expect(repoPolicy?.service).toBe('ecr-repository');
    const bucketPolicy = policiesOf(named('data.aws_iam_policy_document.bucket["a"]'), graph)[0];
    expect(bucketPolicy?.kind).toBe('resource');
    expect(bucketPolicy?.service).toBe('s3-bucket');
  });
});
