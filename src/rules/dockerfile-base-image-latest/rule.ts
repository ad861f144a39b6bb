/**
 * A base image without a tag, or tagged `latest`, is whatever was pushed last: rebuilding the same
 * Dockerfile gives a different image, fixes and regressions arrive unannounced, and a hijacked
 * repository reaches the next build. A version tag is reproducible enough; a digest is exact.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { expandVariables, type ParsedDockerfile } from '../../lib/dockerfile/index.js';
import { dockerfileOf, stageNamed } from '../_dockerfile/dockerfile.js';

/** The tag of a reference (`registry:5000/app:1.2`), ignoring a registry port; undefined when untagged. */
export function tagOf(reference: string): string | undefined {
  const name = reference.slice(reference.lastIndexOf('/') + 1);
  const colon = name.indexOf(':');
  return colon < 0 ? undefined : name.slice(colon + 1);
}

/** The defaults of the global ARGs (before the first FROM), which FROM lines may use. */
function globalDefaults(dockerfile: ParsedDockerfile): Map<string, string> {
  const defaults = new Map<string, string>();
  for (const instruction of dockerfile.preamble) {
    if (instruction.cmd !== 'ARG') continue;
    for (const pair of instruction.pairs ?? []) if (pair.value !== null) defaults.set(pair.key, pair.value);
  }
  return defaults;
}

/**
 * Whether the reference uses NAME bare (`$NAME`, `${NAME}`), where an unset value is left to the
 * build to give; `${NAME:-latest}` and `${NAME:+...}` say themselves what a build without it uses.
 */
function usedBare(reference: string, name: string): boolean {
  return new RegExp(`\\$(?:${name}(?![A-Za-z0-9_])|\\{${name}\\})`).test(reference);
}

/** The reference with every variable at its default, or undefined when one has none (then the build decides). */
function withDefaults(reference: string, defaults: ReadonlyMap<string, string>, escape: string): string | undefined {
  const missing: string[] = [];
  const expanded = expandVariables(reference, (name) => {
    const value = defaults.get(name);
    if (value === undefined) missing.push(name);
    return value;
  }, escape);
  return missing.some((name) => usedBare(reference, name)) ? undefined : expanded;
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
    const defaults = globalDefaults(dockerfile);
    for (const [i, stage] of dockerfile.stages.entries()) {
      const written = stage.image;
      // A variable takes its global ARG default; with no default it is decided at build time.
      const image = written.includes('$') ? withDefaults(written, defaults, dockerfile.directives.escape) : written;
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
