import { Command, Option } from 'commander';
import pc from 'picocolors';
import { findRule, listRules, problem, ruleDoc } from '../sdk/index.js';
import { refuseOptions, useColor } from './io.js';

export function rulesCommand(): Command {
  const rules = new Command('rules').description('list and explain the rules');
  rules
    .command('list')
    .description('list every rule with its severity and threats')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addHelpText('after', '\nExamples:\n  palisade rules list\n  palisade rules list --format json | jq -r ".[].id"')
    .action((flags: { format: string }) => {
      const all = listRules();
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
        return;
      }
      const color = useColor(process.stdout);
      const width = Math.max(...all.map((r) => r.id.length), 2);
      for (const r of all) {
        const id = r.id.padEnd(width);
        process.stdout.write(`${color ? pc.bold(id) : id}  ${r.severity.padEnd(8)}  ${r.title}\n`);
      }
      process.stdout.write(`${all.length} rules\n`);
    });
  rules
    .command('show')
    .description('show a rule: metadata and documentation')
    .argument('<id>', 'rule id')
    .addHelpText('after', '\nExample:\n  palisade rules show privileged-container')
    .action((id: string) => {
      const rule = findRule(id);
      if (rule === undefined) {
        const near = listRules().filter((r) => r.id.includes(id) || id.includes(r.id)).map((r) => r.id);
        refuseOptions([problem('unknown-rule', `no rule "${id}"${near.length > 0 ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ''}`)], false);
        return;
      }
      const lines = [
        `${rule.id}: ${rule.title}`,
        `severity:    ${rule.severity}`,
        `threats:     ${rule.threats.join(', ')}`,
        `MITRE:       ${rule.mitre.join(', ')}`,
        `remediation: ${rule.remediation}`,
        ...rule.references.map((r, i) => `${i === 0 ? 'references:  ' : '             '}${r}`),
        '',
        ruleDoc(id) ?? '',
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  return rules;
}
