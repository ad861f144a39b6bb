/**
 * Without a health check the runtime only knows whether the main process is alive, not whether it
 * serves: a hung or half-broken service keeps receiving traffic and nobody is told. Docker and
 * Swarm use the image's HEALTHCHECK directly; Kubernetes ignores it (probes take its place), which
 * is why this is low severity and `HEALTHCHECK NONE` (an explicit choice) passes.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { dockerfileOf, finalStages, stageInstructions } from '../_dockerfile/dockerfile.js';
import { imageConfigOf } from '../_dockerfile/image-config.js';

export const rule = defineRule({
  id: 'image-healthcheck-missing',
  title: 'Image has no HEALTHCHECK',
  severity: 'low',
  threats: ['monitoring-logging', 'image-security'],
  mitre: ['T1499'],
  remediation: 'Add a HEALTHCHECK that tests the service itself to the final stage, or HEALTHCHECK NONE when Kubernetes probes cover it.',
  references: [
    'https://docs.docker.com/reference/dockerfile/#healthcheck',
    'https://github.com/opencontainers/image-spec/blob/main/config.md',
  ],
  target: { kinds: ['Dockerfile', 'ImageConfig'] },
  *check(resource: Resource) {
    if (resource.kind === 'ImageConfig') {
      const image = imageConfigOf(resource);
      if (image?.config === undefined || image.config === null) return;
      if ((image.config.Healthcheck?.Test ?? []).length === 0) yield fail('the image defines no health check', '/config');
      return;
    }
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined || dockerfile.stages.length === 0) return;
    // A stage built FROM an earlier stage inherits its HEALTHCHECK.
    const chain = [...finalStages(dockerfile)];
    const found = chain.some((stage) => stageInstructions(dockerfile, stage).some((l) => !l.onbuild && l.instruction.cmd === 'HEALTHCHECK'));
    const final = dockerfile.stages.length - 1;
    if (!found) yield fail(`the final image has no HEALTHCHECK instruction (its last stage starts with the FROM on line ${dockerfile.stages[final]?.from.line ?? 1})`, `/stages/${final}/from`);
  },
});
