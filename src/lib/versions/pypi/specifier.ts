/**
 * PEP 440 version specifiers: "~=2.2", "==1.4.*", "!=1.5.1", ">=1.0,<2.0", "===foobar".
 * A specifier set is a comma-separated list; a version must satisfy every clause.
 *
 * Rules implemented as the specification states them:
 * - "==" / "!=" compare with zero padding and ignore the candidate's local label unless the
 *   specifier has one; "V.*" is a prefix match on the normalised release.
 * - "~=V.N" means ">=V.N, ==V.*" (at least two release components).
 * - "<V" excludes pre-releases of V unless V is itself a pre-release; ">V" excludes post-releases
 *   of V unless V is itself a post-release, and local versions of V.
 * - "===" is plain, case-insensitive string equality (the candidate need not be PEP 440).
 * - Pre-releases match unless `prereleases: false` (see PypiOptions).
 * - Local labels and wildcards are allowed only with "==" / "!=".
 */
import { InvalidRangeError, checkLength } from '../errors.js';
import { isAscii } from '../text.js';
import {
  type PypiVersion,
  baseOf,
  compareParsedPypi,
  formatPypi,
  isPypiPrerelease,
  parsePypi,
  publicOf,
  tryParsePypi,
} from './version.js';

const ECOSYSTEM = 'pypi';

export interface PypiOptions {
  /**
   * `false` keeps pre-releases (a, b, rc, dev) out of every range. The default lets them match:
   * PEP 440 has installers accept an installed pre-release, and excludes pre-releases only when
   * choosing among several candidates; for one version there is no final release to prefer
   * (packaging >= 25 `Specifier.contains` answers the same).
   */
  readonly prereleases?: boolean;
}

type Operator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

export type PypiSpecifier =
  | { readonly op: '==='; readonly text: string }
  | { readonly op: '==' | '!='; readonly version: PypiVersion; readonly wildcard: boolean }
  | { readonly op: Exclude<Operator, '===' | '==' | '!='>; readonly version: PypiVersion };

const OPERATOR = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*/;

/** Parses one clause such as ">=1.0" (packaging.specifiers.Specifier). */
export function parsePypiSpecifier(input: string): PypiSpecifier {
  checkLength(ECOSYSTEM, input, 'range');
  const fail = (reason: string): never => { throw new InvalidRangeError(ECOSYSTEM, input, reason); };
  if (!isAscii(input)) fail('specifiers are ASCII');
  const m = OPERATOR.exec(input);
  if (m === null) fail('a specifier starts with one of ~= == != <= >= < > ===');
  const op = (m?.[1] ?? '') as Operator;
  const rest = input.slice(m?.[0].length ?? 0).trimEnd();
  if (rest === '') fail(`"${op}" needs a version`);
  if (op === '===') {
    if (/[\s;)]/.test(rest)) fail('"===" takes a single token');
    return { op, text: rest };
  }
  if (op === '==' || op === '!=') {
    const wildcard = rest.endsWith('.*');
    const body = wildcard ? rest.slice(0, -2) : rest;
    const version = tryParsePypi(body);
    if (version === undefined || /\s/.test(body)) return fail(`not a PEP 440 version: ${body}`);
    if (wildcard && (version.pre || version.post !== undefined || version.dev !== undefined || version.local)) {
      fail('".*" may only follow a release (like ==1.4.*)');
    }
    return { op, version, wildcard };
  }
  const version = tryParsePypi(rest);
  if (version === undefined || /\s/.test(rest)) return fail(`not a PEP 440 version: ${rest}`);
  if (version.local) fail(`"${op}" does not allow a local version label`);
  if (op === '~=' && version.release.length < 2) fail('"~=" needs at least two release components (like ~=1.4)');
  return { op, version };
}

const cmp = compareParsedPypi;

/** The release padded with zeros to `length` components. */
function padded(release: readonly string[], length: number): string[] {
  return Array.from({ length: Math.max(length, release.length) }, (_, i) => release[i] ?? '0');
}

/** "==V.*": V's epoch and release are a prefix of the candidate's (zero-padded) release. */
function prefixMatch(candidate: PypiVersion, prefix: PypiVersion): boolean {
  if (candidate.epoch !== prefix.epoch) return false;
  const release = padded(candidate.release, prefix.release.length);
  return prefix.release.every((part, i) => release[i] === part);
}

function equalTo(candidate: PypiVersion, spec: PypiVersion, wildcard: boolean): boolean {
  if (wildcard) return prefixMatch(candidate, spec);
  return cmp(spec.local ? candidate : publicOf(candidate), spec) === 0;
}

function compatible(candidate: PypiVersion, spec: PypiVersion): boolean {
  const prefix: PypiVersion = { ...baseOf(spec), release: spec.release.slice(0, -1) };
  return cmp(publicOf(candidate), spec) >= 0 && prefixMatch(candidate, prefix);
}

/**
 * "<V MUST NOT allow a pre-release of the specified version unless V is itself a pre-release":
 * the pre-releases of V are those from V.dev0 up (1.0rc1 is one of 1.0, 1.0a1.dev3 is not one of
 * 1.0.post2).
 */
function less(candidate: PypiVersion, spec: PypiVersion): boolean {
  if (cmp(candidate, spec) >= 0) return false;
  if (isPypiPrerelease(spec) || !isPypiPrerelease(candidate)) return true;
  return cmp(candidate, { ...spec, dev: '0', local: undefined }) < 0;
}

/** ">V MUST NOT allow a post-release of the specified version unless V is itself one". */
function greater(candidate: PypiVersion, spec: PypiVersion): boolean {
  if (cmp(candidate, spec) <= 0) return false;
  const postOf = { ...candidate, post: undefined, dev: undefined, local: undefined };
  if (spec.post === undefined && candidate.post !== undefined && cmp(postOf, spec) === 0) return false;
  // "MUST NOT match a local version of the specified version": 1.0+abc is not > 1.0.
  return !(candidate.local !== undefined && cmp(publicOf(candidate), spec) === 0);
}

function matches(candidate: PypiVersion, text: string, spec: PypiSpecifier): boolean {
  switch (spec.op) {
    case '===': return text.trim().toLowerCase() === spec.text.toLowerCase();
    case '==': return equalTo(candidate, spec.version, spec.wildcard);
    case '!=': return !equalTo(candidate, spec.version, spec.wildcard);
    case '~=': return compatible(candidate, spec.version);
    case '<=': return cmp(publicOf(candidate), spec.version) <= 0;
    case '>=': return cmp(publicOf(candidate), spec.version) >= 0;
    case '<': return less(candidate, spec.version);
    case '>': return greater(candidate, spec.version);
  }
}

export function parsePypiSpecifierSet(input: string): PypiSpecifier[] {
  checkLength(ECOSYSTEM, input, 'range');
  if (input.trim() === '') return [];
  return input.split(',').map((clause) => parsePypiSpecifier(clause));
}

/** SpecifierSet.contains(version, prereleases). */
export function satisfiesPypi(version: string, range: string, options: PypiOptions = {}): boolean {
  const specs = parsePypiSpecifierSet(range);
  // "===" exists for versions PEP 440 cannot parse, so such a candidate is still compared there.
  if (tryParsePypi(version) === undefined && specs.length > 0 && specs.every((spec) => spec.op === '===')) {
    return specs.every((spec) => version.trim().toLowerCase() === spec.text.toLowerCase());
  }
  const candidate = parsePypi(version);
  if (options.prereleases === false && isPypiPrerelease(candidate)) return false;
  return specs.every((spec) => matches(candidate, version, spec));
}

export { formatPypi };
