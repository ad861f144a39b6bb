import { writeFileSync } from 'node:fs';
import type { Problem, Report } from '../sdk/index.js';
import { formatProblem, problem, render } from '../sdk/index.js';

/** Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 usage error or no input read. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export function useColor(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb';
}

export function printProblems(problems: readonly Problem[], quiet: boolean): void {
  for (const p of problems) {
    if (quiet && p.level === 'note') continue;
    process.stderr.write(`${formatProblem(p)}\n`);
  }
}

/**
 * Exits 2 when the inputs held nothing to analyse. The loaders say why when a path is missing or
 * unreadable; an empty directory or a stream of comments gives them nothing to say, and a silent
 * exit 2 leaves the user guessing, so the no-input line is printed unless one already was.
 */
export function failNothingRead(printed: readonly Problem[]): void {
  if (!printed.some((p) => p.code === 'no-input')) {
    process.stderr.write(`${formatProblem(problem('no-input', 'no Kubernetes object was read from the inputs'))}\n`);
  }
  process.exitCode = EXIT.usage;
}

/**
 * Writes to --output when given, else stdout. Returns false (after printing a located problem)
 * when the file cannot be written, so the command can exit 2.
 */
export function emit(text: string, output: string | undefined): boolean {
  if (output === undefined || output === '-') {
    process.stdout.write(text);
    return true;
  }
  try {
    writeFileSync(output, text);
    return true;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    process.stderr.write(`${formatProblem(problem('output-unwritable', `cannot write the report: ${reason}`, { file: output }))}\n`);
    return false;
  }
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
  readonly output?: string | undefined;
  readonly quiet?: boolean | undefined;
}

/**
 * Writes a report and sets the exit code. Problems go to stderr unless a table on screen already
 * lists them; a problem with one of `usageCodes` (a bad flag or configuration) exits 2 without a report.
 */
export function finishReport(report: Report, flags: ReportFlags, usageCodes: ReadonlySet<string>): void {
  const toTerminal = flags.output === undefined || flags.output === '-';
  const tableOnScreen = flags.format === 'table' && toTerminal && process.stdout.isTTY;
  const usageError = report.errors.some((e) => usageCodes.has(e.code));
  if (usageError || !tableOnScreen) printProblems([...report.errors, ...report.notes], flags.quiet === true);
  if (usageError) {
    process.exitCode = EXIT.usage;
    return;
  }
  if (!emit(render(report, flags.format, { color: toTerminal && useColor(process.stdout) }), flags.output)) process.exitCode = EXIT.usage;
  else process.exitCode = report.summary.failed ? EXIT.findings : EXIT.ok;
}
