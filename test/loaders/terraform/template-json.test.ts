import { describe, expect, it } from 'vitest';
import { terraformTemplateJson, terraformTemplateText } from '../../../src/loaders/terraform/template-json.js';
import { unknownValue } from '../../../src/util/unknown.js';

describe('terraformTemplateText', () => {
  it('reads heredocs and quoted templates, inside string functions, with escapes', () => {
    expect(terraformTemplateText('<<-EOT\n  echo ${var.name}\n  EOT')).toBe('  echo ${UNKNOWN}');
    expect(terraformTemplateText('base64encode(<<EOF\nA=$${HOME} %%{x}\nEOF\n)')).toBe('A=${HOME} %{x}');
    expect(terraformTemplateText('"a-${var.x}-\\"b\\"\\n"')).toBe('a-${UNKNOWN}-"b"\n');
    expect(terraformTemplateText('"${var.x}" == "y" ? 1 : 2')).toBeUndefined();
    expect(terraformTemplateText('var.x')).toBeUndefined();
  });

  it('hands each interpolation, nested braces included, to the replacement', () => {
    expect(terraformTemplateText('<<EOF\n${lookup({a = 1}, "a")} and %{ if true }x%{ endif }\nEOF', (part) => `[${part}]`)).toBe('[${lookup({a = 1}, "a")}] and [%{ if true }]x[%{ endif }]');
  });
});

describe('terraformTemplateJson', () => {
  it('reads JSON whose interpolations sit inside strings, keeping references as written', () => {
    const value = unknownValue('<<EOF\n{"Resource": "arn:aws:s3:::${aws_s3_bucket.b.id}/*", "Name": "${jsonencode("x")}"}\nEOF');
    expect(terraformTemplateJson(value)).toEqual({ Resource: 'arn:aws:s3:::${aws_s3_bucket.b.id}/*', Name: '${UNKNOWN}' });
  });

  it('reads interpolations in a value\'s place as unresolved values', () => {
    expect(terraformTemplateJson(unknownValue('<<EOF\n{"Action": ${jsonencode(var.actions)}}\nEOF'))).toEqual({ Action: '${UNKNOWN}' });
    expect(terraformTemplateJson(unknownValue('<<EOF\n[{"name": "app", "portMappings": [{"containerPort": ${var.port}}], "image": "${var.image}"}]\nEOF'))).toEqual([
      { name: 'app', portMappings: [{ containerPort: '${UNKNOWN}' }], image: '${var.image}' },
    ]);
  });

  it('ends on a backslash right before an interpolation (not JSON then: a `\\$` escape)', () => {
    expect(terraformTemplateJson(unknownValue('<<EOF\n[{"command": ["echo \\"ready\\" \\${var.msg}"]}]\nEOF'))).toBeUndefined();
  });

  it('is undefined for non-JSON text and other values', () => {
    expect(terraformTemplateJson(unknownValue('<<EOF\nexport X=${var.x}\nEOF'))).toBeUndefined();
    expect(terraformTemplateJson(unknownValue('data.aws_iam_policy_document.x.json'))).toBeUndefined();
    expect(terraformTemplateJson('{"a": 1}')).toBeUndefined();
    expect(terraformTemplateJson(undefined)).toBeUndefined();
  });
});
