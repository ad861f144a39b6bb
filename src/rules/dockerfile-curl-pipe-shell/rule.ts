/**
 * `curl URL | sh` runs whatever the server (or anyone on the path, or whoever took over the
 * domain) sends at build time, with no pinned content and no checksum, and the script is not kept
 * anywhere to audit. It is the classic supply-chain shortcut.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import type { ShellCommand } from '../../lib/dockerfile/index.js';
import { commandsOf, dockerfileOf, instructionsOf, programOf, unwrapped } from '../_dockerfile/dockerfile.js';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch']);
const INTERPRETERS = /^(sh|bash|ash|dash|zsh|ksh|fish|python[0-9.]*|perl|ruby|node|php)$/;

/** Builtins that run their argument as shell code in the current shell. */
const EVALUATORS = new Set(['eval', 'source', '.']);

/** `bash <(curl ...)`, `sh -c "$(curl ...)"`, `eval "$(curl ...)"`, `. <(curl ...)`: the download is run through a substitution. */
function substituted(command: ShellCommand): boolean {
  const program = programOf(command);
  return (INTERPRETERS.test(program) || EVALUATORS.has(program)) && command.words.slice(1).some((word) => /(\$\(|<\(|`)\s*(curl|wget)\b/.test(word));
}

const PS_DOWNLOADER = /\b(?:iwr|irm|invoke-webrequest|invoke-restmethod)\b/i;
const PS_INVOKE = /(?:^|[\s;(&|])(?:iex|invoke-expression)\b/i;
const PS_DOWNLOAD = /\.downloadstring\s*\(|\b(?:iwr|irm|invoke-webrequest|invoke-restmethod)\b/i;

/**
 * PowerShell's curl | sh, which the POSIX reader cannot split: `iwr URL | iex`, and the
 * Chocolatey-style `iex ((New-Object Net.WebClient).DownloadString(URL))` (Windows images).
 * Simple patterns per line and pipe segment: one pattern spanning the line backtracks
 * quadratically on a hostile line of thousands of `iwr`.
 */
function runsPowerShellDownload(text: string): boolean {
  return text.split('\n').some((line) => {
    let downloaded = false;
    for (const segment of line.split('|')) {
      if (downloaded && /^\s*(?:iex|invoke-expression)\b/i.test(segment)) return true;
      downloaded ||= PS_DOWNLOADER.test(segment);
    }
    const invoke = PS_INVOKE.exec(line);
    return invoke !== null && PS_DOWNLOAD.test(line.slice(invoke.index));
  });
}

export const rule = defineRule({
  id: 'dockerfile-curl-pipe-shell',
  title: 'Downloaded script piped into a shell',
  severity: 'high',
  threats: ['supply-chain', 'image-security'],
  mitre: ['T1105', 'T1195.002'],
  remediation: 'Download the script or archive to a file, verify its checksum or signature, then run it (or install a packaged, pinned version).',
  references: [
    'https://docs.docker.com/build/building/best-practices/#add-or-copy',
    'https://csrc.nist.gov/pubs/sp/800/190/final',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const { instruction, path } of instructionsOf(dockerfile)) {
      if (instruction.cmd === 'RUN' && runsPowerShellDownload(instruction.json ? instruction.args.join(' ') : instruction.text)) {
        yield fail(`RUN (line ${instruction.line}) runs a downloaded PowerShell script with Invoke-Expression: unverified code runs in the build`, path);
        continue;
      }
      const commands = commandsOf(instruction).map((command) => unwrapped(command));
      // The interpreters of each pipeline, looked up per download (not searched for: a hostile RUN has 100,000 commands).
      const interpreters = new Map<number, ShellCommand[]>();
      for (const command of commands) {
        if (!INTERPRETERS.test(programOf(command))) continue;
        const list = interpreters.get(command.pipeline);
        if (list === undefined) interpreters.set(command.pipeline, [command]);
        else list.push(command);
      }
      for (const command of commands) {
        const downloader = programOf(command);
        const piped = DOWNLOADERS.has(downloader)
          ? interpreters.get(command.pipeline)?.find((next) => next.stage > command.stage)
          : undefined;
        if (piped !== undefined) {
          yield fail(`RUN (line ${instruction.line}) pipes a ${downloader} download into ${programOf(piped)}: unverified code runs in the build`, path);
          break;
        }
        if (substituted(command)) {
          yield fail(`RUN (line ${instruction.line}) runs a downloaded script through ${programOf(command)}: unverified code runs in the build`, path);
          break;
        }
      }
    }
  },
});
