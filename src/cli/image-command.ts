/** `palisade image scan TARGET` and `palisade sbom TARGET`: thin front ends over sdk/image and sdk/image-scan. */
import { Command, Option } from 'commander';
import { FAIL_ON_VALUES, FORMATS, formatProblem, imageScanOptionProblems, inventoryImage, PalisadeError, renderChunks, renderSbom, SBOM_FORMATS, scanImage, vulnerabilitySbom, vulnerabilitySbomOptionProblems, type FailOn, type InventoryOptions, type InventoryResult, type Report, type SbomFormat } from '../sdk/index.js';
import { collect, emit, EXIT, filesRead, isTableOnScreen, printProblems, refuseOptions, shownOnStdout, useColor } from './io.js';
import { sbomClock } from './source-date-epoch.js';
import { unusedFlagsProblem, usageProblem } from './usage.js';

type Progress = Parameters<NonNullable<InventoryOptions['onProgress']>>[0];

interface ReadFlags {
  secrets?: boolean;
  platform?: string;
  insecure?: boolean;
  caFile?: string;
  quiet?: boolean;
  output?: string;
}

const TARGET_HELP = 'oci:DIR[:TAG], oci-archive:FILE, docker-archive:FILE, dir:PATH, docker://REF, docker-daemon:REF, containers-storage:REF, an existing path, or a bare reference (docker://)';

const MIB = 1024 * 1024;

function describeProgress(progress: Progress): string {
  switch (progress.phase) {
    case 'fetch':
      return `receiving the image from the engine: ${(progress.bytes / MIB).toFixed(1)} MiB`;
    case 'layers': {
      const percent = progress.totalBytes === 0 ? '' : ` (${Math.min(100, Math.floor((progress.bytesRead / progress.totalBytes) * 100))}%)`;
      return `reading layer ${progress.layer}/${progress.layers}: ${(progress.bytesRead / MIB).toFixed(1)} of ${(progress.totalBytes / MIB).toFixed(1)} MiB${percent}`;
    }
    case 'packages':
      return 'analyzing packages…';
  }
}

/**
 * One self-overwriting line on stderr while an image is pulled and read, as src/cli/progress.ts does
 * for manifest scans: only on a terminal and without --quiet, repainted at most every 100 ms.
 */
function imageProgress(quiet: boolean): { update: (progress: Progress) => void; clear: () => void } {
  const stream = process.stderr;
  if (quiet || !stream.isTTY) return { update: () => undefined, clear: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update: (progress) => {
      const now = Date.now();
      if (progress.phase !== 'packages' && now - last < 100) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2K${describeProgress(progress)}`);
    },
    clear: () => {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}

/** The options every image-reading command shares. */
function readOptions(command: Command): Command {
  return command
    .option('--platform <os/arch>', 'platform of a multi-arch image: os/arch[/variant], or windows(VERSION)/arch for a Windows build (default: the host)')
    .option('--insecure', 'docker://: skip TLS verification, and use plain HTTP if the registry has no TLS')
    .option('--ca-file <pem>', 'docker://: extra CA certificates for the registry')
    .option('-q, --quiet', 'print no notes or progress on stderr');
}

/**
 * `podman save app | palisade image scan -` is refused by name (docs/cli.md): images are read from
 * an archive, a directory or a registry, never from standard input, and the reader's own message
 * ("- is neither an existing path ...") does not say what to do. True when refused.
 */
function refuseStdinTarget(target: string, command: string): boolean {
  if (target !== '-') return false;
  return refuseOptions([usageProblem('an image cannot be read from standard input', `Save it to a file and name that: podman save -o app.tar app && palisade ${command} docker-archive:app.tar`)], false);
}

async function read(target: string, flags: ReadFlags): Promise<InventoryResult | undefined> {
  const progress = imageProgress(flags.quiet === true);
  try {
    const result = await inventoryImage(target, {
      onProgress: progress.update,
      ...(flags.platform === undefined ? {} : { platform: flags.platform }),
      ...(flags.insecure === undefined ? {} : { insecure: flags.insecure }),
      ...(flags.caFile === undefined ? {} : { caFile: flags.caFile }),
      ...(flags.secrets === true ? { secrets: true } : {}),
    });
    progress.clear();
    printProblems(result.inventory.problems, flags.quiet === true);
    return result;
  } catch (error) {
    progress.clear();
    if (!(error instanceof PalisadeError)) throw error;
    process.stderr.write(`${formatProblem(error.problem)}\n`);
    process.exitCode = EXIT.usage;
    return undefined;
  }
}

export function sbomCommand(): Command {
  return readOptions(new Command('sbom'))
    .description('write a software bill of materials (CycloneDX 1.6 or SPDX 2.3 JSON) for an image or root directory')
    .argument('<target>', TARGET_HELP)
    .addOption(new Option('-f, --format <format>', 'SBOM format').choices(SBOM_FORMATS).default('cyclonedx'))
    .option('-o, --output <file>', 'where to write the SBOM (default: stdout)')
    .option('--vulns', 'CycloneDX only: add the vulnerabilities section, matched against the advisory store (VEX statements become analyses)')
    .option('--db <file>', 'advisory store for --vulns (default: $XDG_CACHE_HOME/palisade/db.sqlite)')
    .option('--vex <file>', 'OpenVEX or CycloneDX VEX document for --vulns (repeatable)', collect)
    .addHelpText('after', '\nExamples:\n  palisade sbom oci-archive:app.tar -f spdx -o app.spdx.json\n  palisade sbom docker-archive:app.tar\n  palisade sbom oci-archive:app.tar --vulns --vex app.vex.json -o app.cdx.json')
    .action(async (target: string, flags: ReadFlags & SbomVulnFlags & { format: SbomFormat }) => {
      if (refuseStdinTarget(target, 'sbom')) return;
      const clock = sbomClock(process.env);
      if ('problem' in clock) {
        refuseOptions([clock.problem], false);
        return;
      }
      const unused = flags.vulns === true ? undefined : unusedFlagsProblem({ '--db': flags.db, '--vex': flags.vex }, 'without --vulns', 'Add --vulns for the vulnerabilities section.');
      if (unused !== undefined) {
        refuseOptions([unused], false);
        return;
      }
      if (flags.vulns === true) {
        await vulnerabilitySbomTo(target, flags, clock);
        return;
      }
      const result = await read(target, flags);
      if (result === undefined) return;
      if (!emit(renderSbom(result.inventory, flags.format, clock), flags.output, filesRead(target))) {
        process.exitCode = EXIT.usage;
        return;
      }
    });
}

interface SbomVulnFlags {
  vulns?: boolean;
  db?: string;
  vex?: string[];
}

async function vulnerabilitySbomTo(target: string, flags: ReadFlags & SbomVulnFlags & { format: SbomFormat }, clock: { readonly now?: () => Date }): Promise<void> {
  if (flags.format !== 'cyclonedx') {
    refuseOptions([usageProblem('--vulns needs -f cyclonedx: SPDX 2.3 has no place for vulnerabilities', 'Drop -f spdx, or drop --vulns.')], false);
    return;
  }
  // Without a store the SBOM cannot be written: said before the image is read, not after.
  if (refuseOptions(vulnerabilitySbomOptionProblems(flags.db === undefined ? {} : { db: flags.db }), false)) return;
  let text: string;
  try {
    text = await vulnerabilitySbom(target, {
      ...(flags.platform === undefined ? {} : { platform: flags.platform }),
      ...(flags.insecure === undefined ? {} : { insecure: flags.insecure }),
      ...(flags.caFile === undefined ? {} : { caFile: flags.caFile }),
      ...(flags.db === undefined ? {} : { db: flags.db }),
      ...(flags.vex === undefined ? {} : { vex: flags.vex }),
      ...(clock.now === undefined ? {} : { now: clock.now }),
    });
  } catch (error) {
    if (!(error instanceof PalisadeError)) throw error;
    process.stderr.write(`${formatProblem(error.problem)}\n`);
    process.exitCode = EXIT.usage;
    return;
  }
  if (!emit(text, flags.output, filesRead(target, flags.vex, flags.db))) process.exitCode = EXIT.usage;
}

interface ImageScanFlags extends ReadFlags {
  format: string;
  failOn?: FailOn;
  ignoreUnfixed?: boolean;
  vex?: string[];
  db?: string;
  config?: string;
}

const SCAN_EXAMPLES = `
Examples:
  palisade image scan oci-archive:app.tar                     vulnerabilities and secrets, grouped by package
  palisade image scan docker://registry.example/app:1.2 -f sarif -o image.sarif
  palisade image scan app.tar --fail-on critical --ignore-unfixed --vex app.vex.json
  palisade image scan app.tar -f inventory                    the package inventory as JSON

Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 a usage error, no input read or
the report not written, 70 a bug (docs/cli.md).`;

export function imageCommand(): Command {
  const scan = readOptions(new Command('scan'))
    .description('read an image safely and report its vulnerabilities (from the advisory store) and secrets')
    .argument('<target>', TARGET_HELP)
    .addOption(new Option('-f, --format <format>', 'report format, or `inventory` for the package inventory as JSON').choices([...FORMATS, 'inventory']).default('table'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding is at or above this severity (default: high; env PALISADE_FAIL_ON)').choices([...FAIL_ON_VALUES]))
    .option('--ignore-unfixed', 'leave out vulnerabilities no release fixes yet')
    .option('--vex <file>', 'OpenVEX or CycloneDX VEX document whose statements suppress findings (repeatable)', collect)
    .option('--db <file>', 'advisory store (default: $XDG_CACHE_HOME/palisade/db.sqlite); without one, vulnerabilities are not checked')
    .option('-c, --config <file>', 'configuration file for exceptions and the gate (default: .palisade.yaml found upward)')
    .option('--secrets', 'look for secrets in every layer (deleted files too) and the image config (the default); values are redacted')
    .option('--no-secrets', 'do not look for secrets')
    .option('-o, --output <file>', 'where to write the result (default: stdout)')
    .addHelpText('after', SCAN_EXAMPLES)
    .action(async (target: string, flags: ImageScanFlags) => {
      if (refuseStdinTarget(target, 'image scan')) return;
      if (flags.format === 'inventory') {
        // The inventory lists packages: there is no finding to gate, match, suppress or filter.
        const unused = unusedFlagsProblem({ '--fail-on': flags.failOn, '--ignore-unfixed': flags.ignoreUnfixed, '--vex': flags.vex, '--db': flags.db, '--config': flags.config }, 'with -f inventory, which lists packages, not findings', 'Drop them, or choose a report format such as -f table or -f sarif.');
        if (unused !== undefined) {
          refuseOptions([unused], false);
          return;
        }
        const result = await read(target, flags);
        if (result === undefined) return;
        const json = result.secrets === undefined ? result.inventory : { ...result.inventory, secrets: result.secrets };
        if (!emit(`${JSON.stringify(json, null, 2)}\n`, flags.output, filesRead(target))) process.exitCode = EXIT.usage;
        return;
      }
      await scanToReport(target, flags);
    });
  return new Command('image').description('container image commands').addCommand(scan);
}

async function scanToReport(target: string, flags: ImageScanFlags): Promise<void> {
  const configuration = { env: process.env, ...(flags.config === undefined ? {} : { configFile: flags.config }), ...(flags.failOn === undefined ? {} : { failOn: flags.failOn }) };
  // A broken .palisade.yaml is said before a large image is pulled and read.
  if (refuseOptions(imageScanOptionProblems(configuration), flags.quiet === true)) return;
  let report: Report;
  const progress = imageProgress(flags.quiet === true);
  try {
    ({ report } = await scanImage(target, {
      ...configuration,
      onProgress: progress.update,
      secrets: flags.secrets !== false,
      ...(flags.platform === undefined ? {} : { platform: flags.platform }),
      ...(flags.insecure === undefined ? {} : { insecure: flags.insecure }),
      ...(flags.caFile === undefined ? {} : { caFile: flags.caFile }),
      ...(flags.ignoreUnfixed === true ? { ignoreUnfixed: true } : {}),
      ...(flags.vex === undefined ? {} : { vex: flags.vex }),
      ...(flags.db === undefined ? {} : { db: flags.db }),
    }));
    progress.clear();
  } catch (error) {
    progress.clear();
    if (!(error instanceof PalisadeError)) throw error;
    process.stderr.write(`${formatProblem(error.problem)}\n`);
    process.exitCode = EXIT.usage;
    return;
  }
  const toTerminal = flags.output === undefined || flags.output === '-';
  const tableOnScreen = isTableOnScreen(flags.format, flags.output);
  // The table lists problems itself; print them on stderr only where the table is not on screen.
  if (!tableOnScreen) printProblems([...report.errors, ...report.notes], flags.quiet === true);
  if (report.errors.some((p) => p.code === 'config-invalid' || p.code === 'config-not-found')) {
    process.exitCode = EXIT.usage;
    return;
  }
  if (!emit(renderChunks(shownOnStdout(report, flags.format, flags.output, flags.quiet === true), flags.format, { color: toTerminal && useColor(process.stdout) }), flags.output, filesRead(target, flags.vex, flags.db, flags.config))) process.exitCode = EXIT.usage;
  else process.exitCode = report.summary.failed ? EXIT.findings : EXIT.ok;
}
