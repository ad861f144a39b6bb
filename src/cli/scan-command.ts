import { Command, Option } from 'commander';
import { FAIL_ON_VALUES, FORMATS, PalisadeError, scan, scanOptionProblems, type FailOn, type ScanOptions } from '../sdk/index.js';
import { CLUSTER_NOT_READ_CODES, collect, collectList, EXIT, filesRead, finishReport, printProblems, refuseOptions } from './io.js';
import { progressLine } from './progress.js';
import { inertHelmFlagProblems, inertImageFlagProblems } from './inert-flags.js';
import { reportOverManifestProblems } from './report-over-manifest.js';
import { missingFileProblems } from './usage.js';
import { addSettingOptions, settingValues } from './settings-options.js';

interface ScanFlags extends Record<string, unknown> {
  kubeconfig?: string;
  context?: string;
  format: string;
  output?: string;
  failOn?: FailOn;
  failOnPath?: boolean;
  rules?: string[];
  excludeRules?: string[];
  namespace?: string[];
  config?: string;
  helmValues?: string[];
  set?: string[];
  quiet?: boolean;
  framework?: string;
  pssVersion?: string;
  db?: string;
  vex?: string[];
  ignoreUnfixed?: boolean;
  images?: boolean;
  insecure?: boolean;
}

const EXAMPLES = `
Examples:
  palisade scan examples/                         scan a directory of manifests
  palisade scan deploy.yaml --format sarif -o palisade.sarif
  helm template ./chart | palisade scan -         read manifests from stdin
  palisade scan ./chart --helm-values prod.yaml --set image.tag=1.2.3
  palisade scan overlays/prod                     a Kustomize overlay (rendered with kubectl kustomize)
  palisade scan --kubeconfig ~/.kube/config --context prod --namespace shop
  palisade scan . --fail-on critical --exclude-rules 'image-*'
  palisade scan . --framework pss-restricted --pss-version v1.29
  palisade scan oci-archive:app.tar k8s/          an image (vulnerabilities, secrets) and its manifests in one report
  palisade scan k8s/ --fail-on-path               exit 1 when an attack path reaches a crown jewel

Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 a usage error, no input read or
the report not written, 70 a bug (docs/cli.md).`;

/** Problems that mean the command line or configuration is wrong: exit 2, no report. */
const USAGE_CODES = new Set(['attack-bad-entry', 'attack-bad-target', 'unknown-rule', 'unknown-framework', 'invalid-pss-version', 'config-invalid', 'config-not-found', 'no-input', ...CLUSTER_NOT_READ_CODES]);

/** Configuration settings this command spells its own way (the rest are derived from the schema). */
const SPELLED_OUT = ['failOn', 'attackPathsFailOnPath', 'namespaces', 'helmValuesFiles', 'helmSet'];

function scanOptions(paths: string[], flags: ScanFlags, settingKeys: readonly string[]): ScanOptions {
  const clusterWanted = flags.kubeconfig !== undefined || flags.context !== undefined;
  return {
    paths,
    env: process.env,
    settings: settingValues(flags, settingKeys),
    ...(clusterWanted ? { cluster: { ...(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig }), ...(flags.context === undefined ? {} : { context: flags.context }) } } : {}),
    ...(flags.config === undefined ? {} : { configFile: flags.config }),
    ...(flags.rules === undefined ? {} : { rules: flags.rules }),
    ...(flags.excludeRules === undefined ? {} : { excludeRules: flags.excludeRules }),
    ...(flags.namespace === undefined ? {} : { namespaces: flags.namespace }),
    ...(flags.failOn === undefined ? {} : { failOn: flags.failOn }),
    ...(flags.failOnPath === undefined ? {} : { failOnPath: flags.failOnPath }),
    ...(flags.framework === undefined ? {} : { framework: flags.framework }),
    ...(flags.pssVersion === undefined ? {} : { pssVersion: flags.pssVersion }),
    ...(flags.helmValues === undefined ? {} : { helmValues: flags.helmValues }),
    ...(flags.set === undefined ? {} : { helmSet: flags.set }),
    images: {
      ...(flags.db === undefined ? {} : { db: flags.db }),
      ...(flags.vex === undefined ? {} : { vex: flags.vex }),
      ...(flags.ignoreUnfixed === true ? { ignoreUnfixed: true } : {}),
      ...(flags.insecure === true ? { insecure: true } : {}),
    },
    ...(flags.images === true ? { scanWorkloadImages: true } : {}),
  };
}

export function scanCommand(): Command {
  const command = new Command('scan')
    .description('scan manifests, Helm charts, Kustomize overlays or a live cluster for misconfigurations')
    .argument('[paths...]', 'files, directories, charts, overlays, - for stdin, or images (oci:DIR, oci-archive:FILE, docker-archive:FILE, docker://REF, an image tar)')
    .option('--kubeconfig <file>', 'scan the live cluster of this kubeconfig')
    .option('--context <name>', 'kubeconfig context (implies a cluster scan)')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...FORMATS]).default('table'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding is at or above this severity (default: high; env PALISADE_FAIL_ON)').choices([...FAIL_ON_VALUES]))
    .option('--fail-on-path', 'exit 1 when any attack path leads from an entry point to a crown jewel (env PALISADE_ATTACK_PATHS_FAIL_ON_PATH; see docs/attack-paths.md)')
    .option('--rules <ids>', 'only these rules (comma-separated ids or globs)', collectList)
    .option('--exclude-rules <ids>', 'skip these rules (comma-separated ids or globs)', collectList)
    .option('--framework <id>', 'run only this framework\'s rules and add its compliance section (see `palisade frameworks list`)')
    .option('--pss-version <version>', 'Pod Security Standards policy version of pss-baseline/pss-restricted: latest or v1.N (default latest)')
    .option('-n, --namespace <ns>', 'only resources in these namespaces, globs allowed (repeatable or comma-separated; env PALISADE_NAMESPACES)', collectList)
    .option('-c, --config <file>', 'configuration file (default: .palisade.yaml found upward from the input)')
    .option('--helm-values <file>', 'values file for Helm charts (repeatable)', collect)
    .option('--set <key=value>', 'Helm --set value (repeatable)', collect)
    .option('--db <file>', 'advisory store for image targets (default: $XDG_CACHE_HOME/palisade/db.sqlite)')
    .option('--vex <file>', 'OpenVEX or CycloneDX VEX document for image targets (repeatable)', collect)
    .option('--ignore-unfixed', 'image targets: leave out vulnerabilities no release fixes yet')
    .option('--images', 'also pull and scan the images the workloads run (docker://, at most 200)')
    .option('--insecure', 'image pulls: skip TLS verification, and use plain HTTP where a registry has no TLS')
    .option('-q, --quiet', 'print no notes or progress on stderr');
  const settingKeys = addSettingOptions(command, SPELLED_OUT);
  return command.addHelpText('after', EXAMPLES).action(async (paths: string[], flags: ScanFlags) => {
    const options = scanOptions(paths, flags, settingKeys);
    // A typo in --rules or the configuration is said before a cluster's worth of input is read.
    const early = [
      ...scanOptionProblems(options),
      ...missingFileProblems('--helm-values', flags.helmValues),
      ...(await inertHelmFlagProblems(paths, flags)),
      ...inertImageFlagProblems(paths, flags),
      ...reportOverManifestProblems(flags.output, filesRead(paths, flags.kubeconfig, flags.config, flags.helmValues, flags.vex, flags.db)),
    ];
    if (refuseOptions(early, flags.quiet === true)) return;
    const progress = progressLine(process.stderr, flags.quiet !== true);
    let report;
    try {
      report = await scan({ ...options, onProgress: progress.update });
    } catch (error) {
      // What stops a whole scan (a VEX file that is no VEX document) is bad input, not a bug.
      progress.clear();
      if (!(error instanceof PalisadeError)) throw error;
      printProblems([error.problem], false);
      process.exitCode = EXIT.usage;
      return;
    }
    progress.clear();
    finishReport(report, { ...flags, inputs: filesRead(paths, flags.kubeconfig, flags.config, flags.helmValues, flags.vex, flags.db) }, USAGE_CODES);
  });
}
