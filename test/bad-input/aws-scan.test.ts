/**
 * Bad AWS input in a whole scan (issue 3, section 5): unknown intrinsics and resource types, circular and missing
 * references, a template with 5,000 resources, malformed HCL, unknown providers, binary and truncated plan files,
 * policies whose Statement is a single object or neither an object nor a list. Each gives a clear error (or, where
 * the input is valid but unusual, nothing), never a crash, and the other files of the scan are still checked.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import noPrivileged from '../../src/rules/ecs/no-privileged.js';
import noWildcardPermissions from '../../src/rules/iam/no-wildcard-permissions.js';
import validPolicyDocument from '../../src/rules/iam/valid-policy-document.js';
import noPublicIngress from '../../src/rules/net/no-public-ingress.js';
import { scan, type ScanReport } from '../../src/scan.js';

const PLAN = path.join(import.meta.dirname, '..', 'fixtures', 'terraform', 'plan', 'plan.json');
const RULES = [noPublicIngress, noWildcardPermissions, validPolicyDocument, noPrivileged];

let dir = '';
const write = (name: string, content: string | Buffer): string => {
  const full = path.join(dir, name);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
  return name;
};
const scanIn = (paths: string[]): Promise<ScanReport> => scan(paths, { cwd: dir, noConfig: true, rules: RULES, today: '2026-06-01' });
const where = (report: ScanReport): string[] => report.findings.map((finding) => `${finding.location.path}:${finding.location.startLine} ${finding.ruleId}`);
const errorsOf = (report: ScanReport): string[] => report.errors.map((error) => `${error.path}:${error.line ?? '-'} ${error.message}`);

/** An open SSH ingress: the finding that proves a file was checked. */
const OPEN_SG_TF = 'resource "aws_security_group" "ok" {\n  description = "ok"\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n';

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-bad-aws-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CloudFormation', () => {
  const template = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Conditions:',
    '  A: !Condition B',
    '  B: !Not [!Condition A]',
    'Resources:',
    '  Widget:',
    '    Type: Custom::Widget',
    '    Properties:',
    '      ServiceToken: !GetAtt Missing.Arn',
    '      Magic: {Fn::Magic: [1, 2]}',
    '  Thing:',
    '    Type: AWS::Made::Up',
    '    DependsOn: Loop',
    '    Properties:',
    '      Peer: !Ref Loop',
    '  Loop:',
    '    Type: AWS::EC2::SecurityGroup',
    '    DependsOn: Thing',
    '    Properties:',
    '      GroupDescription: !Ref Thing',
    '      SecurityGroupIngress:',
    '        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}',
    '        - {IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: {Fn::Magic: [x]}}',
    '        - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: !If [A, 0.0.0.0/0, 10.0.0.0/8]}',
    '',
  ].join('\n');

  it('unknown intrinsics and resource types, loops of conditions and references, a missing resource: errors with lines, the rest checked', async () => {
    const report = await scanIn([write('cfn/odd.yaml', template)]);
    expect(errorsOf(report)).toEqual([
      'cfn/odd.yaml:3 condition A refers to itself through a loop of conditions',
      'cfn/odd.yaml:9 Fn::GetAtt of Missing, which is not a resource of this template',
      // CloudFormation: "Circular dependency between resources: [Loop, Thing]". Reported, and the rules still run.
      'cfn/odd.yaml:11 circular dependency between resources Thing and Loop (Thing -> Loop -> Thing): CloudFormation rejects this template; the references along the cycle stay unknown',
    ]);
    expect(report.summary).toMatchObject({ filesScanned: 1, resources: 3 });
    // The unknown function and the condition in a loop are unknown values: neither open nor closed.
    expect(where(report)).toEqual(['cfn/odd.yaml:22 net/no-public-ingress']);
  });

  it('the same template in JSON', async () => {
    const json = JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Resources: {
          Widget: { Type: 'Custom::Widget', Properties: { ServiceToken: { 'Fn::GetAtt': ['Missing', 'Arn'] }, Magic: { 'Fn::Magic': [1] } } },
          Loop: {
            Type: 'AWS::EC2::SecurityGroup',
            DependsOn: 'Loop',
            Properties: { GroupDescription: { Ref: 'Loop' }, SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }] },
          },
        },
      },
      null,
      2,
    );
    const report = await scanIn([write('cfn/odd.json', json)]);
    expect(errorsOf(report)).toEqual([
      'cfn/odd.json:8 Fn::GetAtt of Missing, which is not a resource of this template',
      `cfn/odd.json:${json.split('\n').findIndex((entry) => entry.includes('"Loop": {')) + 1} resource Loop depends on itself: CloudFormation rejects this template; the references along the cycle stay unknown`,
    ]);
    expect(where(report)).toEqual(['cfn/odd.json:32 net/no-public-ingress']);
  });

  it('a JSON template with 5,000 resources in a ring is scanned whole: the cycle is one error, the open group reported', async () => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) {
      resources[`Group${i}`] = {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: { 'Fn::Sub': `group ${i}` },
          VpcId: { Ref: `Group${(i + 1) % 5000}` },
          SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: i === 4321 ? '0.0.0.0/0' : '10.0.0.0/8' }],
        },
      };
    }
    const text = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2);
    const line = text.split('\n').findIndex((entry) => entry.includes('"0.0.0.0/0"')) + 1;
    const started = performance.now();
    const report = await scanIn([write('cfn/huge.json', text)]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(errorsOf(report)).toEqual([
      `cfn/huge.json:${text.split('\n').findIndex((entry) => entry.includes('"Group0": {')) + 1} circular dependency between 5000 resources (Group0 -> Group1 -> Group2 -> Group3 -> Group4 -> Group5 -> Group6 -> ... (4992 more) -> Group4999 -> Group0): CloudFormation rejects this template; the references along the cycle stay unknown`,
    ]);
    expect(report.summary.resources).toBe(5000);
    expect(where(report)).toEqual([`cfn/huge.json:${line} net/no-public-ingress`]);
  });
});

describe('Terraform', () => {
  it('malformed HCL: the error names the file and line; the other module directories are still scanned', async () => {
    write('tf-bad/main.tf', 'resource "aws_security_group" "bad" {\n  ingress {\n    from_port = 22\n    cidr_blocks = ["0.0.0.0/0"\n  }\n}\n');
    write('tf-good/main.tf', OPEN_SG_TF);
    const report = await scanIn(['tf-bad', 'tf-good']);
    expect(errorsOf(report)).toEqual(["tf-bad/main.tf:5 HCL syntax error: missing ']' (to close the list opened on line 4) (line 5, column 3)"]);
    expect(where(report)).toEqual(['tf-good/main.tf:7 net/no-public-ingress']);
  });

  it('unknown providers, their resources and data sources: no error; AWS resources beside them are checked', async () => {
    const code = [
      'terraform {',
      '  required_providers {',
      '    acme = { source = "acme/acme", version = "~> 1.0" }',
      '  }',
      '}',
      'provider "acme" {',
      '  token = var.token',
      '}',
      'variable "token" {}',
      'resource "acme_widget" "w" {',
      '  size = 3',
      '}',
      'data "acme_lookup" "x" {}',
      'resource "aws_security_group" "open" {',
      '  description = data.acme_lookup.x.description',
      '  ingress {',
      '    from_port   = 22',
      '    to_port     = 22',
      '    protocol    = "tcp"',
      '    cidr_blocks = [data.acme_lookup.x.cidr]',
      '  }',
      '  ingress {',
      '    from_port   = 22',
      '    to_port     = 22',
      '    protocol    = "tcp"',
      '    cidr_blocks = ["0.0.0.0/0"]',
      '  }',
      '}',
      '',
    ].join('\n');
    const report = await scanIn([write('tf-provider/main.tf', code)]);
    expect(report.errors).toEqual([]);
    // The CIDR read from the unknown provider's data source is unknown: only the literal one is reported.
    expect(where(report)).toEqual(['tf-provider/main.tf:26 net/no-public-ingress']);
  });

  it('resources referring to each other in a loop: an error at the first one naming the cycle; the rules still run', async () => {
    const code = [
      'resource "aws_security_group" "a" {',
      '  name        = aws_security_group.b.name',
      '  description = "a"',
      '  ingress {',
      '    from_port   = 22',
      '    to_port     = 22',
      '    protocol    = "tcp"',
      '    cidr_blocks = ["0.0.0.0/0"]',
      '  }',
      '}',
      'resource "aws_security_group" "b" {',
      '  name        = aws_security_group.a.name',
      '  description = "b"',
      '}',
      '',
    ].join('\n');
    const report = await scanIn([write('tf-cycle/main.tf', code)]);
    // Terraform: "Error: Cycle: aws_security_group.b, aws_security_group.a".
    expect(errorsOf(report)).toEqual([
      'tf-cycle/main.tf:1 cycle between resources aws_security_group.a -> aws_security_group.b -> aws_security_group.a: Terraform refuses this configuration ("Cycle"); the values along the cycle stay unknown',
    ]);
    expect(where(report)).toEqual(['tf-cycle/main.tf:8 net/no-public-ingress']);
  });

  it('a reference to a resource that is not declared: an error with its line, the resource still checked', async () => {
    const code = OPEN_SG_TF.replace('description = "ok"', 'description = aws_vpc.missing.id');
    write('tf-missing/main.tf', code);
    // The directory, not the file alone: a file named alone may lean on siblings left out of the scan.
    const report = await scanIn(['tf-missing']);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ path: 'tf-missing/main.tf', line: 2 });
    expect(report.errors[0]?.message).toMatch(/aws_vpc\.missing/);
    expect(where(report)).toEqual(['tf-missing/main.tf:7 net/no-public-ingress']);
  });

  it('binary and truncated plan files: one error each, never a crash; a good plan beside them is checked', async () => {
    write('plans/good.json', readFileSync(PLAN, 'utf8'));
    write('plans/binary.json', Buffer.from('PK\u0003\u0004\u0014\u0000\u0008\u0000tfplan\u0000\u0000garbage', 'latin1'));
    write('plans/truncated.json', readFileSync(PLAN, 'utf8').slice(0, 900));
    const report = await scanIn(['plans/binary.json', 'plans/truncated.json', 'plans/good.json']);
    expect(report.errors.map((error) => error.path)).toEqual(['plans/binary.json', 'plans/truncated.json']);
    // The zip's first bytes name `tfplan` (its directory cannot be read): a plan, with the command to run.
    expect(report.errors[0]?.message).toBe(
      'binary file (zip archive): probably a binary Terraform plan file (`terraform plan -out`), not scanned; scan its JSON form instead: `terraform show -json binary.json > plan.json`',
    );
    expect(report.errors[1]?.message).toMatch(/^truncated or malformed Terraform plan JSON: /);
    expect(report.errors[1]?.line).toBeGreaterThan(1);
    expect(report.summary.filesScanned).toBe(1);
    expect(report.summary.resources).toBe(2);
  });
});

describe('policy documents and task definitions', () => {
  it('a single-object Statement is valid IAM and is read; a string Statement is a clear finding; the scan goes on', async () => {
    write('policies/single.json', '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Allow",\n    "Action": "*",\n    "Resource": "*"\n  }\n}\n');
    write('policies/string.json', '{\n  "Version": "2012-10-17",\n  "Statement": "Allow everything"\n}\n');
    write('policies/number.json', '{\n  "Version": "2012-10-17",\n  "Statement": 42\n}\n');
    const report = await scanIn(['policies']);
    expect(report.errors).toEqual([]);
    expect(report.summary.filesScanned).toBe(3);
    expect(where(report)).toEqual([
      'policies/number.json:3 iam/valid-policy-document',
      'policies/single.json:5 iam/no-wildcard-permissions',
      'policies/string.json:3 iam/valid-policy-document',
    ]);
    for (const finding of report.findings) expect(finding.resource.type).toBe('IAMPolicyDocument');
  });

  it('a truncated task definition is a JSON error with its line; a wrapped one beside it is checked', async () => {
    write('td/truncated.json', '{\n  "family": "web",\n  "containerDefinitions": [\n    {"name": "app", "image": "nginx", "privileged": true\n');
    write('td/wrapped.json', JSON.stringify({ taskDefinition: { family: 'api', containerDefinitions: [{ name: 'app', image: 'nginx', privileged: true }] } }, null, 2));
    const report = await scanIn(['td']);
    expect(errorsOf(report)).toEqual(["td/truncated.json:5 JSON syntax error: '}' expected (column 1)"]);
    expect(where(report)).toEqual(['td/wrapped.json:8 ecs/no-privileged']);
    expect(report.findings[0]?.resource).toEqual({ type: 'AWS::ECS::TaskDefinition', name: 'api' });
  });
});
