/** `palisade image scan TARGET` and `palisade sbom TARGET`: thin front ends over sdk/image. */
import { Command, Option } from 'commander';
import { formatProblem, inventoryImage, PalisadeError, renderSbom, SBOM_FORMATS, type Inventory, type InventoryResult, type SbomFormat } from '../sdk/index.js';
import { emit, EXIT, printProblems } from './io.js';

interface ReadFlags {
  secrets?: boolean;
  platform?: string;
  insecure?: boolean;
  caFile?: string;
  quiet?: boolean;
  output?: string;
}

const TARGET_HELP = 'oci:DIR[:TAG], oci-archive:FILE, docker-archive:FILE, dir:PATH, docker://REF, or an existing path';

/** The options every image-reading command shares. */
function readOptions(command: Command): Command {
  return command
    .option('--platform <os/arch>', 'platform of a multi-arch image (default: the host)')
    .option('--insecure', 'docker://: talk plain HTTP to the registry')
    .option('--ca-file <pem>', 'docker://: extra CA certificates for the registry')
    .option('-q, --quiet', 'print no notes on stderr');
}

async function read(target: string, flags: ReadFlags): Promise<InventoryResult | undefined> {
  try {
    const result = await inventoryImage(target, {
      ...(flags.platform === undefined ? {} : { platform: flags.platform }),
      ...(flags.insecure === undefined ? {} : { insecure: flags.insecure }),
      ...(flags.caFile === undefined ? {} : { caFile: flags.caFile }),
      ...(flags.secrets === true ? { secrets: true } : {}),
    });
    printProblems(result.inventory.problems, flags.quiet === true);
    return result;
  } catch (error) {
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
    .addHelpText('after', '\nExamples:\n  palisade sbom oci-archive:app.tar -f spdx -o app.spdx.json\n  palisade sbom docker-archive:app.tar')
    .action(async (target: string, flags: ReadFlags & { format: SbomFormat }) => {
      const result = await read(target, flags);
      if (result === undefined) return;
      if (!emit(renderSbom(result.inventory, flags.format), flags.output)) {
        process.exitCode = EXIT.usage;
        return;
      }
    });
}

export function imageCommand(): Command {
  const scan = readOptions(new Command('scan'))
    .description('read an image safely and summarise its operating system and packages')
    .argument('<target>', TARGET_HELP)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--secrets', 'also look for secrets in every layer (deleted files too) and the image config; values are redacted')
    .option('-o, --output <file>', 'where to write the result (default: stdout)')
    .action(async (target: string, flags: ReadFlags & { format: 'table' | 'json' }) => {
      const result = await read(target, flags);
      if (result === undefined) return;
      const json = result.secrets === undefined ? result.inventory : { ...result.inventory, secrets: result.secrets };
      if (!emit(flags.format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : summary(result.inventory, result.stats, result.secrets), flags.output)) {
        process.exitCode = EXIT.usage;
        return;
      }
    });
  return new Command('image').description('container image commands').addCommand(scan);
}

function summary(inventory: Inventory, stats: InventoryResult['stats'], secrets: InventoryResult['secrets']): string {
  const lines = [`Target: ${inventory.target}`];
  const image = inventory.image;
  if (image !== undefined) {
    lines.push(`Image: ${image.manifestDigest ?? image.configDigest} (${image.os}/${image.architecture}, ${image.layers.length} layers${image.repoTags.length === 0 ? '' : `, ${image.repoTags.join(', ')}`})`);
  }
  lines.push(`OS: ${inventory.os === undefined ? 'unknown (no os-release)' : inventory.os.prettyName ?? `${inventory.os.id} ${inventory.os.versionId ?? ''}`.trim()}`);
  const byEcosystem = new Map<string, number>();
  for (const p of inventory.packages) byEcosystem.set(p.ecosystem, (byEcosystem.get(p.ecosystem) ?? 0) + 1);
  lines.push(`Packages: ${inventory.packages.length}${byEcosystem.size === 0 ? '' : ` (${[...byEcosystem].map(([e, n]) => `${e} ${n}`).join(', ')})`}`);
  lines.push(`Read: ${stats.entries} entries, ${(stats.uncompressedBytes / 1024 / 1024).toFixed(1)} MiB uncompressed in ${stats.millis} ms`);
  if (secrets !== undefined) {
    lines.push(`Secrets: ${secrets.length}`);
    for (const s of secrets) {
      const where = s.place === 'file' ? `${s.path ?? ''}:${s.line ?? 0}${s.deleted === true ? ' (deleted by a later layer, still in the image)' : ''}` : `config ${s.place} #${s.line ?? 0}`;
      lines.push(`  ${s.severity.padEnd(8)} ${s.rule}  ${where}  ${s.redacted}`);
    }
  }
  if (inventory.problems.length > 0) lines.push(`Problems: ${inventory.problems.length} (see stderr)`);
  return `${lines.join('\n')}\n`;
}
