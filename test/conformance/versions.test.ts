/**
 * Conformance of src/lib/versions against the upstream version suites in
 * ../shared/testdata/supply-chain/version-compare (dpkg, apk-tools, rpm, node-semver, packaging,
 * Maven, golang.org/x/mod, RubyGems tests). Every record must agree; each file is one test that
 * lists the disagreeing record ids.
 *
 * Two upstream semantics differ from our API on purpose, and the mapping is made here:
 * - node-semver's satisfies()/gtr()/ltr() answer false for unparsable input where we throw a typed
 *   error, so for npm a typed error counts as "false".
 * - deb compare rows were checked with `dpkg --compare-versions`, which only warns about foreign
 *   characters, so they run with `lenient` (dpkg's warnings accepted) like apk below.
 * - apk-tools and x/mod compare malformed versions instead of rejecting them; their compare and
 *   fuzzy rows run with `lenient` (and Go with `strict`: the "v" prefix required, as in x/mod).
 * - univers' Maven vectors (compare-univers.jsonl) encode ComparableVersion as it was before
 *   Maven 3.9 (they order 2.0.a < 2.0.0.a, which Maven's own current tests call equal), so that
 *   file runs with `legacy`; Maven's own vectors run with current semantics.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalGo } from '../../src/lib/versions/go.js';
import { isGemPrerelease, parseGemRequirement } from '../../src/lib/versions/gem.js';
import {
  InvalidRangeError,
  InvalidVersionError,
  type VersionOptions,
  compareVersions,
  isValidVersion,
  satisfies,
} from '../../src/lib/versions/index.js';
import { canonicalMaven } from '../../src/lib/versions/maven/version.js';
import { canonicalNpmRange, npmRangesIntersect, outsideNpmRange, parseNpm } from '../../src/lib/versions/npm.js';
import { parsePypiSpecifier } from '../../src/lib/versions/pypi/specifier.js';
import { normalizePypi } from '../../src/lib/versions/pypi/version.js';

const SUITE = join(import.meta.dirname, '../../../shared/testdata/supply-chain/version-compare');

type Rec = Record<string, unknown> & { id: string };

function load(file: string): Rec[] {
  return readFileSync(join(SUITE, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Rec);
}

const str = (r: Rec, key: string): string => {
  const v = r[key];
  if (typeof v !== 'string') throw new Error(`${r.id}: field ${key} is not a string`);
  return v;
};

/** Per-scheme options for compare rows (see the header). */
function compareOptions(eco: string, file: string, r: Rec): VersionOptions {
  if (eco === 'apk' || eco === 'deb') return { lenient: true };
  if (eco === 'go') return { lenient: true, strict: true };
  if (eco === 'npm') return r.options as VersionOptions;
  if (eco === 'maven' && file === 'compare-univers.jsonl') return { legacy: true };
  return {};
}

/** Runs fn on a record; a typed npm error counts as false (node-semver's answer). */
function npmBool(fn: () => boolean): boolean {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InvalidVersionError || error instanceof InvalidRangeError) return false;
    throw error;
  }
}

const npmValid = (r: Rec): boolean => {
  try {
    const v = parseNpm(str(r, 'version'), (r.options ?? {}));
    return r.valid === true && v.major === r.major && v.minor === r.minor && v.patch === r.patch
      && JSON.stringify(v.prerelease) === JSON.stringify(r.prerelease) && JSON.stringify(v.build) === JSON.stringify(r.build);
  } catch (error) {
    if (error instanceof InvalidVersionError) return r.valid === false;
    throw error;
  }
};

const throwsTyped = (fn: () => unknown): boolean => {
  try {
    fn();
    return false;
  } catch (error) {
    return error instanceof InvalidRangeError || error instanceof InvalidVersionError;
  }
};

/** One checker per file name; returns whether the record agrees with us. */
function check(eco: string, file: string, r: Rec): boolean {
  if (file.startsWith('compare')) {
    const got = compareVersions(eco, str(r, 'a'), str(r, 'b'), compareOptions(eco, file, r));
    return 'cmp' in r ? got === r.cmp : got !== r.cmp_not;
  }
  switch (file) {
    case 'valid.jsonl':
      if (eco === 'npm') return npmValid(r);
      if (eco === 'go' && 'canonical' in r) {
        return canonicalGo(str(r, 'version'), { strict: true }) === (r.canonical ?? undefined)
          && isValidVersion(eco, str(r, 'version'), { strict: true }) === r.valid;
      }
      return isValidVersion(eco, str(r, 'version')) === r.valid;
    case 'range.jsonl': {
      const range = eco === 'gem' ? (r.constraints as string[]).join(', ') : str(r, 'range');
      const run = (): boolean => satisfies(eco, str(r, 'version'), range, (r.options ?? {}) as VersionOptions);
      return (eco === 'npm' ? npmBool(run) : run()) === r.included;
    }
    case 'range-outside.jsonl':
      return npmBool(() => outsideNpmRange(str(r, 'version'), str(r, 'range'), r.relation === 'gtr' ? 'above' : 'below', r.options as VersionOptions)) === r.expected;
    case 'range-parse.jsonl':
      return (canonicalNpmRange(str(r, 'range'), r.options as VersionOptions) ?? null) === r.canonical;
    case 'range-intersection.jsonl':
      return npmBool(() => npmRangesIntersect(str(r, 'range_a'), str(r, 'range_b'), (r.options ?? {}))) === r.intersects;
    case 'fuzzy.jsonl':
      return satisfies('apk', str(r, 'a'), `${str(r, 'op')} ${str(r, 'b')}`, { lenient: true }) === r.expected;
    case 'normalize.jsonl':
      return normalizePypi(str(r, 'version')) === r.normalized;
    case 'specifier-valid.jsonl':
      return !throwsTyped(() => parsePypiSpecifier(str(r, 'specifier'))) === r.valid;
    case 'prerelease.jsonl':
      return isGemPrerelease(str(r, 'version')) === r.prerelease;
    case 'requirement-valid.jsonl':
      return !throwsTyped(() => parseGemRequirement(str(r, 'requirement'))) === r.valid;
    case 'canonical.jsonl':
      return canonicalMaven(str(r, 'version')) === r.canonical;
    default:
      throw new Error(`no checker for ${eco}/${file}`);
  }
}

if (!existsSync(SUITE)) {
  describe.skip('version-compare conformance', () => {
    it('skipped: ../shared/testdata/supply-chain/version-compare is absent', () => undefined);
  });
} else {
  for (const eco of readdirSync(SUITE).filter((name) => !name.includes('.')).sort()) {
    describe(`version-compare/${eco}`, () => {
      for (const file of readdirSync(join(SUITE, eco)).filter((name) => name.endsWith('.jsonl')).sort()) {
        it(file, () => {
          const records = load(join(eco, file));
          const failures = records.filter((r) => {
            try {
              return !check(eco, file, r);
            } catch {
              return true; // an unexpected exception is a disagreement too
            }
          });
          expect(records.length).toBeGreaterThan(0);
          expect(failures.map((r) => `${r.id} ${JSON.stringify({ ...r, id: undefined, source: undefined })}`)).toEqual([]);
        });
      }
    });
  }
}
