/**
 * Images pulled at build time (FROM, COPY --from, RUN --mount from=) become part of the image or
 * its build. When an organisation keeps an allow-list of registries, an image from anywhere else
 * bypasses its scanning and signing controls.
 */
import { z } from 'zod';
import picomatch from 'picomatch';
import type { Resource } from '../../model/resource.js';
import { defineRule, fail, type RuleContext } from '../../core/rule.js';
import { baseWithDefaults, dockerfileOf, flagValue, instructionsOf, mountsOf, stageNamed } from '../_dockerfile/dockerfile.js';

const options = z.object({
  /** Allowed registries (host names, `*.example.com` globs, `docker.io` for Docker Hub); empty: no restriction. */
  registries: z.array(z.string()).default([]),
});
type Options = z.infer<typeof options>;

/** The registry of a reference: its first component when that looks like a host, else Docker Hub. */
export function registryOf(reference: string): string {
  const slash = reference.indexOf('/');
  const first = slash < 0 ? '' : reference.slice(0, slash);
  return first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost') ? first.toLowerCase() : 'docker.io';
}

function allowed(registry: string, patterns: readonly string[]): boolean {
  const host = registry.replace(/:\d+$/, '');
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p === registry || p === host) return true;
    // `*.example.com` also admits example.com itself, as registry allow-lists are usually meant.
    if (p.startsWith('*.') && host === p.slice(2)) return true;
    return picomatch.isMatch(host, p);
  });
}

export const rule = defineRule({
  id: 'dockerfile-untrusted-registry',
  title: 'Build pulls an image from a registry outside the allow-list',
  severity: 'medium',
  threats: ['supply-chain', 'image-security'],
  mitre: ['T1525', 'T1195.002'],
  remediation: 'Pull base and helper images only from the allowed registries (mirror what you need there).',
  references: [
    'https://docs.docker.com/reference/dockerfile/#from',
    'https://github.com/hadolint/hadolint/wiki/DL3026',
  ],
  options,
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource, { options: { registries } }: RuleContext<Options>) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined || registries.length === 0) return;
    const judge = function* (reference: string | undefined, what: string, line: number, path: string, before: number) {
      if (reference === undefined || reference === '' || reference.includes('$') || reference.toLowerCase() === 'scratch' || stageNamed(dockerfile, reference, before) !== undefined) return;
      // COPY --from=name without a registry, path or tag names a (possibly later) stage, not an image.
      if (what !== 'FROM' && !/[/:@.]/.test(reference)) return;
      const registry = registryOf(reference);
      if (!allowed(registry, registries)) yield fail(`${what} ${reference} (line ${line}) pulls from ${registry}, which is not an allowed registry`, path);
    };
    // A FROM's variables take their global ARG defaults; one without a default is the build's to give.
    for (const [i, stage] of dockerfile.stages.entries()) yield* judge(baseWithDefaults(dockerfile, stage.image), 'FROM', stage.from.line, `/stages/${i}/from`, i);
    for (const { instruction, path, stage } of instructionsOf(dockerfile)) {
      const before = Math.max(stage, 0);
      const from = instruction.cmd === 'COPY' ? flagValue(instruction, 'from') : undefined;
      if (typeof from === 'string') yield* judge(from, 'COPY --from', instruction.line, path, before);
      for (const mount of instruction.cmd === 'RUN' ? mountsOf(instruction) : []) {
        const source = mount.get('from');
        if (source !== undefined) yield* judge(source, 'RUN --mount from', instruction.line, path, before);
      }
    }
  },
});
