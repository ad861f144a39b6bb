import { Command, Option } from 'commander';
import pc from 'picocolors';
import { frameworkInfo, listFrameworks, problem, type FrameworkControlInfo } from '../sdk/index.js';
import { refuseOptions, useColor } from './io.js';

function ruleText(control: FrameworkControlInfo): string {
  if (!control.automated) return `manual: ${control.reason ?? ''}`;
  return control.rules.map((r) => (r.message === undefined ? r.rule : `${r.rule} /${r.message}/`)).join(', ');
}

export function frameworksCommand(): Command {
  const frameworks = new Command('frameworks').description('list compliance frameworks and show their controls');
  frameworks
    .command('list')
    .description('list every framework with its version and how many controls are automated')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addHelpText('after', '\nExamples:\n  palisade frameworks list\n  palisade scan . --framework cis-kubernetes')
    .action((flags: { format: string }) => {
      const all = listFrameworks();
      if (flags.format === 'json') {
        const summaries = all.map(({ id, title, version, url, automated, manual }) => ({ id, title, version, url, automated, manual }));
        process.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
        return;
      }
      const color = useColor(process.stdout);
      const width = Math.max(...all.map((f) => f.id.length));
      for (const f of all) {
        const id = f.id.padEnd(width);
        process.stdout.write(`${color ? pc.bold(id) : id}  ${f.title} ${f.version}  (${f.automated} automated, ${f.manual} manual)\n`);
      }
      process.stdout.write(`${all.length} frameworks\n`);
    });
  frameworks
    .command('show')
    .description('show a framework: every control with its rules, or why it is manual')
    .argument('<id>', 'framework id')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addHelpText('after', '\nExample:\n  palisade frameworks show cis-kubernetes')
    .action((id: string, flags: { format: string }) => {
      const framework = frameworkInfo(id);
      if (framework === undefined) {
        const known = listFrameworks().map((f) => f.id);
        const hint = `Use one of ${known.join(', ')} (\`palisade frameworks list\`).`;
        refuseOptions([problem('unknown-framework', `no framework "${id}"`, {}, hint)], false);
        return;
      }
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(framework, null, 2)}\n`);
        return;
      }
      const color = useColor(process.stdout);
      const width = Math.max(...framework.controls.map((c) => c.id.length));
      const heading = `${framework.title} ${framework.version} (${framework.id}): ${framework.automated} automated, ${framework.manual} manual`;
      const lines = [color ? pc.bold(heading) : heading, framework.url, ''];
      for (const control of framework.controls) {
        lines.push(`${control.id.padEnd(width)}  ${control.title}`);
        const detail = `${' '.repeat(width)}  ${ruleText(control)}`;
        lines.push(color && !control.automated ? pc.dim(detail) : detail);
        if (control.note !== undefined) lines.push(`${' '.repeat(width)}  note: ${control.note}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  return frameworks;
}
