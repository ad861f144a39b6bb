/**
 * A base image without a tag, or tagged `latest`, is whatever was pushed last: rebuilding the same
 * Dockerfile gives a different image, fixes and regressions arrive unannounced, and a hijacked
 * repository reaches the next build. A version tag is reproducible enough; a digest is exact.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { baseWithDefaults, dockerfileOf, stageNamed } from '../_dockerfile/dockerfile.js';

/** The tag of a reference (`registry:5000/app:1.2`), ignoring a registry port; undefined when untagged. */
export function tagOf(reference: string): string | undefined {
  const name = reference.slice(reference.lastIndexOf('/') + 1);
  const colon = name.indexOf(':');
  return colon < 0 ? undefined : name.slice(colon + 1);
}

export const rule = defineRule({
  id: 'dockerfile-base-image-latest',
  title: 'Base image uses the latest tag or no tag',
  severity: 'medium',
  threats: ['supply-chain', 'image-security'],
  mitre: ['T1525', 'T1204.003'],
  remediation: 'Name the base image with a version tag, or better a digest (FROM debian:12.8@sha256:...).',
  references: [
    'https://docs.docker.com/reference/dockerfile/#from',
    'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const [i, stage] of dockerfile.stages.entries()) {
      const written = stage.image;
      const image = baseWithDefaults(dockerfile, written);
      // Scratch is no image; an earlier stage is not pulled.
      if (image === undefined || image === '' || image.toLowerCase() === 'scratch' || stageNamed(dockerfile, image, i) !== undefined) continue;
      if (image.includes('@')) continue;
      const shown = image === written ? `FROM ${written} (line ${stage.from.line})` : `FROM ${written} (line ${stage.from.line}, ${image} with the default build arguments)`;
      const tag = tagOf(image);
      if (tag === undefined) yield fail(`${shown} has no tag, so the build uses whatever "latest" is`, `/stages/${i}/from`);
      else if (tag === 'latest') yield fail(`${shown} uses the mutable "latest" tag`, `/stages/${i}/from`);
    }
  },
});
