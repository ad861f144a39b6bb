/**
 * A shell pipeline's status is its last command's: `curl URL | tar x` succeeds when the download
 * fails, so the build goes on with a half-written or empty result. `set -o pipefail` (through
 * SHELL, or at the start of the RUN) makes the build stop instead.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import type { DockerInstruction } from '../../lib/dockerfile/index.js';
import { commandsOf, dockerfileOf, instructionsOf } from '../_dockerfile/dockerfile.js';

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
    // SHELL holds until the end of its stage.
    let shell: DockerInstruction | undefined;
    let currentStage = -2;
    for (const { instruction, path, stage } of instructionsOf(dockerfile)) {
      if (stage !== currentStage) {
        shell = undefined;
        currentStage = stage;
      }
      if (instruction.cmd === 'SHELL') shell = instruction;
      if (instruction.cmd !== 'RUN' || instruction.json) continue;
      const program = (shell?.args[0] ?? '/bin/sh').replace(/^.*[/\\]/, '');
      if (NON_POSIX.test(program) || setsPipefail(shell?.args ?? [])) continue;
      const commands = commandsOf(instruction);
      if (!commands.some((command) => command.stage > 0)) continue;
      // `set -o pipefail` before the first pipeline inside the RUN itself also counts.
      const firstPipe = commands.findIndex((command) => command.stage > 0);
      if (commands.slice(0, firstPipe).some((command) => command.words[0] === 'set' && setsPipefail(command.words))) continue;
      yield fail(`RUN (line ${instruction.line}) uses a pipe without pipefail, so a failing command before the last one does not fail the build`, path);
    }
  },
});
