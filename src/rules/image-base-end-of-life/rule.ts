/**
 * A base OS past its end of life gets no more security fixes: every vulnerability found from then
 * on stays open in the image for good, and scanners stop reporting some of them because the
 * vendor no longer tracks the release. Rebuilding does not help; only moving to a supported
 * release does.
 */
import { z } from 'zod';
import type { Resource } from '../../model/resource.js';
import { defineRule, fail, warn, type RuleContext, type Violation } from '../../core/rule.js';
import { dockerfileOf, finalStages } from '../_dockerfile/dockerfile.js';
import { imageConfigOf } from '../_dockerfile/image-config.js';
import { DISTRO_NAMES, releaseOf, releaseOfImage, type Release } from './releases.js';

const options = z.object({
  /** The day to judge against (YYYY-MM-DD); today when absent. Set it for reproducible results. */
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Warn this many days before the end of life. */
  warnDays: z.number().int().nonnegative().default(90),
});
type Options = z.infer<typeof options>;

const DAY_MS = 24 * 60 * 60 * 1000;

function verdict(release: Release, what: string, path: string, { today, warnDays }: Options): Violation | undefined {
  const now = today === undefined ? Date.now() : Date.parse(`${today}T00:00:00Z`);
  const end = Date.parse(`${release.eol}T23:59:59Z`);
  const name = `${DISTRO_NAMES[release.distro] ?? release.distro} ${release.version}${release.codename === undefined ? '' : ` (${release.codename})`}`;
  if (now > end) return fail(`${what} is ${name}, which reached its end of life on ${release.eol} and gets no security fixes`, path);
  const days = Math.floor((end - now) / DAY_MS);
  if (days <= warnDays) return warn(`${what} is ${name}, which reaches its end of life on ${release.eol} (in ${days} days)`, path);
  return undefined;
}

export const rule = defineRule({
  id: 'image-base-end-of-life',
  title: 'Base OS release past its end of life',
  severity: 'high',
  threats: ['image-security', 'supply-chain'],
  mitre: ['T1190', 'T1525'],
  remediation: 'Rebase the image on a supported release of its distribution (or a distroless image) and rebuild.',
  references: [
    'https://wiki.debian.org/LTS',
    'https://ubuntu.com/about/release-cycle',
    'https://alpinelinux.org/releases/',
    'https://access.redhat.com/support/policy/updates/errata',
    'https://endoflife.date/',
  ],
  options,
  target: { kinds: ['Dockerfile', 'ImageConfig'] },
  *check(resource: Resource, { options: settings }: RuleContext<Options>) {
    if (resource.kind === 'ImageConfig') {
      const os = imageConfigOf(resource)?.os;
      const release = os === undefined || os === null ? undefined : releaseOf(os.id, os.versionId ?? '', os.prettyName ?? undefined);
      const found = release === undefined ? undefined : verdict(release, 'the image\'s OS', '/os', settings);
      if (found !== undefined) yield found;
      return;
    }
    const dockerfile = dockerfileOf(resource);
    if (dockerfile === undefined) return;
    // Only the stages whose layers ship: a builder stage's OS does not reach the image.
    const shipped = finalStages(dockerfile);
    for (const [i, stage] of dockerfile.stages.entries()) {
      if (!shipped.has(i)) continue;
      const release = releaseOfImage(stage.resolvedImage);
      const found = release === undefined ? undefined : verdict(release, `the base image ${stage.resolvedImage} (line ${stage.from.line})`, `/stages/${i}/from`, settings);
      if (found !== undefined) yield found;
    }
  },
});
