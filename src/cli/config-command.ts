import { Command } from 'commander';
import { resolvedConfigText } from '../sdk/index.js';
import { collect, collectList, printProblems, refuseOptions } from './io.js';
import { addSettingOptions, settingValues } from './settings-options.js';

interface PrintFlags extends Record<string, unknown> {
  config?: string;
  namespace?: string[];
  helmValues?: string[];
  set?: string[];
  failOnPath?: boolean;
}

/**
 * The settings `scan` spells the way kubectl and helm users know them, taken here by the same
 * flags so that a scan's command line can be replayed: `palisade config print k8s/ -n shop`.
 * The schema's own spellings (--namespaces, ...) are still taken; problems name these.
 */
function scanSpellings(flags: PrintFlags): Record<string, unknown> {
  return {
    ...(flags.namespace === undefined ? {} : { namespaces: flags.namespace }),
    ...(flags.helmValues === undefined ? {} : { helmValuesFiles: flags.helmValues }),
    ...(flags.set === undefined ? {} : { helmSet: flags.set }),
    ...(flags.failOnPath === undefined ? {} : { attackPathsFailOnPath: flags.failOnPath }),
  };
}

export function configCommand(): Command {
  const config = new Command('config').description('show the configuration Palisade resolves');
  const print = config
    .command('print')
    .description('print the resolved configuration (defaults < .palisade.yaml < PALISADE_* env < flags) and where each value came from')
    .argument('[paths...]', 'the inputs a scan would get (the configuration file is found upward from the first)')
    .option('-c, --config <file>', 'configuration file (default: .palisade.yaml found upward from the input)')
    .option('-n, --namespace <ns>', 'as scan -n: only these namespaces (the namespaces setting)', collectList)
    .option('--helm-values <file>', 'as scan --helm-values (the helm.valuesFiles setting; repeatable)', collect)
    .option('--set <key=value>', 'as scan --set (the helm.set setting; repeatable)', collect)
    .option('--fail-on-path', 'as scan --fail-on-path (the attackPaths.failOnPath setting)');
  const settingKeys = addSettingOptions(print, []);
  print
    .addHelpText('after', '\nExamples:\n  palisade config print\n  PALISADE_FAIL_ON=critical palisade config print k8s/\n  palisade config print k8s/ -n shop --fail-on-path     the flags of a scan')
    .action((paths: string[], flags: PrintFlags) => {
      const result = resolvedConfigText({
        paths,
        env: process.env,
        settings: { ...settingValues(flags, settingKeys), ...scanSpellings(flags) },
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
