/**
 * A very large image is slow to pull on every new node (slower scale-out and recovery), costs
 * storage everywhere it is cached, and usually means build tools, caches or whole SDKs shipped
 * to production: more packages, more vulnerabilities, more for an intruder to use.
 */
import { z } from 'zod';
import type { Resource } from '../../model/resource.js';
import { defineRule, fail, type RuleContext } from '../../core/rule.js';
import { imageConfigOf } from '../_dockerfile/image-config.js';

const options = z.object({
  /** Largest acceptable uncompressed size, in bytes (default 1 GiB). */
  maxBytes: z.number().int().positive().default(1024 * 1024 * 1024),
});
type Options = z.infer<typeof options>;

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

export const rule = defineRule({
  id: 'image-too-large',
  title: 'Image is very large',
  severity: 'low',
  threats: ['image-security', 'supply-chain'],
  mitre: ['T1525'],
  remediation: 'Use a multi-stage build that copies only the runtime artifacts onto a slim or distroless base.',
  references: [
    'https://docs.docker.com/build/building/multi-stage/',
    'https://csrc.nist.gov/pubs/sp/800/190/final',
  ],
  options,
  target: { kinds: ['ImageConfig'] },
  *check(resource: Resource, { options: { maxBytes } }: RuleContext<Options>) {
    const size = imageConfigOf(resource)?.size;
    if (typeof size === 'number' && size > maxBytes) yield fail(`the image is ${mib(size)} uncompressed, more than the limit of ${mib(maxBytes)}`, '/size');
  },
});
