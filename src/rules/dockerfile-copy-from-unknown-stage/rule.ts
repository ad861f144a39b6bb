/**
 * `COPY --from=NAME` takes files from an earlier stage of that name, or, when no earlier stage has
 * it, pulls an image called NAME from a registry. A typo or a stage defined later thus copies from
 * whatever image happens to have that name on Docker Hub, and `--from` naming its own stage is a
 * build error.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { dockerfileOf, flagValue, instructionsOf, mountsOf, stageNamed } from '../_dockerfile/dockerfile.js';

/** A reference with a registry, a path, a tag or a digest is meant as an image. */
function looksLikeImage(reference: string): boolean {
  return /[/:@.]/.test(reference);
}

export const rule = defineRule({
  id: 'dockerfile-copy-from-unknown-stage',
  title: 'COPY --from names no earlier stage',
  severity: 'medium',
  threats: ['supply-chain', 'image-security'],
  mitre: ['T1525', 'T1195.002'],
  remediation: 'Point COPY --from at a stage defined earlier with FROM image AS name, or at a fully qualified, pinned image.',
  references: [
    'https://docs.docker.com/reference/dockerfile/#copy---from',
    'https://docs.docker.com/build/building/multi-stage/',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const { instruction, path, stage } of instructionsOf(dockerfile)) {
      // RUN --mount=type=bind|cache,from=NAME resolves NAME the same way.
      const sources = instruction.cmd === 'COPY'
        ? [[flagValue(instruction, 'from'), 'COPY --from='] as const]
        : instruction.cmd === 'RUN' ? mountsOf(instruction).map((mount) => [mount.get('from'), 'RUN --mount from='] as const) : [];
      for (const [from, what] of sources) {
        if (from === undefined || from === null || from === '' || from.includes('$')) continue;
        const own = stage >= 0 ? dockerfile.stages[stage]?.name : null;
        if (own !== null && own !== undefined && own === from.toLowerCase()) {
          yield fail(`${what}${from} (line ${instruction.line}) names its own stage`, path);
        } else if (stageNamed(dockerfile, from, Math.max(stage, 0)) === undefined && !looksLikeImage(from)) {
          yield fail(`${what}${from} (line ${instruction.line}) names no earlier stage, so the builder pulls an image called "${from}"`, path);
        }
      }
    }
  },
});
