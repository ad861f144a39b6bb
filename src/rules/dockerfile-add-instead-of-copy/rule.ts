/**
 * ADD does more than copy: it unpacks local tar archives and fetches URLs. Used for plain files it
 * hides that magic where nobody expects it (a file that happens to be a tarball gets extracted);
 * COPY says exactly what happens.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { dockerfileOf, instructionsOf } from '../_dockerfile/dockerfile.js';

/** What ADD unpacks: tar, optionally compressed (zip is not unpacked). */
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|gz|bz2|xz|zst|lz|lzma|tlz)$/i;
const REMOTE = /^(https?|ftp):\/\/|^git@/i;

export const rule = defineRule({
  id: 'dockerfile-add-instead-of-copy',
  title: 'ADD used to copy plain files',
  severity: 'low',
  threats: ['image-security'],
  mitre: ['T1525'],
  remediation: 'Use COPY for files and directories; keep ADD for archives that should be unpacked.',
  references: [
    'https://docs.docker.com/build/building/best-practices/#add-or-copy',
    'https://github.com/hadolint/hadolint/wiki/DL3020',
  ],
  target: { kinds: ['Dockerfile'] },
  *check(resource: Resource) {
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    for (const { instruction, path } of instructionsOf(dockerfile)) {
      if (instruction.cmd !== 'ADD' || instruction.heredocs !== undefined) continue;
      const plain = instruction.args.slice(0, -1).filter((source) => !ARCHIVE.test(source) && !REMOTE.test(source) && !source.includes('$'));
      if (plain.length > 0) yield fail(`ADD (line ${instruction.line}) copies ${plain.join(', ')}, which ADD does not unpack; use COPY`, path);
    }
  },
});
