import { Command } from 'commander';
import { resolvedConfigText } from '../sdk/index.js';
import { printProblems, refuseOptions } from './io.js';
import { addSettingOptions, settingValues } from './settings-options.js';

export function configCommand(): Command {
  const config = new Command('config').description('show the configuration Palisade resolves');
  const print = config
    .command('print')
    .description('print the resolved configuration (defaults < .palisade.yaml < PALISADE_* env < flags) and where each value came from')
    .argument('[paths...]', 'the inputs a scan would get (the configuration file is found upward from the first)')
    .option('-c, --config <file>', 'configuration file (default: .palisade.yaml found upward from the input)');
  const settingKeys = addSettingOptions(print, []);
  print
    .addHelpText('after', '\nExamples:\n  palisade config print\n  PALISADE_FAIL_ON=critical palisade config print k8s/')
    .action((paths: string[], flags: Record<string, unknown> & { config?: string }) => {
      const result = resolvedConfigText({
        paths,
        env: process.env,
        settings: settingValues(flags, settingKeys),
        ...(flags.config === undefined ? {} : { configFile: flags.config }),
      });
      // A configuration that cannot be read or is invalid is not printed: what would be shown is
      // not what a scan would use (it refuses to run).
      if (refuseOptions(result.problems, false)) return;
      printProblems(result.problems, false);
      process.stdout.write(result.text);
    });
  return config;
}
