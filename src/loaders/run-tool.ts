/**
 * Runs a rendering tool (helm, kubectl kustomize): no shell (arguments are never interpreted), a
 * time limit, and bounded output, so a hostile chart cannot hang the scan or fill its memory.
 */
import { execFile } from 'node:child_process';
import type { Problem } from '../model/problem.js';
import { problem } from '../core/errors.js';

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
}

export type ToolOutcome = { readonly ok: true; readonly stdout: string } | { readonly ok: false; readonly missing: boolean; readonly problem: Problem };

interface ExecFailure extends Error {
  code?: string | number | null;
  killed?: boolean;
  signal?: NodeJS.Signals | null;
}

export function runTool(request: ToolRequest): Promise<ToolOutcome> {
  const shown = [request.command, ...request.args].join(' ');
  return new Promise((resolve) => {
    execFile(
      request.command,
      [...request.args],
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
        if (error.code === 'ENOENT') {
          resolve({ ok: false, missing: true, problem: problem('tool-missing', `${request.command} is not installed (needed to render ${request.file})`, place, request.installHint) });
        } else if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          resolve({ ok: false, missing: false, problem: problem('input-too-large', `\`${shown}\` printed more than ${request.maxOutputBytes} bytes`, place, 'Render a smaller part, or raise limits.maxFileBytes in .palisade.yaml.') });
        } else if (error.killed === true) {
          resolve({ ok: false, missing: false, problem: problem('render-failed', `\`${shown}\` did not finish within ${Math.round(request.timeoutMs / 1000)} s`, place) });
        } else {
          const reason = firstLine(stderr) ?? firstLine(error.message) ?? 'failed';
          resolve({ ok: false, missing: false, problem: problem('render-failed', `\`${shown}\` failed: ${reason}`, place) });
        }
      },
    );
  });
}

function firstLine(text: string): string | undefined {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  return line === undefined ? undefined : line.slice(0, 500);
}
