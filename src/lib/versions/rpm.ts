/**
 * RPM versions: [epoch:]version[-release], ordered like rpm's rpmvercmp() applied to epoch,
 * version and release in turn.
 *
 * rpmvercmp splits each string into alphanumeric segments (every other character only separates);
 * numeric segments compare by value and beat alphabetic ones; '~' sorts before anything, even the
 * end of the string (pre-releases: 1.0~rc1 < 1.0); '^' sorts after the end of the string but before
 * any further segment (post-release snapshots: 1.0 < 1.0^git1 < 1.0.1).
 *
 * A missing release matches any release, the way rpm matches a dependency "foo >= 1.2" against
 * "foo-1.2-3": compare() only compares releases when both sides carry one.
 */
import { InvalidVersionError, checkLength } from './errors.js';
import { type Ordering, compareDigits, compareStrings } from './sign.js';
import { hasControlCharacter } from './text.js';

export interface RpmVersion {
  readonly epoch: string;
  readonly version: string;
  readonly release: string | undefined;
}

const ECOSYSTEM = 'rpm';

export function parseRpm(input: string): RpmVersion {
  checkLength(ECOSYSTEM, input, 'version');
  const fail = (reason: string): never => { throw new InvalidVersionError(ECOSYSTEM, input, reason); };
  const text = input.trim();
  if (text === '') fail('version string is empty');
  if (/\s/.test(text) || hasControlCharacter(text)) fail('version contains whitespace or control characters');
  let rest = text;
  let epoch = '0';
  const colon = text.indexOf(':');
  if (colon >= 0) {
    epoch = text.slice(0, colon);
    if (!/^[0-9]+$/.test(epoch)) fail('the epoch before ":" must be a number');
    rest = text.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  const version = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const release = hyphen >= 0 ? rest.slice(hyphen + 1) : undefined;
  if (version === '') fail('the version part is empty');
  if (release === '') fail('the release after "-" is empty');
  if (version.includes(':') || (release?.includes(':') ?? false)) fail('only one ":" (after the epoch) is allowed');
  return { epoch, version, release };
}

export function compareRpm(a: string, b: string): Ordering {
  const x = parseRpm(a);
  const y = parseRpm(b);
  const byEpoch = compareDigits(x.epoch, y.epoch);
  if (byEpoch !== 0) return byEpoch;
  const byVersion = rpmvercmp(x.version, y.version);
  if (byVersion !== 0 || x.release === undefined || y.release === undefined) return byVersion;
  return rpmvercmp(x.release, y.release);
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isAlpha(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/** A separator: anything that is neither alphanumeric nor one of the two special markers. */
function isSeparator(c: string | undefined): boolean {
  return c !== undefined && !isDigit(c) && !isAlpha(c) && c !== '~' && c !== '^';
}

/** rpmvercmp() over one field (epoch, version or release). */
export function rpmvercmp(a: string, b: string): Ordering {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (isSeparator(a[i])) i++;
    while (isSeparator(b[j])) j++;
    const ca = a[i];
    const cb = b[j];
    if (ca === '~' || cb === '~') {
      if (ca !== '~') return 1;
      if (cb !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === '^' || cb === '^') {
      if (ca === undefined) return -1;
      if (cb === undefined) return 1;
      if (ca !== '^') return 1;
      if (cb !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === undefined || cb === undefined) break;
    const numeric = isDigit(ca);
    const inSegment = numeric ? isDigit : isAlpha;
    const startA = i;
    const startB = j;
    while (inSegment(a[i])) i++;
    while (inSegment(b[j])) j++;
    // A numeric segment against an alphabetic one: the numeric one is newer.
    if (j === startB) return numeric ? 1 : -1;
    const segA = a.slice(startA, i);
    const segB = b.slice(startB, j);
    const d = numeric ? compareDigits(segA, segB) : compareStrings(segA, segB);
    if (d !== 0) return d;
  }
  const endA = i >= a.length;
  const endB = j >= b.length;
  if (endA && endB) return 0;
  return endA ? -1 : 1;
}
