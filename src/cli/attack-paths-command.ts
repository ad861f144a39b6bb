/** `palisade attack-paths`: paths from entry points to crown jewels and the cheapest fixes, over the SDK. */
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { PalisadeError, formatProblem } from '../sdk/index.js';
import { ATTACK_PATHS_FORMATS, attackPaths, attackPathsOptionProblems, readVulnerabilities, renderAttackPaths, type AttackPathsFormat } from '../sdk/index.js';
import { CLUSTER_NOT_READ_CODES, collect, emit, EXIT, filesRead, printProblems, refuseOptions } from './io.js';
import { visibleControlsFor } from '../lib/visible-controls.js';
import { inertHelmFlagProblems } from './inert-flags.js';
import { reportOverManifestProblems } from './report-over-manifest.js';
import { missingFileProblems } from './usage.js';

interface Flags {
  from?: string[];
  to?: string[];
  format: AttackPathsFormat;
  vulnerabilities?: string;
  kubeconfig?: string;
  context?: string;
  config?: string;
  helmValues?: string[];
  set?: string[];
  maxPathsPerPair?: number;
  output?: string;
  quiet?: boolean;
}

/** --max-paths-per-pair: refused while the command line is parsed, like any other bad flag value. */
function pathsPerPair(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('It must be a whole number from 1 to 1000.');
  return n;
}

export function attackPathsCommand(): Command {
  return new Command('attack-paths')
    .description('every path from an entry point to a crown jewel across network, RBAC, vulnerabilities and host escape, and the cheapest fixes that cut them all')
    .argument('[paths...]', 'files and directories of manifests, charts or overlays ("-" for stdin)')
    .option('--from <entry>', 'entry point: internet, workloads, namespace/NS, pod/NS/NAME, user:NAME, group:NAME (repeatable; default internet and every workload)', collect)
    .option('--to <jewel>', 'crown jewel: cluster-admin, secrets, nodes, configured (.palisade.yaml crownJewels), namespace/NS, "selector KEY=VALUE[,...]" (repeatable; default all but namespace and selector)', collect)
    .addOption(new Option('-f, --format <format>', 'output format').choices([...ATTACK_PATHS_FORMATS]).default('table'))
    .option('--vulnerabilities <file>', 'JSON list of {image, vulnerabilities[]}: RCE-class ones become exploit steps')
    .option('--max-paths-per-pair <n>', 'paths listed per entry/jewel pair, 1 to 1000 (default 3)', pathsPerPair)
    .option('--kubeconfig <file>', 'read the live cluster of this kubeconfig')
    .option('--context <name>', 'kubeconfig context (implies a live cluster)')
    .option('-c, --config <file>', 'configuration file (default: .palisade.yaml found upward from the input)')
    .option('--helm-values <file>', 'values file for Helm charts (repeatable)', collect)
    .option('--set <key=value>', 'Helm --set value (repeatable)', collect)
    .option('-o, --output <file>', 'write the output to a file')
    .option('-q, --quiet', 'print no notes on stderr')
    .addHelpText('after', '\nExamples:\n  palisade attack-paths k8s/\n  palisade attack-paths k8s/ --from internet --to cluster-admin -f json\n  palisade attack-paths k8s/ --from pod/shop/web --to nodes -f dot | dot -Tsvg > paths.svg')
    .action(async (paths: string[], flags: Flags) => {
      const live = flags.kubeconfig !== undefined || flags.context !== undefined;
      const selection = { paths, ...(flags.config === undefined ? {} : { configFile: flags.config }), ...(flags.from === undefined ? {} : { from: flags.from }), ...(flags.to === undefined ? {} : { to: flags.to }) };
      // A mistyped --to or a broken configuration is said before the inputs are read and analysed.
      if (refuseOptions([...attackPathsOptionProblems(selection), ...missingFileProblems('--helm-values', flags.helmValues), ...(await inertHelmFlagProblems(paths, flags)), ...reportOverManifestProblems(flags.output, filesRead(paths, flags.kubeconfig, flags.config, flags.helmValues, flags.vulnerabilities))], flags.quiet === true)) return;
      try {
        // Read first, for the same reason: a wrong --vulnerabilities file stops the command before the inputs are loaded.
        const vulnerabilities = flags.vulnerabilities === undefined ? [] : readVulnerabilities(resolve(flags.vulnerabilities));
        const answer = await attackPaths({
          ...selection,
          ...(live ? { cluster: { ...(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig }), ...(flags.context === undefined ? {} : { context: flags.context }) } } : {}),
          ...(flags.helmValues === undefined ? {} : { helmValues: flags.helmValues }),
          ...(flags.set === undefined ? {} : { helmSet: flags.set }),
          vulnerabilities,
          ...(flags.maxPathsPerPair === undefined ? {} : { maxPathsPerPair: flags.maxPathsPerPair }),
        });
        printProblems(answer.problems, flags.quiet === true);
        // Nothing read is a no-input problem of the SDK's, printed above; so is a cluster asked for and not read.
        if (answer.problems.some((p) => p.code === 'no-input' || p.code === 'config-invalid' || p.code === 'config-not-found' || CLUSTER_NOT_READ_CODES.has(p.code))) {
          process.exitCode = EXIT.usage;
          return;
        }
        // Node names and explanations quote the manifests: no raw control character gets through.
        if (!emit(visibleControlsFor(flags.format)(renderAttackPaths(answer.result, flags.format)), flags.output, filesRead(paths, flags.kubeconfig, flags.config, flags.helmValues, flags.vulnerabilities))) process.exitCode = EXIT.usage;
      } catch (error) {
        if (!(error instanceof PalisadeError)) throw error;
        process.stderr.write(`${formatProblem(error.problem)}\n`);
        process.exitCode = EXIT.usage;
      }
    });
}
