/**
 * sudo in a build step means the build runs as a user who then needs root: it pulls sudo and its
 * setuid binary into the image, and a sudo left configured lets any process in the container
 * become root. Build steps that need root run under USER root; the final USER drops it.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { commandsOf, dockerfileOf, instructionsOf, programOf } from '../_dockerfile/dockerfile.js';

export const rule = defineRule({
  id: 'dockerfile-sudo',
  title: 'RUN uses sudo',
  severity: 'medium',
  threats: ['container-compromise', 'image-security'],
  mitre: ['T1548.003'],
  remediation: 'Run the step under USER root (then switch back), or use gosu/su-exec in an entrypoint instead of sudo.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#user',
    'https://github.com/hadolint/hadolint/wiki/DL3004',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const { instruction, path } of instructionsOf(dockerfile)) {
      if (commandsOf(instruction).some((command) => programOf(command) === 'sudo')) {
        yield fail(`RUN (line ${instruction.line}) uses sudo`, path);
      }
    }
  },
});
