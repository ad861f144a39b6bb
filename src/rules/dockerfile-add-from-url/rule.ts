/**
 * `ADD https://...` fetches whatever the URL serves at build time, with no integrity check unless
 * `--checksum` pins it: the image silently changes when the file does, and a compromised server
 * or mirror puts its content straight into the image.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { dockerfileOf, flagValue, instructionsOf, withoutCredentials } from '../_dockerfile/dockerfile.js';

const REMOTE = /^(https?|ftp):\/\/|^git@|\.git(#.*)?$/i;
/** A Git source (`https://host/o/r.git#ref:subdir`, `git@host:o/r.git`, `git://...`). */
const GIT = /^git(@|:\/\/)|\.git(#.*)?$/i;
/** A full commit id (SHA-1 or SHA-256): a Git source at one is pinned to that content. */
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/** What is wrong with an unpinned remote source, or undefined when a commit pins it. */
function unpinned(url: string): string | undefined {
  const source = withoutCredentials(url);
  if (!GIT.test(url)) return `downloads ${source} without --checksum, so its content is not verified`;
  const hash = url.indexOf('#');
  const ref = hash < 0 ? '' : (url.slice(hash + 1).split(':')[0] ?? '');
  if (COMMIT.test(ref)) return undefined;
  return ref === ''
    ? `fetches the default branch of ${source}, which moves with every push; pin a commit (#<commit id>) or give --checksum`
    : `fetches ${source} at "${ref}", a branch or tag that can be moved to other commits; pin a commit (#<commit id>) or give --checksum`;
}

export const rule = defineRule({
  id: 'dockerfile-add-from-url',
  title: 'ADD downloads from a URL without a checksum',
  severity: 'medium',
  threats: ['supply-chain', 'image-security'],
  mitre: ['T1105', 'T1195.002'],
  remediation: 'Pin the download with ADD --checksum=sha256:<digest>, or fetch and verify it in a RUN step.',
  references: [
    'https://docs.docker.com/reference/dockerfile/#add',
    'https://docs.docker.com/reference/dockerfile/#add---checksum',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const { instruction, path } of instructionsOf(dockerfile)) {
      if (instruction.cmd !== 'ADD' || flagValue(instruction, 'checksum')) continue;
      // The last argument is the destination.
      for (const source of instruction.args.slice(0, -1).filter((arg) => REMOTE.test(arg))) {
        const problem = unpinned(source);
        if (problem !== undefined) yield fail(`ADD (line ${instruction.line}) ${problem}`, path);
      }
    }
  },
});
