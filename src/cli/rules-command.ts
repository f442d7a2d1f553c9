import { renderCoverageMarkdown, renderCoverageText, renderRuleDoc, renderRuleExplainText, renderRuleListText, renderRuleTable } from '../docs/render.js';
import { ALL_RULES, findRule } from '../rules/index.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';

export interface RulesCommandOptions {
  coverage: boolean;
  format: 'text' | 'json' | 'markdown';
}

/** `seaworthy rules [id] [--coverage]`. Returns the exit code. */
export function runRulesCommand(id: string | undefined, options: RulesCommandOptions): number {
  if (options.coverage) {
    process.stdout.write(`${options.format === 'markdown' ? renderCoverageMarkdown(ALL_RULES) : renderCoverageText(ALL_RULES)}\n`);
    return EXIT_OK;
  }
  if (id !== undefined) {
    const rule = findRule(id);
    if (!rule) {
      process.stderr.write(`seaworthy: unknown rule "${id}" (run \`seaworthy rules\` for the list)\n`);
      return EXIT_USAGE;
    }
    const rendered = options.format === 'json' ? JSON.stringify(rule.meta, null, 2) : options.format === 'markdown' ? renderRuleDoc(rule) : renderRuleExplainText(rule);
    process.stdout.write(`${rendered}\n`);
    return EXIT_OK;
  }
  const rendered =
    options.format === 'json'
      ? JSON.stringify(ALL_RULES.map((rule) => rule.meta), null, 2)
      : options.format === 'markdown'
        ? renderRuleTable(ALL_RULES)
        : renderRuleListText(ALL_RULES);
  process.stdout.write(`${rendered}\n`);
  return EXIT_OK;
}
