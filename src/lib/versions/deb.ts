/**
 * Debian package versions, as dpkg parses and orders them (deb-version(7), lib/dpkg/version.c
 * semantics): [epoch:]upstream[-revision].
 *
 * Ordering: epochs numerically, then upstream and revision with the dpkg string algorithm: runs of
 * non-digits compare character by character where '~' sorts before everything (even the end of the
 * string), the end of the string next, then letters, then all other characters; runs of digits
 * compare numerically.
 */
import { InvalidVersionError, checkLength } from './errors.js';
import { type Ordering, compareDigits, sign } from './sign.js';

export interface DebVersion {
  readonly epoch: string;
  readonly upstream: string;
  readonly revision: string;
}

const ECOSYSTEM = 'deb';
const INT_MAX = '2147483647';

export interface DebOptions {
  /**
   * Accept what `dpkg --compare-versions` accepts: dpkg only warns when the upstream version does
   * not start with a digit or a part contains characters outside Debian Policy's set. Strict mode
   * (the default) rejects those, as Dpkg::Version's is_valid() does.
   */
  readonly lenient?: boolean;
}

/** Parses like dpkg's parseversion(); throws InvalidVersionError with dpkg's reasons. */
export function parseDeb(input: string, options: DebOptions = {}): DebVersion {
  checkLength(ECOSYSTEM, input, 'version');
  const text = input.trim();
  const fail = (reason: string): never => { throw new InvalidVersionError(ECOSYSTEM, input, reason); };
  if (text === '') fail('version string is empty');
  if (/\s/.test(text)) fail('version string has embedded spaces');
  let rest = text;
  let epoch = '0';
  const colon = text.indexOf(':');
  if (colon >= 0) {
    epoch = text.slice(0, colon);
    if (epoch === '') fail('epoch in version is empty');
    if (!/^[0-9]+$/.test(epoch)) fail('epoch in version is not number');
    if (compareDigits(epoch, INT_MAX) > 0) fail('epoch in version is too big');
    rest = text.slice(colon + 1);
    if (rest === '') fail('nothing after colon in version number');
  }
  let upstream = rest;
  let revision = '';
  const hyphen = rest.lastIndexOf('-');
  if (hyphen >= 0) {
    upstream = rest.slice(0, hyphen);
    revision = rest.slice(hyphen + 1);
    if (revision === '') fail('revision number is empty');
  }
  if (upstream === '') fail('version number is empty');
  if (options.lenient === true) return { epoch, upstream, revision };
  if (!/^[0-9]/.test(upstream)) fail('version number does not start with digit');
  // Debian Policy 5.6.12 characters, plus "_": dpkg only warns about foreign characters and still
  // compares, and "_" is the one that occurs in practice (rpm-style "el6.x86_64" revisions).
  if (!/^[0-9A-Za-z.+~:_-]*$/.test(upstream)) fail('invalid character in version number');
  if (!/^[0-9A-Za-z.+~_]*$/.test(revision)) fail('invalid character in revision number');
  return { epoch, upstream, revision };
}

export function compareDeb(a: string, b: string, options: DebOptions = {}): Ordering {
  const x = parseDeb(a, options);
  const y = parseDeb(b, options);
  return compareDigits(x.epoch, y.epoch) || compareDebPart(x.upstream, y.upstream) || compareDebPart(x.revision, y.revision);
}

/** dpkg's weight of one character inside a non-digit run; 0 is the end of the string. */
function order(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (isDigit(c)) return 0;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c;
  if (c === 126) return -1; // '~'
  return c + 256;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** dpkg's verrevcmp(): alternate non-digit runs and digit runs until one side differs. */
export function compareDebPart(a: string, b: string): Ordering {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const d = order(a, i) - order(b, j);
      if (d !== 0) return sign(d);
      i++;
      j++;
    }
    const startA = i;
    const startB = j;
    while (i < a.length && isDigit(a.charCodeAt(i))) i++;
    while (j < b.length && isDigit(b.charCodeAt(j))) j++;
    const d = compareDigits(a.slice(startA, i) || '0', b.slice(startB, j) || '0');
    if (d !== 0) return d;
  }
  return 0;
}
