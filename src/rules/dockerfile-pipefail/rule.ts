/**
 * A shell pipeline's status is its last command's: `curl URL | tar x` succeeds when the download
 * fails, so the build goes on with a half-written or empty result. `set -o pipefail` (through
 * SHELL, or at the start of the RUN) makes the build stop instead.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import type { DockerInstruction, ShellCommand } from '../../lib/dockerfile/index.js';
import { commandsOf, dockerfileOf, stageInstructions, stageNamed } from '../_dockerfile/dockerfile.js';

/** Shells without POSIX pipelines (PowerShell, cmd) are not judged. */
const NON_POSIX = /^(pwsh|powershell|cmd)(\.exe)?$/i;

function setsPipefail(words: readonly string[]): boolean {
  return words.some((word, i) => (word === '-o' || /^-[a-z]*o$/.test(word)) && words[i + 1] === 'pipefail') || words.includes('-opipefail');
}

export const rule = defineRule({
  id: 'dockerfile-pipefail',
  title: 'RUN pipeline without pipefail',
  severity: 'low',
  threats: ['supply-chain', 'image-security'],
  mitre: ['T1525'],
  remediation: 'Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] before RUN instructions that use pipes.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#using-pipes',
    'https://github.com/hadolint/hadolint/wiki/DL4006',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    // SHELL holds until the end of its stage, and the image config carries it into a stage built
    // FROM this one. An ONBUILD SHELL sets the shell of the ONBUILD RUNs after it.
    const shellAtEnd = new Map<number, DockerInstruction | undefined>();
    for (let stage = -1; stage < dockerfile.stages.length; stage++) {
      const parent = stage < 0 ? undefined : stageNamed(dockerfile, dockerfile.stages[stage]?.resolvedImage ?? '', stage);
      let shell = parent === undefined ? undefined : shellAtEnd.get(parent);
      let triggerShell: DockerInstruction | undefined;
      for (const { instruction, path, onbuild } of stageInstructions(dockerfile, stage)) {
        if (instruction.cmd === 'SHELL') {
          if (onbuild) triggerShell = instruction;
          else shell = instruction;
        }
        if (instruction.cmd !== 'RUN' || instruction.json) continue;
        const current = onbuild ? (triggerShell ?? shell) : shell;
        const program = (current?.args[0] ?? '/bin/sh').replace(/^.*[/\\]/, '');
        if (NON_POSIX.test(program) || setsPipefail(current?.args ?? [])) continue;
        const commands = commandsOf(instruction);
        // A pipe is covered by `set -o pipefail` before it in the same script, or by the options of
        // the shell that runs it when that is a nested one (`bash -o pipefail -c '...'`).
        const guarded = new Set<ShellCommand | undefined>();
        const unguarded = commands.some((command) => {
          if (command.words[0] === 'set' && setsPipefail(command.words)) guarded.add(command.shell);
          return command.stage > 0 && !guarded.has(command.shell) && !(command.shell !== undefined && setsPipefail(command.shell.words));
        });
        if (!unguarded) continue;
        yield fail(`RUN (line ${instruction.line}) uses a pipe without pipefail, so a failing command before the last one does not fail the build`, path);
      }
      shellAtEnd.set(stage, shell);
    }
  },
});
