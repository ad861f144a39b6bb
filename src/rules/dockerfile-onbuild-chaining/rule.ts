/** ONBUILD may not register ONBUILD, FROM or MAINTAINER: the builder refuses such a trigger in every child image. */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { dockerfileOf, instructionsOf } from '../_dockerfile/dockerfile.js';

const FORBIDDEN = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

export const rule = defineRule({
  id: 'dockerfile-onbuild-chaining',
  title: 'ONBUILD triggers ONBUILD, FROM or MAINTAINER',
  severity: 'low',
  threats: ['supply-chain'],
  mitre: ['T1525'],
  remediation: 'Remove ONBUILD ONBUILD, ONBUILD FROM and ONBUILD MAINTAINER triggers.',
  references: [
    'https://docs.docker.com/reference/dockerfile/#onbuild',
    'https://github.com/hadolint/hadolint/wiki/DL3043',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const { instruction, path } of instructionsOf(dockerfile)) {
      const trigger = instruction.cmd === 'ONBUILD' ? instruction.trigger : undefined;
      if (trigger !== undefined && FORBIDDEN.has(trigger.cmd)) yield fail(`ONBUILD ${trigger.cmd} (line ${instruction.line}) is not allowed: every image built FROM this one fails to build`, path);
    }
  },
});
