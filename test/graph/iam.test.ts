import { describe, expect, it } from 'vitest';
import { identityPolicies, serviceControlPolicies } from '../../src/graph/governance.js';
import { ResourceGraph } from '../../src/graph/graph.js';
import { policiesOf, terraformPolicyAt, type PolicyDocument } from '../../src/graph/iam.js';
import { loadSources } from '../../src/loaders/sources.js';
import type { NodePath, Resource } from '../../src/model/types.js';

async function load(files: Record<string, string>, explicit = false): Promise<{ graph: ResourceGraph; named: (name: string) => Resource }> {
  const { resources } = await loadSources(Object.entries(files).map(([path, text]) => ({ path, text, explicit })));
  const graph = new ResourceGraph(resources);
  const named = (name: string): Resource => {
    const found = resources.find((resource) => resource.name === name);
    if (!found) throw new Error(`no ${name} in ${resources.map((resource) => resource.name).join(', ')}`);
    return found;
  };
  return { graph, named };
}

/** `file:line` of a path of a policy document, as the engine locates a report made with `resource: policy.resource`. */
function lineOf(policy: PolicyDocument, path: NodePath): string {
  const range = policy.resource.document.sourceMap.locate([...policy.resource.basePath, ...path]);
  return `${range.file ?? policy.resource.document.file.path}:${range.startLine}`;
}

function only<T>(list: readonly T[]): T {
  expect(list).toHaveLength(1);
  const [first] = list;
  if (first === undefined) throw new Error('empty');
  return first;
}

describe('policiesOf / terraformPolicyAt: Terraform policies taken from data.aws_iam_policy_document', () => {
  it('aws_iam_policy.policy = data...json: followed only on request, located in the data source', async () => {
    const { graph, named } = await load({
      'main.tf': `
data "aws_iam_policy_document" "doc" {
  statement {
    sid       = "All"
    actions   = ["s3:*", "ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.doc.json
}
`,
    });
    const consumer = named('aws_iam_policy.p');
    const data = named('data.aws_iam_policy_document.doc');
    // Default: each document once, where it is written (rules checking every carrier see the data source itself).
    expect(policiesOf(consumer, graph)).toEqual([]);
    expect(only(policiesOf(data, graph)).kind).toBe('identity');

    const policy = only(policiesOf(consumer, graph, { follow: true }));
    expect(policy.resource).toBe(data);
    expect(policy.kind).toBe('identity');
    expect(policy.path).toEqual([]);
    const statement = only(policy.statements);
    expect(statement.sid).toBe('All');
    expect(statement.action?.values.map((entry) => [entry.value, entry.path])).toEqual([
      ['s3:*', ['statement', 0, 'actions', 0]],
      ['ecr:GetAuthorizationToken', ['statement', 0, 'actions', 1]],
    ]);
    expect(lineOf(policy, statement.path)).toBe('main.tf:3');
    expect(lineOf(policy, statement.action?.values[0]?.path ?? [])).toBe('main.tf:5');
    expect(lineOf(policy, statement.resource?.path ?? [])).toBe('main.tf:6');
    // The same document as the data source's own: one object, memoized.
    expect(policy).toBe(policiesOf(data, graph)[0]);
    expect(policiesOf(consumer, graph, { follow: true })).toBe(policiesOf(consumer, graph, { follow: true }));
    expect(terraformPolicyAt(graph, consumer, 'policy', 'identity')).toBe(policy);
  });

  it('aws_iam_role.assume_role_policy = data...json: a trust policy with its principals; inline_policy too', async () => {
    const { graph, named } = await load({
      'main.tf': `
data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}
data "aws_iam_policy_document" "inline" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:q"]
  }
}
resource "aws_iam_role" "task" {
  name               = "task"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  inline_policy {
    name   = "sqs"
    policy = data.aws_iam_policy_document.inline.json
  }
  inline_policy {
    name   = "literal"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sqs:ReceiveMessage", Resource = "*" }] })
  }
}
`,
    });
    const role = named('aws_iam_role.task');
    // Without following: the literal inline policy only, located in the role.
    expect(policiesOf(role, graph).map((policy) => [policy.label, policy.resource.name])).toEqual([['inline_policy[1] "literal"', 'aws_iam_role.task']]);

    const followed = policiesOf(role, graph, { follow: true });
    expect(followed.map((policy) => [policy.kind, policy.resource.name])).toEqual([
      ['trust', 'data.aws_iam_policy_document.assume'],
      ['identity', 'data.aws_iam_policy_document.inline'],
      ['identity', 'aws_iam_role.task'],
    ]);
    const trust = followed[0];
    if (!trust) throw new Error('no trust');
    const principal = only(only(trust.statements).principal?.entries ?? []);
    expect(principal).toEqual({ type: 'Service', value: 'ecs-tasks.amazonaws.com', path: ['statement', 0, 'principals', 0, 'identifiers', 0] });
    expect(lineOf(trust, principal.path)).toBe('main.tf:7');
    expect(lineOf(followed[1] as PolicyDocument, ['statement', 0, 'actions', 0])).toBe('main.tf:13');
    expect(terraformPolicyAt(graph, role, ['inline_policy', 0, 'policy'], 'identity')?.resource).toBe(named('data.aws_iam_policy_document.inline'));
    expect(terraformPolicyAt(graph, role, ['inline_policy', 1, 'policy'], 'identity')?.path).toEqual(['inline_policy', 1, 'policy']);
    expect(terraformPolicyAt(graph, role, ['inline_policy', 5, 'policy'], 'identity')).toBeUndefined();

    // The governance helper sees the same documents.
    const { trust: governanceTrust, identity } = identityPolicies(graph, role);
    expect(governanceTrust?.resource.name).toBe('data.aws_iam_policy_document.assume');
    expect(identity.map((policy) => policy.resource.name)).toEqual(['data.aws_iam_policy_document.inline', 'aws_iam_role.task']);
  });

  it('bucket and repository policies: kind and service are those of the attribute using the document', async () => {
    const { graph, named } = await load({
      'main.tf': `
data "aws_iam_policy_document" "bucket" {
  statement {
    effect  = "Deny"
    actions = ["s3:*"]
    resources = ["arn:aws:s3:::b/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
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
variable "create" {}
resource "aws_s3_bucket_policy" "b" {
  bucket = "b"
  policy = data.aws_iam_policy_document.bucket.json
}
resource "aws_ecr_repository_policy" "r" {
  repository = "r"
  policy     = data.aws_iam_policy_document.repo[0].json
}
resource "aws_iam_role_policy" "reuse" {
  role   = "x"
  policy = data.aws_iam_policy_document.bucket.json
}
`,
    });
    const bucket = only(policiesOf(named('aws_s3_bucket_policy.b'), graph, { follow: true }));
    expect([bucket.kind, bucket.service, bucket.resource.name]).toEqual(['resource', 's3-bucket', 'data.aws_iam_policy_document.bucket']);
    expect(only(bucket.statements).conditions).toEqual([{ operator: 'Bool', key: 'aws:SecureTransport', values: ['false'], unknown: false, path: ['statement', 0, 'condition', 0] }]);
    const repo = only(policiesOf(named('aws_ecr_repository_policy.r'), graph, { follow: true }));
    expect([repo.kind, repo.service, repo.resource.name]).toEqual(['resource', 'ecr-repository', 'data.aws_iam_policy_document.repo']);
    // The same document used as an identity policy elsewhere is an identity policy there (a copy: same statements).
    const reuse = only(policiesOf(named('aws_iam_role_policy.reuse'), graph, { follow: true }));
    expect([reuse.kind, reuse.service]).toEqual(['identity', undefined]);
    expect(reuse.statements).toBe(bucket.statements);
  });

  it('inside a local module: the module data source, and a root data source passed in through a variable', async () => {
    const { graph, named } = await load({
      'main.tf': `
data "aws_iam_policy_document" "root" {
  statement {
    actions   = ["ecs:UpdateService"]
    resources = ["*"]
  }
}
module "svc" {
  source = "./modules/svc"
  policy = data.aws_iam_policy_document.root.json
}
`,
      'modules/svc/main.tf': `
variable "policy" {
  type = string
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
resource "aws_iam_role" "this" {
  name               = "svc"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
resource "aws_iam_policy" "this" {
  name   = "svc"
  policy = var.policy
}
resource "aws_iam_role_policy_attachment" "this" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.this.arn
}
`,
    });
    const role = named('module.svc.aws_iam_role.this');
    const trust = only(policiesOf(role, graph, { follow: true }));
    expect([trust.kind, trust.resource.name]).toEqual(['trust', 'module.svc.data.aws_iam_policy_document.assume']);
    expect(lineOf(trust, ['statement', 0, 'principals', 0, 'identifiers', 0])).toBe('modules/svc/main.tf:10');

    const managed = only(policiesOf(named('module.svc.aws_iam_policy.this'), graph, { follow: true }));
    expect([managed.kind, managed.resource.name]).toEqual(['identity', 'data.aws_iam_policy_document.root']);
    expect(lineOf(managed, ['statement', 0, 'actions', 0])).toBe('main.tf:4');

    const { trust: governanceTrust, identity } = identityPolicies(graph, role);
    expect(governanceTrust).toBe(trust);
    expect(identity.map((policy) => policy.resource.name)).toEqual(['data.aws_iam_policy_document.root']);
  });

  it('unknown stays unknown: other expressions, data sources not scanned, several candidates', async () => {
    const { graph, named } = await load({
      'main.tf': `
variable "extra" {
  type    = string
  default = null
}
variable "create" {}
data "aws_iam_policy_document" "a" {
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "many" {
  for_each = toset(["x", "y"])
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "coalesce" {
  policy = coalesce(var.extra, data.aws_iam_policy_document.a.json)
}
resource "aws_iam_policy" "conditional" {
  policy = var.create ? data.aws_iam_policy_document.a.json : ""
}
resource "aws_iam_policy" "try" {
  policy = try(data.aws_iam_policy_document.a.json, "")
}
resource "aws_iam_policy" "policy_attribute" {
  policy = data.aws_iam_policy_document.a.minified_json
}
resource "aws_iam_policy" "missing" {
  policy = data.aws_iam_policy_document.not_scanned.json
}
variable "key" {}
resource "aws_iam_policy" "unknown_key" {
  policy = data.aws_iam_policy_document.many[var.key].json
}
resource "aws_iam_policy" "each" {
  for_each = toset(["x", "y"])
  policy   = data.aws_iam_policy_document.many[each.key].json
}
`,
    }, true);
    for (const name of ['coalesce', 'conditional', 'try', 'policy_attribute', 'missing', 'unknown_key']) {
      expect(policiesOf(named(`aws_iam_policy.${name}`), graph, { follow: true }), name).toEqual([]);
    }
    // A static key names its instance.
    expect(only(policiesOf(named('aws_iam_policy.each["x"]'), graph, { follow: true })).resource.name).toBe('data.aws_iam_policy_document.many["x"]');
  });

  it('aws_organizations_policy content from a data source: the SCP of the governance helpers', async () => {
    const { graph, named } = await load({
      'main.tf': `
data "aws_iam_policy_document" "scp" {
  statement {
    effect    = "Deny"
    actions   = ["cloudtrail:StopLogging"]
    resources = ["*"]
  }
}
resource "aws_organizations_policy" "guard" {
  name    = "guard"
  content = data.aws_iam_policy_document.scp.json
}
resource "aws_organizations_policy" "other" {
  name    = "other"
  content = var.content
}
variable "content" {}
`,
    });
    const scps = serviceControlPolicies(graph);
    expect(scps.map((scp) => [scp.resource.name, scp.path, scp.policy?.resource.name])).toEqual([
      ['aws_organizations_policy.guard', ['content'], 'data.aws_iam_policy_document.scp'],
      ['aws_organizations_policy.other', ['content'], undefined],
    ]);
    expect(scps[0]?.policy?.kind).toBe('identity');
    expect(named('aws_organizations_policy.guard').type).toBe('aws_organizations_policy');
  });
});

describe('attachedPolicyResources: policies of another template attached through Fn::ImportValue', () => {
  const app = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  TaskRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app-task
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: ecs-tasks.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns: [!ImportValue shared-read-policy]
Outputs:
  TaskRoleName:
    Value: !Ref TaskRole
    Export: {Name: app-task-role}
  TaskRoleArn:
    Value: !GetAtt TaskRole.Arn
    Export: {Name: app-task-role-arn}
`;
  const policies = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AdminPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: everything
      Roles: [!ImportValue app-task-role]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: '*', Resource: '*'}
  Inline:
    Type: AWS::IAM::RolePolicy
    Properties:
      PolicyName: inline
      RoleName: !ImportValue app-task-role
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: 'sqs:*', Resource: '*'}
  Unrelated:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: other
      Roles: [!ImportValue missing-export]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: 's3:*', Resource: '*'}
  SharedRead:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: 's3:GetObject', Resource: '*'}
Outputs:
  SharedRead:
    Value: !Ref SharedRead
    Export: {Name: shared-read-policy}
`;

  it('CloudFormation YAML: Roles / RoleName importing the role, ManagedPolicyArns importing a managed policy', async () => {
    const { graph, named } = await load({ 'app.yaml': app, 'policies.yaml': policies }, true);
    const names = identityPolicies(graph, named('TaskRole')).identity.map((policy) => `${policy.resource.document.file.path}:${policy.resource.name}`);
    expect(names.sort()).toEqual(['policies.yaml:AdminPolicy', 'policies.yaml:Inline', 'policies.yaml:SharedRead']);
  });

  it('CloudFormation JSON: the same links, and the export of the role name as a literal', async () => {
    const appJson = JSON.stringify({
      Resources: {
        TaskRole: {
          Type: 'AWS::IAM::Role',
          Properties: { RoleName: 'app-task', AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
        },
      },
      Outputs: { Name: { Value: 'app-task', Export: { Name: 'app-task-name' } }, Ref: { Value: { Ref: 'TaskRole' }, Export: { Name: 'app-task-role' } } },
    }, null, 2);
    const policiesJson = JSON.stringify({
      Resources: {
        ByRef: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [{ 'Fn::ImportValue': 'app-task-role' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } } },
        ByName: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'n', Roles: [{ 'Fn::ImportValue': 'app-task-name' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] } } },
      },
    }, null, 2);
    const { graph, named } = await load({ 'app.json': appJson, 'policies.json': policiesJson }, true);
    expect(identityPolicies(graph, named('TaskRole')).identity.map((policy) => policy.resource.name).sort()).toEqual(['ByName', 'ByRef']);
  });
});

describe('policiesOf: Terraform arguments set to null are unset', () => {
  it('not_resources = null and principals = null leave NotResource and Principal out', async () => {
    const { named } = await load({
      'main.tf': `
data "aws_iam_policy_document" "doc" {
  statement {
    actions       = ["ecs:RunTask"]
    resources     = ["*"]
    not_resources = null
    principals    = null
  }
}
`,
    });
    const statement = only(only(policiesOf(named('data.aws_iam_policy_document.doc'))).statements);
    expect(statement.notResource).toBeUndefined();
    expect(statement.resource?.values.map((entry) => entry.value)).toEqual(['*']);
  });
});
