import { renderCoverageJson, renderCoverageMarkdown, renderCoverageText, renderRuleDoc, renderRuleExplainText, renderRuleListText, renderRuleTable } from '../docs/render.js';
import { closest } from '../util/closest.js';
import { ALL_RULES, findRule, RULE_IDS } from '../rules/index.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';

export interface RulesCommandOptions {
  coverage: boolean;
  format: 'text' | 'json' | 'markdown';
}

/** `seaworthy rules [id] [--coverage]`. Returns the exit code. */
export function runRulesCommand(id: string | undefined, options: RulesCommandOptions): number {
  if (options.coverage) {
    if (id !== undefined) {
      process.stderr.write('seaworthy: --coverage prints the whole table: give no rule id with it\n');
      return EXIT_USAGE;
    }
    const render = options.format === 'markdown' ? renderCoverageMarkdown : options.format === 'json' ? renderCoverageJson : renderCoverageText;
    process.stdout.write(`${render(ALL_RULES)}\n`);
    return EXIT_OK;
  }
  if (id !== undefined) {
    const rule = findRule(id);
    if (!rule) {
      const suggestion = closest(id, RULE_IDS);
      process.stderr.write(`seaworthy: unknown rule "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''} (run \`seaworthy rules\` for the list)\n`);
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
