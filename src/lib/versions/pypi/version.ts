/**
 * Python package versions per PEP 440 (the "Version specifiers" specification of the Python
 * Packaging User Guide), with the normalisation rules pip and `packaging` apply:
 *
 *   [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]
 *
 * Spellings accepted and normalised: a leading "v", "alpha"/"beta"/"c"/"pre"/"preview", "-"/"_"/"."
 * separators, "rev"/"r" and bare "-N" post-releases, implicit 0 numbers, upper case, surrounding
 * whitespace, "-"/"_" in local segments.
 *
 * Ordering: epoch, release (trailing zeros insignificant), then dev-only < pre < (final) < post,
 * dev before the release it belongs to, and local labels last (numeric segments beat alphabetic).
 */
import { InvalidVersionError, checkLength } from '../errors.js';
import { type Ordering, compareDigits, compareStrings } from '../sign.js';
import { isAscii, stripPythonSpace } from '../text.js';

const ECOSYSTEM = 'pypi';

// PEP 440 versions are ASCII. Non-ASCII input is rejected before lower-casing, so no Unicode case
// folding ("ſ" -> "s", Kelvin sign -> "k", dotless "ı") can smuggle a spelling past the pattern.
const PATTERN = new RegExp(
  '^\\s*[vV]?' +
    '(?:([0-9]+)!)?' + // epoch
    '([0-9]+(?:\\.[0-9]+)*)' + // release
    '(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?([0-9]+)?)?' + // pre
    '(?:-([0-9]+)|[-_.]?(post|rev|r)[-_.]?([0-9]+)?)?' + // post
    '(?:[-_.]?(dev)[-_.]?([0-9]+)?)?' + // dev
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?' + // local
    '\\s*$',
);

export type PreLabel = 'a' | 'b' | 'rc';

export interface PypiVersion {
  readonly epoch: string;
  readonly release: readonly string[];
  readonly pre: { readonly label: PreLabel; readonly n: string } | undefined;
  readonly post: string | undefined;
  readonly dev: string | undefined;
  readonly local: readonly string[] | undefined;
}

const PRE_LABELS: Readonly<Record<string, PreLabel>> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };

function digits(text: string): string {
  const stripped = text.replace(/^0+/, '');
  return stripped === '' ? '0' : stripped;
}

export function tryParsePypi(input: string): PypiVersion | undefined {
  if (input.length > 1024) return undefined;
  // Surrounding whitespace is ignored, Unicode whitespace included (Python's str.isspace()).
  const core = stripPythonSpace(input);
  if (!isAscii(core)) return undefined;
  const m = PATTERN.exec(core.toLowerCase());
  if (m === null) return undefined;
  const [, epoch, release = '0', preLabel, preN, postImplicit, postLabel, postN, devLabel, devN, local] = m;
  return {
    epoch: digits(epoch ?? '0'),
    release: release.split('.').map(digits),
    pre: preLabel === undefined ? undefined : { label: PRE_LABELS[preLabel] ?? 'rc', n: digits(preN ?? '0') },
    post: postImplicit !== undefined ? digits(postImplicit) : postLabel !== undefined ? digits(postN ?? '0') : undefined,
    dev: devLabel === undefined ? undefined : digits(devN ?? '0'),
    local: local === undefined ? undefined : local.split(/[-_.]/).map((seg) => (/^[0-9]+$/.test(seg) ? digits(seg) : seg)),
  };
}

export function parsePypi(input: string): PypiVersion {
  checkLength(ECOSYSTEM, input, 'version');
  const v = tryParsePypi(input);
  if (v === undefined) throw new InvalidVersionError(ECOSYSTEM, input, 'not a PEP 440 version ([N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local])');
  return v;
}

/** str(packaging.version.Version(v)): the normalised spelling. */
export function formatPypi(v: PypiVersion): string {
  let s = v.epoch === '0' ? '' : `${v.epoch}!`;
  s += v.release.join('.');
  if (v.pre) s += `${v.pre.label}${v.pre.n}`;
  if (v.post !== undefined) s += `.post${v.post}`;
  if (v.dev !== undefined) s += `.dev${v.dev}`;
  if (v.local) s += `+${v.local.join('.')}`;
  return s;
}

export function normalizePypi(input: string): string {
  return formatPypi(parsePypi(input));
}

export function isPypiPrerelease(v: PypiVersion): boolean {
  return v.pre !== undefined || v.dev !== undefined;
}

/** The version without its local label (Version.public). */
export function publicOf(v: PypiVersion): PypiVersion {
  return { ...v, local: undefined };
}

/**
 * The normalised public version of a PEP 440 version: "2.0.0+cu118" -> "2.0.0". Specifiers
 * without a local label ignore the candidate's ("<=2.0.0" and "==2.0.0" include 2.0.0+cu118).
 */
export function publicPypi(input: string): string {
  return formatPypi(publicOf(parsePypi(input)));
}

/** Version.base_version: epoch and release only. */
export function baseOf(v: PypiVersion): PypiVersion {
  return { epoch: v.epoch, release: v.release, pre: undefined, post: undefined, dev: undefined, local: undefined };
}

const PRE_RANK: Readonly<Record<PreLabel, number>> = { a: 0, b: 1, rc: 2 };

function compareRelease(a: readonly string[], b: readonly string[]): Ordering {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The pre-release position: a dev release of the final version (1.0.dev1) sorts before every
 * pre-release of it, a final or post release after all of them.
 */
function preKey(v: PypiVersion): [number, string] {
  if (v.pre) return [PRE_RANK[v.pre.label], v.pre.n];
  if (v.post === undefined && v.dev !== undefined) return [-1, '0'];
  return [3, '0'];
}

function compareOptionalNumber(a: string | undefined, b: string | undefined, absentSortsFirst: boolean): Ordering {
  if (a === undefined || b === undefined) {
    if (a === b) return 0;
    return (a === undefined) === absentSortsFirst ? -1 : 1;
  }
  return compareDigits(a, b);
}

function compareLocal(a: readonly string[] | undefined, b: readonly string[] | undefined): Ordering {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    const xNum = /^[0-9]+$/.test(x);
    const yNum = /^[0-9]+$/.test(y);
    if (xNum !== yNum) return xNum ? 1 : -1;
    const d = xNum ? compareDigits(x, y) : compareStrings(x, y);
    if (d !== 0) return d;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

export function compareParsedPypi(a: PypiVersion, b: PypiVersion): Ordering {
  const [pa, na] = preKey(a);
  const [pb, nb] = preKey(b);
  return (
    compareDigits(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    (pa !== pb ? (pa < pb ? -1 : 1) : compareDigits(na, nb)) ||
    compareOptionalNumber(a.post, b.post, true) ||
    compareOptionalNumber(a.dev, b.dev, false) ||
    compareLocal(a.local, b.local)
  );
}

export function comparePypi(a: string, b: string): Ordering {
  return compareParsedPypi(parsePypi(a), parsePypi(b));
}
