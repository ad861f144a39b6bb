/** Two stages with one name: `FROM name` and `COPY --from=name` silently use the first. */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { dockerfileOf } from '../_dockerfile/dockerfile.js';

export const rule = defineRule({
  id: 'dockerfile-duplicate-stage-name',
  title: 'Two build stages share a name',
  severity: 'low',
  threats: ['supply-chain'],
  mitre: ['T1525'],
  remediation: 'Give every stage its own name in FROM image AS name.',
  references: [
    'https://docs.docker.com/build/building/multi-stage/#name-your-build-stages',
    'https://github.com/hadolint/hadolint/wiki/DL3024',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    const first = new Map<string, number>();
    for (const [i, stage] of dockerfile.stages.entries()) {
      if (stage.name === null) continue;
      const earlier = first.get(stage.name);
      if (earlier === undefined) first.set(stage.name, stage.from.line);
      else yield fail(`stage name "${stage.name}" (line ${stage.from.line}) is already used on line ${earlier}`, `/stages/${i}/from`);
    }
  },
});
