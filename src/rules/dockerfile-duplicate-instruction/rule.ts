/**
 * CMD, ENTRYPOINT and HEALTHCHECK configure the image; when a stage has several, only the last one
 * counts. The earlier ones are dead code that readers (and reviewers) take for the real thing.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { dockerfileOf, stageInstructions } from '../_dockerfile/dockerfile.js';

const SINGLE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'] as const;

export const rule = defineRule({
  id: 'dockerfile-duplicate-instruction',
  title: 'Several CMD, ENTRYPOINT or HEALTHCHECK in one stage',
  severity: 'low',
  threats: ['image-security'],
  mitre: ['T1525'],
  remediation: 'Keep a single CMD, ENTRYPOINT and HEALTHCHECK per stage, the one that should take effect.',
  references: [
    'https://docs.docker.com/reference/dockerfile/#cmd',
    'https://docs.docker.com/reference/dockerfile/#entrypoint',
    'https://docs.docker.com/reference/dockerfile/#healthcheck',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (let stage = -1; stage < dockerfile.stages.length; stage++) {
      const located = stageInstructions(dockerfile, stage).filter((l) => !l.onbuild);
      for (const cmd of SINGLE) {
        const all = located.filter((l) => l.instruction.cmd === cmd);
        const last = all.at(-1);
        if (last === undefined || all.length < 2) continue;
        for (const earlier of all.slice(0, -1)) {
          yield fail(`${cmd} on line ${earlier.instruction.line} is overridden by the ${cmd} on line ${last.instruction.line} of the same stage`, earlier.path);
        }
      }
    }
  },
});
