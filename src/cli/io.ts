import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import type { Problem, Report } from '../sdk/index.js';
import { formatProblem, problem, renderChunks } from '../sdk/index.js';

/**
 * Exit codes (docs/cli.md): 0 nothing at or above --fail-on (or the answer is yes), 1 something is
 * (or the answer is no), 2 the command line or configuration is wrong, or no input could be read,
 * or the output could not be written; 70 a bug in Palisade.
 */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 70 } as const;

/**
 * Colour only on a terminal, and not when NO_COLOR is set to anything but "" (no-color.org: an
 * empty NO_COLOR, as left by `NO_COLOR=` or an unset templated variable, does not turn it off).
 */
export function useColor(stream: Pick<NodeJS.WriteStream, 'isTTY'>, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY && (env.NO_COLOR ?? '') === '' && env.TERM !== 'dumb';
}

/** A table written to the terminal: it lists the run's problems itself, in place of the lines on stderr. */
export function isTableOnScreen(format: string, output: string | undefined): boolean {
  return format === 'table' && (output === undefined || output === '-') && process.stdout.isTTY;
}

/**
 * The report as a table on standard output shows it: -q leaves its notes out, as it leaves them off
 * stderr (a CI log takes both streams). A table written to a file (-o) is the full report.
 */
export function shownOnStdout(report: Report, format: string, output: string | undefined, quiet: boolean): Report {
  return quiet && format === 'table' && (output === undefined || output === '-') ? { ...report, notes: [] } : report;
}

/**
 * Notes that a file was skipped come one per file: `palisade scan .` in a source tree would print
 * one per source file and bury the lines that matter. Past the first few they are counted.
 */
const SKIPPED_FILE_CODES: ReadonlySet<string> = new Set(['not-a-manifest', 'binary-file']);
const SKIPPED_FILES_SHOWN = 5;

/** Problems on stderr, one line each, but skipped-file notes counted past SKIPPED_FILES_SHOWN. */
export function printProblems(problems: readonly Problem[], quiet: boolean): void {
  const skipped = new Map<string, number>();
  for (const p of problems) {
    if (quiet && p.level === 'note') continue;
    if (SKIPPED_FILE_CODES.has(p.code)) {
      const seen = (skipped.get(p.code) ?? 0) + 1;
      skipped.set(p.code, seen);
      if (seen > SKIPPED_FILES_SHOWN) continue;
    }
    process.stderr.write(`${formatProblem(p)}\n`);
  }
  for (const [code, count] of skipped) {
    if (count > SKIPPED_FILES_SHOWN) {
      process.stderr.write(`note ${code}: ${count - SKIPPED_FILES_SHOWN} more files skipped alike (hint: The JSON report lists every one; -q hides notes.)\n`);
    }
  }
}

/**
 * The cluster --kubeconfig / --context asked for could not be read. The other inputs may still
 * have been read, but an answer without the cluster is not the one asked for: `scan k8s/
 * --kubeconfig typo.yaml` passed a CI gate on the manifests alone, and attack-paths or rbac
 * answered "no paths" exit 0. These end the command with exit 2, as no input read does.
 */
export const CLUSTER_NOT_READ_CODES: ReadonlySet<string> = new Set(['kubeconfig-invalid', 'context-not-found', 'cluster-unreachable']);

/**
 * Refuses a command whose options are wrong before it reads any input (`scanOptionProblems` and
 * its kin in the SDK): prints their problems and sets exit 2. True when refused.
 */
export function refuseOptions(problems: readonly Problem[], quiet: boolean): boolean {
  if (!problems.some((p) => p.level === 'error')) return false;
  printProblems(problems, quiet);
  process.exitCode = EXIT.usage;
  return true;
}

/** Exits 2 when the inputs held nothing to analyse, saying so: a silent exit 2 leaves the user guessing. */
export function failNothingRead(what: string, hint: string): void {
  process.stderr.write(`${formatProblem(problem('no-input', what, {}, hint))}\n`);
  process.exitCode = EXIT.usage;
}

function fileId(path: string): { readonly dev: number; readonly ino: number } | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? { dev: stats.dev, ino: stats.ino } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `output` names a file that is also one of `inputs`, however either is spelt (same device and inode). */
function isOneOf(output: string, inputs: readonly string[]): boolean {
  const target = fileId(output);
  if (target === undefined) return false;
  return inputs.some((input) => {
    // An image archive is named with its transport (oci-archive:app.tar).
    const id = input === '-' ? undefined : fileId(input.replace(/^(?:oci-archive|docker-archive):/, ''));
    return id !== undefined && id.dev === target.dev && id.ino === target.ino;
  });
}

/**
 * Writes to --output when given, else stdout. Returns false (after printing a located problem)
 * when the file cannot be written, so the command can exit 2. Palisade never modifies what it
 * reads: `-o deploy.yaml` on a scan of deploy.yaml is refused rather than replacing the manifest
 * with its own report.
 */
export function emit(text: string | Iterable<string>, output: string | undefined, inputs: readonly string[] = []): boolean {
  if (output === undefined || output === '-') {
    for (const batch of batches(text)) process.stdout.write(batch);
    return true;
  }
  if (isOneOf(output, inputs)) {
    process.stderr.write(`${formatProblem(problem('output-unwritable', 'the output file is one of the inputs: writing the report would replace it', { file: output }, 'Name another file with --output.'))}\n`);
    return false;
  }
  try {
    if (typeof text === 'string') writeFileSync(output, text);
    else writeBatches(output, text);
    return true;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    process.stderr.write(`${formatProblem(problem('output-unwritable', `cannot write the report: ${reason}`, { file: output }))}\n`);
    return false;
  }
}

/** Parts of a report joined into writes of about a megabyte: one string each would be a syscall each. */
const BATCH_CHARS = 1 << 20;

function* batches(text: string | Iterable<string>): Generator<string> {
  if (typeof text === 'string') {
    yield text;
    return;
  }
  let pending: string[] = [];
  let size = 0;
  for (const part of text) {
    pending.push(part);
    size += part.length;
    if (size >= BATCH_CHARS) {
      yield pending.join('');
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) yield pending.join('');
}

function writeBatches(output: string, parts: Iterable<string>): void {
  const fd = openSync(output, 'w');
  try {
    for (const batch of batches(parts)) writeSync(fd, batch);
  } finally {
    closeSync(fd);
  }
}

/** Every file a command reads by its arguments and flags, for emit() to keep --output off them. */
export function filesRead(...given: readonly (string | readonly string[] | undefined)[]): string[] {
  return given.flatMap((g) => (g === undefined ? [] : typeof g === 'string' ? [g] : g));
}

/** Comma-separated and repeated flags both work: --rules a,b --rules c. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s !== '')];
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export interface ReportFlags {
  readonly format: string;
  /**
   * The files and directories named on the command line. --output may not be one of those files;
   * a file found in a named directory may be (a report of the previous run, rewritten).
   */
  readonly inputs: readonly string[];
  readonly output?: string | undefined;
  readonly quiet?: boolean | undefined;
}

/**
 * Writes a report and sets the exit code. Problems go to stderr unless a table on screen already
 * lists them; a problem with one of `usageCodes` (a bad flag or configuration) exits 2 without a report.
 */
export function finishReport(report: Report, flags: ReportFlags, usageCodes: ReadonlySet<string>): void {
  const toTerminal = flags.output === undefined || flags.output === '-';
  const tableOnScreen = isTableOnScreen(flags.format, flags.output);
  const usageError = report.errors.some((e) => usageCodes.has(e.code));
  if (usageError || !tableOnScreen) printProblems([...report.errors, ...report.notes], flags.quiet === true);
  if (usageError) {
    process.exitCode = EXIT.usage;
    return;
  }
  const text = renderChunks(shownOnStdout(report, flags.format, flags.output, flags.quiet === true), flags.format, { color: toTerminal && useColor(process.stdout) });
  if (!emit(text, flags.output, flags.inputs)) process.exitCode = EXIT.usage;
  else process.exitCode = report.summary.failed ? EXIT.findings : EXIT.ok;
}
