/** MAINTAINER is deprecated; a label carries the same information where tools look for it. */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { dockerfileOf, instructionsOf } from '../_dockerfile/dockerfile.js';

export const rule = defineRule({
  id: 'dockerfile-maintainer-deprecated',
  title: 'Deprecated MAINTAINER instruction',
  severity: 'info',
  threats: ['compliance-auditing'],
  mitre: ['T1525'],
  remediation: 'Replace MAINTAINER with LABEL org.opencontainers.image.authors="...".',
  references: [
    'https://docs.docker.com/reference/dockerfile/#maintainer-deprecated',
    'https://github.com/opencontainers/image-spec/blob/main/annotations.md',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const { instruction, path } of instructionsOf(dockerfile)) {
      if (instruction.cmd === 'MAINTAINER') yield fail(`MAINTAINER (line ${instruction.line}) is deprecated; use the org.opencontainers.image.authors label`, path);
    }
  },
});
