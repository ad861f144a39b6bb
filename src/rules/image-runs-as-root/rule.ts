/**
 * An image whose user is root gives every process in its containers uid 0: a code-execution bug
 * is root in the container, one step from the host through any kernel or runtime flaw, and able
 * to rewrite the image's own files. Kubernetes can override the user, but the image's default is
 * what runs wherever nobody did.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail, warn } from '../../core/rule.js';
import { expandVariables } from '../../lib/dockerfile/index.js';
import { dockerfileOf, finalStages, stageInstructions, type Located } from '../_dockerfile/dockerfile.js';
import { imageConfigOf } from '../_dockerfile/image-config.js';

/** `root`, `0`, `root:group`, `0:0`: the user part is what counts. */
function isRoot(user: string): boolean {
  const name = user.trim().split(':')[0] ?? '';
  return name === 'root' || name === '0';
}

export const rule = defineRule({
  id: 'image-runs-as-root',
  title: 'Image runs as root',
  severity: 'medium',
  threats: ['container-compromise', 'image-security', 'host-compromise'],
  mitre: ['T1611', 'T1610'],
  remediation: 'Create an unprivileged user in the image and end the final stage with USER <uid>.',
  references: [
    'https://docs.docker.com/reference/dockerfile/#user',
    'https://docs.docker.com/build/building/best-practices/#user',
    'https://csrc.nist.gov/pubs/sp/800/190/final',
  ],
  target: { kinds: ['Dockerfile', 'ImageConfig'] },
  *check(resource: Resource) {
    if (resource.kind === 'ImageConfig') {
      const image = imageConfigOf(resource);
      // No config at all (a root file system): nothing says which user runs.
      if (image?.config === undefined || image.config === null) return;
      const user = image.config.User ?? '';
      if (user.trim() === '') yield fail('the image sets no user, so its containers run as root', '/config');
      else if (isRoot(user)) yield fail(`the image runs as root (User "${user}")`, '/config/User');
      return;
    }
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    // The final image's user is the last USER of its stage chain (a stage built FROM an earlier stage inherits it).
    const chain = [...finalStages(dockerfile)].sort((a, b) => a - b);
    // USER $NAME takes ARG defaults and ENV values set before it in the chain.
    const values = new Map<string, string>();
    const globals = new Map(dockerfile.preamble.flatMap((i) => (i.cmd === 'ARG' ? (i.pairs ?? []) : [])).flatMap((p) => (p.value === null ? [] : [[p.key, p.value] as const])));
    let last: Located | undefined;
    let user = '';
    for (const located of chain.flatMap((stage) => stageInstructions(dockerfile, stage).filter((l) => !l.onbuild))) {
      const { instruction } = located;
      for (const pair of instruction.cmd === 'ARG' || instruction.cmd === 'ENV' ? (instruction.pairs ?? []) : []) {
        // `ARG NAME` inside a stage brings in the global ARG's default.
        const value = pair.value ?? globals.get(pair.key);
        if (value !== undefined) values.set(pair.key, value);
      }
      if (instruction.cmd === 'USER') {
        last = located;
        user = expandVariables(instruction.args.join(' '), (name) => values.get(name), dockerfile.directives.escape);
      }
    }
    const final = dockerfile.stages.length - 1;
    if (last === undefined) {
      const base = dockerfile.stages[chain[0] ?? final]?.resolvedImage ?? '';
      if (base.toLowerCase() === 'scratch') yield fail('the final stage has no USER instruction and is built from scratch, so it runs as root', `/stages/${final}/from`);
      else yield warn(`the final stage has no USER instruction, so it runs as the user of "${base || 'its base image'}" (root unless that image sets one)`, final < 0 ? '' : `/stages/${final}/from`);
      return;
    }
    const written = last.instruction.args.join(' ');
    const shown = written === user ? user : `${written} (${user})`;
    if (isRoot(user)) yield fail(`the final stage switches to USER ${shown} (line ${last.instruction.line}), so the image runs as root`, last.path);
  },
});
