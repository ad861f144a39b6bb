import { Command, Option } from 'commander';
import { dockerfileOptionProblems, FAIL_ON_VALUES, FORMATS, lintDockerfiles, type FailOn } from '../sdk/index.js';
import { collectList, failNothingRead, filesRead, finishReport, printProblems, refuseOptions } from './io.js';
import { reportOverManifestProblems } from './report-over-manifest.js';

interface DockerfileFlags {
  format: string;
  output?: string;
  failOn?: FailOn;
  rules?: string[];
  excludeRules?: string[];
  config?: string;
  quiet?: boolean;
}

const EXAMPLES = `
Examples:
  palisade dockerfile Dockerfile                  lint one Dockerfile
  palisade dockerfile .                           every Dockerfile, Containerfile, *.Dockerfile below .
  git show HEAD:Dockerfile | palisade dockerfile -  a Dockerfile from standard input (named "-")
  palisade dockerfile Dockerfile --format sarif -o dockerfile.sarif
  palisade dockerfile Dockerfile --exclude-rules image-healthcheck-missing

Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 a usage error, no input read or
the report not written, 70 a bug (docs/cli.md).`;

/**
 * Problems that mean the command line or configuration is wrong: exit 2, no report. A refused
 * not-a-dockerfile input is not one of them: like a missing file it loses that input only, and
 * when it was the only one, no-input says so.
 */
const USAGE_CODES = new Set(['unknown-rule', 'config-invalid', 'config-not-found', 'no-input']);

export function dockerfileCommand(): Command {
  return new Command('dockerfile')
    .description('lint Dockerfiles and Containerfiles (image user, secrets, base images, package installs, hadolint checks)')
    .argument('<paths...>', 'Dockerfiles, directories to search for them, or "-" for standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...FORMATS]).default('table'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding is at or above this severity (default: high; env PALISADE_FAIL_ON)').choices([...FAIL_ON_VALUES]))
    .option('--rules <ids>', 'only these rules (comma-separated ids or globs; default: every Dockerfile rule)', collectList)
    .option('--exclude-rules <ids>', 'skip these rules (comma-separated ids or globs)', collectList)
    .option('-c, --config <file>', 'configuration file (default: .palisade.yaml found upward from the input)')
    .option('-q, --quiet', 'print no notes on stderr')
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], flags: DockerfileFlags) => {
      const options = {
        env: process.env,
        ...(flags.config === undefined ? {} : { configFile: flags.config }),
        ...(flags.rules === undefined ? {} : { rules: flags.rules }),
        ...(flags.excludeRules === undefined ? {} : { excludeRules: flags.excludeRules }),
        ...(flags.failOn === undefined ? {} : { failOn: flags.failOn }),
      };
      if (refuseOptions([...dockerfileOptionProblems(paths, options), ...reportOverManifestProblems(flags.output, filesRead(paths, flags.config))], flags.quiet === true)) return;
      const report = await lintDockerfiles(paths, options);
      // Inputs that hold no Dockerfile (a directory without one, a mistyped path) leave the rules
      // nothing to judge: "No findings" and exit 0 would pass a CI gate.
      // The SDK's own no-input speaks of Kubernetes objects; this one says what is missing here.
      const judged = report.rules.some((r) => Object.values(r.counts).some((n) => n > 0));
      const lost = report.errors.filter((p) => p.code !== 'no-input');
      if (!judged && !lost.some((p) => USAGE_CODES.has(p.code))) {
        printProblems(lost, flags.quiet === true);
        failNothingRead('no Dockerfile was read from the inputs', 'Name Dockerfiles, Containerfiles or *.Dockerfile files, directories holding them, or - for standard input.');
        return;
      }
      finishReport(report, { ...flags, inputs: filesRead(paths, flags.config) }, USAGE_CODES);
    });
}
