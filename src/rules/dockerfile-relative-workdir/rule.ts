/** A relative WORKDIR depends on every WORKDIR before it (and on the base image's): state it absolutely. */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { dockerfileOf, instructionsOf } from '../_dockerfile/dockerfile.js';

export const rule = defineRule({
  id: 'dockerfile-relative-workdir',
  title: 'Relative WORKDIR',
  severity: 'info',
  threats: ['image-security'],
  mitre: ['T1525'],
  remediation: 'Give WORKDIR an absolute path.',
  references: [
    'https://docs.docker.com/reference/dockerfile/#workdir',
    'https://github.com/hadolint/hadolint/wiki/DL3000',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const { instruction, path } of instructionsOf(dockerfile)) {
      if (instruction.cmd !== 'WORKDIR') continue;
      const dir = instruction.args.join(' ');
      // Variables are resolved at build time; C:\ and C:/ are absolute on Windows images.
      if (dir === '' || dir.startsWith('/') || dir.startsWith('$') || /^[A-Za-z]:[\\/]/.test(dir)) continue;
      yield fail(`WORKDIR ${dir} (line ${instruction.line}) is relative`, path);
    }
  },
});
