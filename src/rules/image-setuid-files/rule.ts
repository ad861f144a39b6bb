/**
 * A setuid or setgid binary runs with its owner's (usually root's) privileges whoever starts it:
 * in a container that does not drop them (no allowPrivilegeEscalation: false, no
 * no-new-privileges), any flaw in one of them turns code execution as an unprivileged user into
 * root. Most services need none, and distributions ship several (su, passwd, mount, ...).
 */
import { z } from 'zod';
import type { Resource } from '../../model/resource.js';
import { defineRule, fail, type RuleContext } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import type { ShellCommand } from '../../lib/dockerfile/index.js';
import { commandsOf, dockerfileOf, flagValue, hasOption, instructionsOf, operands, programOf, unwrapped } from '../_dockerfile/dockerfile.js';
import { imageConfigOf } from '../_dockerfile/image-config.js';

const options = z.object({
  /** Paths accepted as setuid/setgid (e.g. a vetted helper); everything else is reported. */
  allowed: z.array(z.string()).default([]),
});
type Options = z.infer<typeof options>;

/** A chmod mode that sets the setuid or setgid bit: `u+s`, `g+s`, `+s`, `4755`, `2755`, `6755`. */
export function setsSpecialBits(mode: string): boolean {
  if (/^[0-7]{4,}$/.test(mode)) return (parseInt(mode.slice(-4, -3), 8) & 0o6) !== 0;
  return mode.split(',').some((clause) => /^[ugoa]*[+=][rwxXt]*s/.test(clause));
}

/** Options of install(1) that take a value. */
const INSTALL_WITH_VALUE = ['-m', '--mode', '-o', '--owner', '-g', '--group', '-t', '--target-directory', '-S', '--suffix'];

/**
 * The mode a command gives to files: `chmod MODE FILE...`, or `install -m MODE SRC... DEST` (the
 * other common way to ship a setuid helper; `install -d` makes directories, where the bits mean nothing).
 */
function modeChange(command: ShellCommand): { program: string; mode: string; targets: string[] } | undefined {
  const program = programOf(command);
  if (program === 'chmod') {
    const [mode = '', ...targets] = operands(command, ['--reference']);
    return { program, mode, targets };
  }
  if (program !== 'install') return undefined;
  const words = command.words.slice(1);
  let mode: string | undefined;
  for (const [i, word] of words.entries()) {
    if (word === '-d' || word === '--directory' || /^-[A-Za-z]*d/.test(word) && !word.startsWith('--')) return undefined;
    const cluster = /^-[A-Za-z]*m(.*)$/.exec(word);
    if (word === '-m' || word === '--mode') mode = words[i + 1];
    else if (word.startsWith('--mode=')) mode = word.slice('--mode='.length);
    else if (cluster !== null && !word.startsWith('--') && cluster[1] !== '') mode = cluster[1];
  }
  const files = operands(command, INSTALL_WITH_VALUE);
  const target = files.at(-1);
  return mode === undefined || files.length < 2 || target === undefined ? undefined : { program, mode, targets: [target] };
}

function withoutSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** The directories `mkdir` or `install -d` creates. */
function madeDirectories(command: ShellCommand): string[] {
  const program = programOf(command);
  if (program === 'mkdir') return operands(command, ['-m', '--mode', '-Z', '--context']);
  if (program === 'install' && command.words.slice(1).some((word) => word === '-d' || word === '--directory' || /^-[A-Za-z]*d/.test(word) && !word.startsWith('--'))) {
    return operands(command, INSTALL_WITH_VALUE);
  }
  return [];
}

export const rule = defineRule({
  id: 'image-setuid-files',
  title: 'Image contains setuid or setgid binaries',
  severity: 'medium',
  threats: ['container-compromise', 'host-compromise', 'image-security'],
  mitre: ['T1548.001', 'T1611'],
  remediation: 'Remove the setuid and setgid bits in the image (find / -xdev -perm /6000 -type f -exec chmod a-s {} +) and run containers with allowPrivilegeEscalation: false.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://csrc.nist.gov/pubs/sp/800/190/final',
    'https://attack.mitre.org/techniques/T1548/001/',
  ],
  options,
  target: { kinds: ['Dockerfile', 'ImageConfig'] },
  *check(resource: Resource, { options: { allowed } }: RuleContext<Options>) {
    if (resource.kind === 'ImageConfig') {
      const files = (imageConfigOf(resource)?.setuidFiles ?? []).filter((file) => !allowed.includes(file.path));
      for (const [i, file] of files.entries()) {
        const bits = parseInt(file.mode, 8);
        const kind = (bits & 0o4000) !== 0 ? ((bits & 0o2000) !== 0 ? 'setuid and setgid' : 'setuid') : 'setgid';
        yield fail(`${file.path} is ${kind} (mode ${file.mode})`, pointer('/setuidFiles', i));
      }
      return;
    }
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    // Directories the build made (WORKDIR, mkdir, install -d): the bits on a directory run nothing
    // (setgid on one makes new files take its group, the usual shared-directory setup).
    const directories = new Set<string>();
    for (const { instruction, path } of instructionsOf(dockerfile)) {
      if (instruction.cmd === 'WORKDIR' && instruction.args[0] !== undefined) directories.add(withoutSlash(instruction.args[0]));
      // COPY --chmod=4755 and ADD --chmod=4755 set the bits as they copy.
      const chmod = instruction.cmd === 'COPY' || instruction.cmd === 'ADD' ? flagValue(instruction, 'chmod') : undefined;
      const destination = instruction.args.at(-1);
      if (typeof chmod === 'string' && setsSpecialBits(chmod) && destination !== undefined && !allowed.includes(destination)) {
        yield fail(`${instruction.cmd} (line ${instruction.line}) makes ${destination} setuid/setgid (--chmod=${chmod})`, path);
      }
      for (const command of commandsOf(instruction).map(unwrapped)) {
        for (const directory of madeDirectories(command)) directories.add(withoutSlash(directory));
        const change = modeChange(command);
        // `chmod -R` also sets the bits on every file below the directory.
        const recursive = hasOption(command, ['--recursive'], ['R']);
        const kept = change?.targets.filter((target) => !allowed.includes(target) && (recursive || !directories.has(withoutSlash(target)))) ?? [];
        if (change !== undefined && setsSpecialBits(change.mode) && kept.length > 0) {
          yield fail(`RUN (line ${instruction.line}) makes ${kept.join(', ')} setuid/setgid (${programOf(command)} ${change.program === 'install' ? '-m ' : ''}${change.mode})`, path);
        }
      }
    }
  },
});
