/**
 * Runs a rendering tool (helm, kubectl kustomize): arguments are never interpreted by a shell, a
 * time limit, bounded output and bounded memory, so a hostile chart cannot hang the scan or fill
 * the machine's memory. A template is a program: ten lines doubling a string thirty times make
 * helm allocate gigabytes (`{{ $s = printf "%s%s" $s $s }}`), and neither helm nor Go's
 * text/template bounds that. On Linux and macOS the tool runs under a data-segment limit
 * (RLIMIT_DATA, which bounds the Go heap), set by `/bin/sh -c 'ulimit -d KiB; exec "$0" "$@"'`:
 * Node cannot set a child's limits itself, and the command and its arguments reach `exec` as
 * positional parameters, never parsed by the shell.
 */
import { execFile } from 'node:child_process';
import type { Problem } from '../model/problem.js';
import { problem } from '../core/errors.js';
import { redact } from '../lib/redact.js';

export interface ToolRequest {
  readonly command: string;
  readonly args: readonly string[];
  /** What the user asked to render, for problem locations. */
  readonly file: string;
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
  readonly env?: NodeJS.ProcessEnv;
  /** What to install when the command is missing. */
  readonly installHint: string;
  /** The memory the tool may allocate; by default memoryFor(maxOutputBytes). */
  readonly maxMemoryBytes?: number;
  /**
   * Values never to print in full (`--set db.password=...`, a secretGenerator literal): a problem
   * quotes the command line and the tool's error, which may quote them, and ends up in CI logs.
   */
  readonly secrets?: readonly string[];
}

/** Shorter values are words of the message as often as they are secrets, and redacting them would garble it. */
const MIN_SECRET_LENGTH = 4;

/** `text` with every occurrence of a secret redacted (longest first, so a secret inside another goes with it). */
function scrub(text: string, secrets: readonly string[]): string {
  const sorted = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  return sorted.reduce((scrubbed, secret) => scrubbed.split(secret).join(redact(secret)), text);
}

/**
 * helm printing 16 MiB (the default output bound: 500 templates of 32 KiB) peaks at 340 MB; the
 * largest public charts render in less. A bound of 64 times the output allowed, 1 GiB at least,
 * leaves room to spare and grows with limits.maxFileBytes.
 */
function memoryFor(request: ToolRequest): number {
  return request.maxMemoryBytes ?? Math.max(1024 * 1024 * 1024, 64 * request.maxOutputBytes);
}

/** The program to start and its arguments: the tool itself, under a memory limit where the platform has one. */
function launch(request: ToolRequest): { readonly file: string; readonly args: string[] } {
  if (process.platform === 'win32') return { file: request.command, args: [...request.args] };
  const kib = Math.ceil(memoryFor(request) / 1024);
  // A hard limit already lower than this stays (ulimit then fails, silently); the tool still runs.
  return { file: '/bin/sh', args: ['-c', `ulimit -d ${String(kib)} 2>/dev/null; exec "$0" "$@"`, request.command, ...request.args] };
}

/** How sh says that `exec` found no such command. */
const COMMAND_NOT_FOUND = 127;

export type ToolOutcome = { readonly ok: true; readonly stdout: string } | { readonly ok: false; readonly missing: boolean; readonly problem: Problem };

interface ExecFailure extends Error {
  code?: string | number | null;
  killed?: boolean;
  signal?: NodeJS.Signals | null;
}

export function runTool(request: ToolRequest): Promise<ToolOutcome> {
  const secrets = request.secrets ?? [];
  const shown = scrub([request.command, ...request.args].join(' '), secrets);
  const { file, args } = launch(request);
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        cwd: request.cwd,
        timeout: request.timeoutMs,
        maxBuffer: request.maxOutputBytes,
        encoding: 'utf8',
        windowsHide: true,
        env: request.env ?? process.env,
      },
      (error: ExecFailure | null, stdout: string, stderr: string) => {
        if (error === null) {
          resolve({ ok: true, stdout });
          return;
        }
        const place = { file: request.file };
        if (error.code === 'ENOENT' || (error.code === COMMAND_NOT_FOUND && /not found/.test(stderr))) {
          resolve({ ok: false, missing: true, problem: problem('tool-missing', `${request.command} is not installed (needed to render ${request.file})`, place, request.installHint) });
        } else if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          resolve({ ok: false, missing: false, problem: problem('input-too-large', `\`${shown}\` printed more than ${request.maxOutputBytes} bytes`, place, 'Render a smaller part, or raise limits.maxFileBytes in .palisade.yaml.') });
        } else if (/^fatal error: (?:runtime: )?out of memory/m.test(stderr)) {
          const mib = Math.round(memoryFor(request) / 1024 / 1024);
          resolve({ ok: false, missing: false, problem: problem('input-too-large', `\`${shown}\` needed more than the ${String(mib)} MiB of memory it may use`, place, 'Charts and overlays render in a few hundred MiB at most: look for a template that builds huge values (a loop doubling a string), and render it yourself only if you trust it.') });
        } else if (error.killed === true) {
          resolve({ ok: false, missing: false, problem: problem('render-failed', `\`${shown}\` did not finish within ${Math.round(request.timeoutMs / 1000)} s`, place) });
        } else {
          // Not error.message: it quotes the command as started, through the shell that bounds its memory.
          const reason = scrub(toolReason(stderr) ?? exitOf(error), secrets);
          resolve({ ok: false, missing: false, problem: problem('render-failed', `\`${shown}\` failed: ${reason}`, place) });
        }
      },
    );
  });
}

/**
 * The line that says why a tool failed. helm prints warnings first and then `Error: ...`; kubectl
 * logs through klog, `E1129 05:46:45.940712  9907 run.go:72] "command failed" err="..."`, and a
 * multi-line error as `err=<` followed by its indented lines and ` >`. The reason is the error
 * itself, not a warning, the log header or a lone `<`.
 */
const KLOG_HEADER = /^[EWIF]\d{4} [\d:.]+\s+\d+ [^\]]+\] "[^"]*" err=/;

function toolReason(stderr: string): string | undefined {
  const lines = stderr.split('\n');
  // helm (and other cobra commands) print warnings first and the failure as `Error: ...`.
  const failure = lines.findIndex((l) => l.startsWith('Error: '));
  if (failure !== -1) return withDetails(lines, failure);
  const index = lines.findIndex((l) => l.trim() !== '');
  const first = lines[index]?.trim();
  if (first === undefined) return undefined;
  const header = KLOG_HEADER.exec(first);
  if (header === null) return first.slice(0, 500);
  const value = first.slice(header[0].length);
  if (value === '<') return joined(blockLines(lines.slice(index + 1)));
  return unquote(value).slice(0, 500);
}

/**
 * An `Error:` line ending in a colon announces its details on the lines that follow, up to the
 * first blank one: helm's values.schema.json failure is "values don't meet the specifications of
 * the schema(s) in the following chart(s):" with the chart and the offending value below it.
 */
function withDetails(lines: readonly string[], at: number): string {
  const first = (lines[at] ?? '').trim();
  if (!first.endsWith(':')) return first.slice(0, 500);
  const end = lines.findIndex((l, i) => i > at && l.trim() === '');
  return joined(lines.slice(at, end === -1 ? undefined : end)) ?? first;
}

/** The lines of a klog `err=<` block: up to its closing ` >`. */
function blockLines(lines: readonly string[]): string[] {
  const end = lines.findIndex((l) => l.trim() === '>');
  return lines.slice(0, end === -1 ? undefined : end);
}

/**
 * Lines as one, bounded: the part that says what to do often comes last (kustomize's helmCharts
 * error quotes the chart's configuration and ends with "must specify --enable-helm").
 */
function joined(lines: readonly string[]): string | undefined {
  const text = lines
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
  if (text === '') return undefined;
  return text.length <= 500 ? text : `${text.slice(0, 240)} ... ${text.slice(-240)}`;
}

/** klog quotes a one-line error as a Go string literal. */
function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  try {
    return JSON.parse(value) as string;
  } catch {
    return value;
  }
}

/** How the tool ended, when it said nothing. */
function exitOf(error: ExecFailure): string {
  if (typeof error.code === 'number') return `exit status ${String(error.code)}, nothing on stderr`;
  return error.signal === null || error.signal === undefined ? 'failed, nothing on stderr' : `killed by ${error.signal}`;
}
