/**
 * Packages installed without a version are whatever the repository serves on the day of the
 * build: two builds of one Dockerfile differ, a bad or malicious release arrives without a code
 * change, and nobody can say which version an image holds from its source.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { commandsOf, dockerfileOf, instructionsOf } from '../_dockerfile/dockerfile.js';
import { managerCommands } from '../_dockerfile/package-managers.js';
import { installsPackages, unpinnedPackages } from './pinning.js';

export const rule = defineRule({
  id: 'dockerfile-unpinned-packages',
  title: 'Packages installed without a pinned version',
  severity: 'low',
  threats: ['supply-chain'],
  mitre: ['T1195.001'],
  remediation: 'Pin every installed package to a version (apt-get install pkg=1.2-3, apk add pkg=1.2-r0, pip install pkg==1.2, npm install pkg@1.2, go install mod@v1.2).',
  references: [
    'https://docs.docker.com/build/building/best-practices/#apt-get',
    'https://github.com/hadolint/hadolint/wiki/DL3008',
    'https://slsa.dev/spec/v1.0/requirements',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const { instruction, path } of instructionsOf(dockerfile)) {
      for (const { call } of managerCommands(commandsOf(instruction))) {
        if (!installsPackages(call)) continue;
        const loose = unpinnedPackages(call);
        if (loose.length === 0) continue;
        const shown = loose.length > 5 ? `${loose.slice(0, 5).join(', ')} and ${loose.length - 5} more` : loose.join(', ');
        yield fail(`${call.program} ${call.action} (line ${instruction.line}) does not pin the version of ${shown}`, path);
      }
    }
  },
});
