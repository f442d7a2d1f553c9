import { describe, expect, it } from 'vitest';
import { runEngine } from '../../../src/engine/engine.js';
import { DEFAULT_SETTINGS } from '../../../src/engine/settings.js';
import { loadTerraformFiles } from '../../../src/loaders/terraform/index.js';
import { RULE_IDS } from '../../../src/rules/index.js';
import efsTransitEncryption from '../../../src/rules/ecs/efs-transit-encryption.js';
import noHostNamespaces from '../../../src/rules/ecs/no-host-namespaces.js';
import noPlaintextSecrets from '../../../src/rules/ecs/no-plaintext-secrets.js';
import noPrivileged from '../../../src/rules/ecs/no-privileged.js';
import type { Rule } from '../../../src/rules/rule.js';

/**
 * Terraform is not wired into scans yet: these run the loader and the engine directly, to show that the ECS view
 * reads `aws_ecs_task_definition` (snake_case attributes, blocks as arrays, jsonencode and heredoc definitions).
 */
async function run(rule: Rule, text: string): Promise<string[]> {
  const loaded = await loadTerraformFiles([{ path: 'main.tf', text }]);
  const result = runEngine(loaded.resources, { rules: [rule], settings: { ...DEFAULT_SETTINGS, today: '2026-06-01' }, knownRuleIds: RULE_IDS });
  return result.findings.map((finding) => `${finding.location.startLine} ${finding.message}`);
}

describe('ECS rules on Terraform', () => {
  it('reads jsonencode container definitions with exact lines', async () => {
    const findings = await run(
      noPrivileged,
      [
        'resource "aws_ecs_task_definition" "this" {',
        '  family = "x"',
        '  container_definitions = jsonencode([',
        '    {',
        '      name       = "app"',
        '      image      = "app:1"',
        '      privileged = true',
        '    }',
        '  ])',
        '}',
        '',
      ].join('\n'),
    );
    expect(findings).toEqual([expect.stringMatching(/^7 Container "app" is privileged/)]);
  });

  it('reads heredoc container definitions (Trivy AVD-AWS-0036 bad), reporting the line inside the heredoc', async () => {
    const findings = await run(
      noPlaintextSecrets,
      [
        'resource "aws_ecs_task_definition" "bad_example" {',
        '  container_definitions = <<EOF',
        ' [',
        '   {',
        '     "name": "my_service",',
        '     "environment": [',
        '       { "name": "ENVIRONMENT", "value": "development" },',
        '       { "name": "DATABASE_PASSWORD", "value": "oh no D:"}',
        '     ]',
        '   }',
        ' ]',
        ' EOF',
        '}',
        '',
      ].join('\n'),
    );
    expect(findings).toEqual([expect.stringMatching(/^8 Environment variable "DATABASE_PASSWORD" of container "my_service"/)]);
  });

  it('reads heredoc container definitions that interpolate an attribute inside a string, at the container', async () => {
    const findings = await run(
      noPrivileged,
      [
        'resource "aws_ecr_repository" "app" { name = "app" }',
        'resource "aws_ecs_task_definition" "this" {',
        '  family = "x"',
        '  container_definitions = <<EOF',
        '[{"name": "app", "image": "${aws_ecr_repository.app.repository_url}:1", "privileged": true}]',
        'EOF',
        '}',
        'variable "privileged" {}',
        'resource "aws_ecs_task_definition" "spliced" {',
        '  family = "y"',
        '  container_definitions = <<EOF',
        '[{"name": "app", "image": "app:1", "privileged": ${var.privileged}}]',
        'EOF',
        '}',
        '',
      ].join('\n'),
    );
    // The second one's JSON holds an interpolation outside a string: unknown.
    expect(findings).toEqual([expect.stringMatching(/^5 Container "app" is privileged/)]);
  });

  it('reads volume blocks and task attributes in snake_case', async () => {
    const text = [
      'resource "aws_ecs_task_definition" "this" {',
      '  family       = "x"',
      '  network_mode = "host"',
      '  container_definitions = jsonencode([{ name = "a", image = "a:1" }])',
      '  volume {',
      '    name = "data"',
      '    efs_volume_configuration {',
      '      file_system_id     = "fs-1"',
      '      transit_encryption = "DISABLED"',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    expect(await run(efsTransitEncryption, text)).toEqual([expect.stringMatching(/^9 EFS volume "data" sets transit_encryption to DISABLED/)]);
    expect(await run(noHostNamespaces, text)).toEqual([expect.stringMatching(/^3 Task definition sets networkMode: host/)]);
  });
});
