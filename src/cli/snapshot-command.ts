import { Command, Option } from 'commander';
import { snapshot } from '../sdk/index.js';
import { emit, EXIT, filesRead, printProblems } from './io.js';

interface SnapshotFlags {
  kubeconfig?: string;
  context?: string;
  output?: string;
  format: 'yaml' | 'json';
  quiet?: boolean;
}

export function snapshotCommand(): Command {
  return new Command('snapshot')
    .description("save a live cluster's objects to a file for offline scans (Secret values are blanked)")
    .option('--kubeconfig <file>', 'kubeconfig (default: KUBECONFIG, then ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context (default: the current context)')
    .option('-o, --output <file>', 'where to write the snapshot (default: stdout)')
    .addOption(new Option('-f, --format <format>', 'file format').choices(['yaml', 'json']).default('yaml'))
    .option('-q, --quiet', 'print no notes on stderr')
    .addHelpText('after', '\nExamples:\n  palisade snapshot --context prod -o prod.yaml\n  palisade scan prod.yaml --format html -o prod.html')
    .action(async (flags: SnapshotFlags) => {
      const result = await snapshot({
        format: flags.format,
        ...(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig }),
        ...(flags.context === undefined ? {} : { context: flags.context }),
      });
      printProblems(result.problems, flags.quiet === true);
      if (result.text === '') {
        process.exitCode = EXIT.usage;
        return;
      }
      if (!emit(result.text, flags.output, filesRead(flags.kubeconfig))) {
        process.exitCode = EXIT.usage;
        return;
      }
      if (flags.output !== undefined && flags.quiet !== true) process.stderr.write(`saved ${result.objects} objects to ${flags.output}\n`);
    });
}
