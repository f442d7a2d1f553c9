import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan.js';
import securityGroupRuleDescriptions from '../../../src/rules/net/security-group-rule-descriptions.js';

const plan = path.join(import.meta.dirname, '..', '..', 'fixtures', 'terraform', 'plan', 'plan.json');

describe('terraform show -json plans in a scan', () => {
  it('are recognised by content and their planned resources are checked, with lines in the plan file', async () => {
    const report = await scan([plan], { rules: [securityGroupRuleDescriptions], noConfig: true });
    expect(report.summary.filesScanned).toBe(1);
    expect(report.summary.resources).toBe(2);
    expect(report.findings.map((finding) => [finding.resource.type, finding.resource.name, finding.location.startLine])).toEqual([
      ['aws_security_group', 'aws_security_group.lb', 21],
    ]);
  });
});
