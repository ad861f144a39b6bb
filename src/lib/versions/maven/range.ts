/**
 * Maven version ranges (VersionRange.createFromVersionSpec):
 *
 *   [1.0,2.0)   1.0 <= v < 2.0        [1.0]       exactly 1.0
 *   (,1.0]      v <= 1.0              [1.2,)      v >= 1.2
 *   (,1.0],[1.2,)   a union: either restriction may hold
 *
 * A bare version ("1.0") is, for Maven, only a soft preference that any version satisfies. For
 * vulnerability matching that reading is useless, so here it means exactly that version, like [1.0].
 */
import { InvalidRangeError, checkLength } from '../errors.js';
import { compareMaven, parseMaven } from './version.js';

const ECOSYSTEM = 'maven';

interface Restriction {
  readonly lower: string | undefined;
  readonly lowerInclusive: boolean;
  readonly upper: string | undefined;
  readonly upperInclusive: boolean;
}

export function parseMavenRange(input: string): Restriction[] {
  checkLength(ECOSYSTEM, input, 'range');
  const fail = (reason: string): never => { throw new InvalidRangeError(ECOSYSTEM, input, reason); };
  const spec = input.replace(/\s+/g, '');
  if (spec === '') fail('the range is empty');
  if (!spec.startsWith('[') && !spec.startsWith('(')) {
    if (/[[\](),]/.test(spec)) fail('a bare version may not contain brackets or commas');
    parseMaven(spec);
    return [{ lower: spec, lowerInclusive: true, upper: spec, upperInclusive: true }];
  }
  const restrictions: Restriction[] = [];
  let rest = spec;
  while (rest.length > 0) {
    const close = rest.search(/[\])]/);
    if (close < 0) fail(`unbounded range: ${rest}`);
    restrictions.push(parseRestriction(rest.slice(0, close + 1), fail));
    rest = rest.slice(close + 1);
    if (rest.startsWith(',')) rest = rest.slice(1);
    if (rest.length > 0 && !rest.startsWith('[') && !rest.startsWith('(')) fail(`only restrictions may follow a restriction, found ${rest}`);
  }
  for (let i = 1; i < restrictions.length; i++) {
    const previous = restrictions[i - 1];
    const current = restrictions[i];
    if (previous?.upper === undefined || current?.lower === undefined || compareMaven(current.lower, previous.upper) < 0) {
      fail('ranges overlap or are out of order');
    }
  }
  return restrictions;
}

function parseRestriction(text: string, fail: (reason: string) => never): Restriction {
  const lowerInclusive = text.startsWith('[');
  const upperInclusive = text.endsWith(']');
  const body = text.slice(1, -1);
  if (/[[\]()]/.test(body)) fail(`nested brackets in ${text}`);
  const comma = body.indexOf(',');
  if (comma < 0) {
    if (!lowerInclusive || !upperInclusive) fail(`a single version must be surrounded by []: ${text}`);
    if (body === '') fail('empty restriction []');
    parseMaven(body);
    return { lower: body, lowerInclusive, upper: body, upperInclusive };
  }
  if (body.indexOf(',', comma + 1) >= 0) fail(`more than two bounds in ${text}`);
  const lower = body.slice(0, comma) || undefined;
  const upper = body.slice(comma + 1) || undefined;
  if (lower !== undefined) parseMaven(lower);
  if (upper !== undefined) parseMaven(upper);
  if (lower !== undefined && upper !== undefined) {
    const order = compareMaven(upper, lower);
    if (order < 0) fail(`the range defies version ordering: ${text}`);
    if (order === 0 && (!lowerInclusive || !upperInclusive)) fail(`a range whose bounds are equal must include them: ${text}`);
  }
  return { lower, lowerInclusive, upper, upperInclusive };
}

export function satisfiesMaven(version: string, range: string): boolean {
  const restrictions = parseMavenRange(range);
  parseMaven(version);
  return restrictions.some((r) => {
    if (r.lower !== undefined) {
      const c = compareMaven(version, r.lower);
      if (c < 0 || (c === 0 && !r.lowerInclusive)) return false;
    }
    if (r.upper !== undefined) {
      const c = compareMaven(version, r.upper);
      if (c > 0 || (c === 0 && !r.upperInclusive)) return false;
    }
    return true;
  });
}
