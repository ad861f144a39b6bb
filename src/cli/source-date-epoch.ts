/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org) dates the SBOMs `palisade sbom` writes, so the same
 * image gives the same bytes in a reproducible pipeline (the serial number is already derived from
 * the content). A value that is not a whole number of seconds is refused, as the specification
 * asks of a tool that cannot honour it, rather than silently falling back to the clock.
 */
import type { Problem } from '../sdk/index.js';
import { usageProblem } from './usage.js';

export type SbomClock = { readonly now?: () => Date } | { readonly problem: Problem };

export function sbomClock(env: NodeJS.ProcessEnv): SbomClock {
  const value = env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return {};
  const seconds = /^\d{1,12}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(seconds)) {
    return { problem: usageProblem(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not ${JSON.stringify(value.slice(0, 40))}`, 'Set it to a UNIX time such as $(git log -1 --format=%ct), or unset it.') };
  }
  const date = new Date(seconds * 1000);
  return { now: () => date };
}
