/** `palisade db import|update|status`: the offline advisory store. */
import { Command, Option } from 'commander';
import { dbImport, dbStatus, dbUpdate, dbUpdateOptionProblems, PalisadeError, type ImportResult, type StoreStatus } from '../sdk/index.js';
import { EXIT, printProblems, refuseOptions } from './io.js';

interface CommonFlags {
  db?: string;
  quiet?: boolean;
  format: 'text' | 'json';
}

const dbOption = (): Option => new Option('--db <file>', 'advisory store (default: $XDG_CACHE_HOME/palisade/db.sqlite, else ~/.cache/palisade/db.sqlite)');
const formatOption = (): Option => new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text');

export function dbCommand(): Command {
  return new Command('db')
    .description('the offline vulnerability advisory store: import, update, status')
    .addCommand(importCommand())
    .addCommand(updateCommand())
    .addCommand(statusCommand())
    .addHelpText('after', '\nExamples:\n  palisade db import ./osv-npm-all.zip\n  palisade db update --source https://mirror.example/osv/all.zip\n  palisade db status');
}

function importCommand(): Command {
  return new Command('import')
    .description('import OSV records (directory, .json, .jsonl or zip), Debian security tracker JSON, DSA/DLA lists (JSON lines) or Alpine secdb JSON')
    .argument('<path>', 'file, directory or zip to import')
    .addOption(dbOption())
    .option('--name <name>', 'source name; importing the same name again replaces its records (default: the absolute path)')
    .addOption(formatOption())
    .option('-q, --quiet', 'no progress or notes on stderr')
    .action(async (path: string, flags: CommonFlags & { name?: string }) => {
      await run(async () => {
        const progress = progressLine(flags.quiet === true);
        const result = await dbImport(path, {
          ...(flags.db === undefined ? {} : { db: flags.db }),
          ...(flags.name === undefined ? {} : { name: flags.name }),
          onProgress: (documents, records) => {
            progress(`read ${documents} documents, ${records} advisories`);
          },
        });
        progress('');
        report(result, flags);
      });
    });
}

function updateCommand(): Command {
  return new Command('update')
    .description('download a feed over HTTP(S), verify its sha256 (and signature), import it atomically')
    .requiredOption('--source <url>', 'feed URL, http:// or https:// (zip, .json or .jsonl); a local feed is `palisade db import PATH`')
    .option('--sha256 <hex>', 'expected sha256 of the download (default: read from <url>.sha256)')
    .option('--public-key <pem>', 'verify <url>.sig with this PEM public key (Ed25519, ECDSA or RSA)')
    .addOption(dbOption())
    .addOption(formatOption())
    .option('-q, --quiet', 'no progress or notes on stderr')
    .action(async (flags: CommonFlags & { source: string; sha256?: string; publicKey?: string }) => {
      if (refuseOptions(dbUpdateOptionProblems(flags), false)) return;
      await run(async () => {
        const progress = progressLine(flags.quiet === true);
        const result = await dbUpdate({
          source: flags.source,
          ...(flags.db === undefined ? {} : { db: flags.db }),
          ...(flags.sha256 === undefined ? {} : { sha256: flags.sha256 }),
          ...(flags.publicKey === undefined ? {} : { publicKey: flags.publicKey }),
          onProgress: ({ received, total }) => {
            progress(`downloaded ${mib(received)}${total === undefined ? '' : ` of ${mib(total)}`}`);
          },
        });
        progress('');
        if (flags.quiet !== true && flags.format === 'text') process.stderr.write(`downloaded ${mib(result.bytes)}, sha256 ${result.sha256} verified\n`);
        report(result, flags);
      });
    });
}

function statusCommand(): Command {
  return new Command('status')
    .description('sources, record counts and age of the advisory store')
    .addOption(dbOption())
    .addOption(formatOption())
    .action(async (flags: CommonFlags) => {
      await run(() => {
        const status = dbStatus(flags.db === undefined ? {} : { db: flags.db });
        process.stdout.write(flags.format === 'json' ? `${JSON.stringify(status, null, 2)}\n` : statusText(status));
        return Promise.resolve();
      });
    });
}

/** Located problems from the SDK become one stderr line and exit 2; anything else is a bug. */
async function run(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof PalisadeError)) throw error;
    printProblems([error.problem], false);
    process.exitCode = EXIT.usage;
  }
}

function report(result: ImportResult, flags: CommonFlags): void {
  printProblems(result.problems, flags.quiet === true);
  if (result.moreProblems > 0 && flags.quiet !== true) process.stderr.write(`... and ${result.moreProblems} more problems\n`);
  if (flags.format === 'json') {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  process.stdout.write(`imported ${result.records} advisories (${result.kinds.join(', ')}) from ${result.source} into ${result.store}; ${result.skipped} skipped\n`);
}

function statusText(status: StoreStatus): string {
  const lines = [
    `store    ${status.path} (schema ${status.schemaVersion}, ${mib(status.sizeBytes)})`,
    `records  ${status.advisories} advisories; affected packages: ${Object.entries(status.packagesByScheme).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
    'sources:',
    ...status.sources.map((s) => `  ${s.name}\n    ${s.kind}, ${s.records} records (${s.skipped} skipped, ${s.withdrawn} withdrawn), imported ${s.importedAt} (${s.ageDays} days ago)${s.sha256 === undefined ? '' : `, sha256 ${s.sha256}`}`),
  ];
  return `${lines.join('\n')}\n`;
}

function mib(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KiB` : `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Progress on a terminal: one line rewritten in place; nothing when piped or quiet. */
function progressLine(quiet: boolean): (text: string) => void {
  if (quiet || !process.stderr.isTTY) return () => undefined;
  return (text) => {
    process.stderr.write(`\r\x1b[K${text}`);
  };
}

