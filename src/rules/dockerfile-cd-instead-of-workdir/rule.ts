/**
 * `cd` inside RUN lasts for that RUN only: later instructions run elsewhere, and relative paths
 * in them (COPY, RUN scripts) silently point at the wrong place. WORKDIR states it once.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { commandsOf, dockerfileOf, instructionsOf, programOf } from '../_dockerfile/dockerfile.js';

export const rule = defineRule({
  id: 'dockerfile-cd-instead-of-workdir',
  title: 'RUN cd instead of WORKDIR',
  severity: 'info',
  threats: ['image-security'],
  mitre: ['T1525'],
  remediation: 'Set the directory with WORKDIR instead of cd inside RUN.',
  references: [
    'https://docs.docker.com/reference/dockerfile/#workdir',
    'https://github.com/hadolint/hadolint/wiki/DL3003',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const { instruction, path } of instructionsOf(dockerfile)) {
      if (commandsOf(instruction).some((command) => programOf(command) === 'cd')) yield fail(`RUN (line ${instruction.line}) changes directory with cd; use WORKDIR`, path);
    }
  },
});
