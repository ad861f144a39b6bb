/**
 * The composer scheme against composer/semver itself. testdata/composer-semver.json was produced
 * by running composer/semver 3.3.2 (Debian's php-composer-semver) on generated version strings:
 * VersionParser::normalize for each (or its exception), and Comparator::lessThan / equalTo on the
 * normalized forms of random pairs. A 4,000-version, 200,000-pair run of the same generator
 * agreed entirely when this scheme was written; this file keeps a sample of it as a regression test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareComposer, normalizeComposer } from './composer.js';
import { InvalidVersionError } from './errors.js';

interface Golden {
  readonly normalized: readonly (readonly [string, string])[];
  readonly invalid: readonly string[];
  readonly order: readonly (readonly [string, string, -1 | 0 | 1])[];
}

const golden = JSON.parse(readFileSync(new URL('./testdata/composer-semver.json', import.meta.url), 'utf8')) as Golden;

describe('composer scheme agrees with composer/semver', () => {
  it('normalizes as VersionParser::normalize', () => {
    const disagreements = golden.normalized.filter(([input, expected]) => normalizeComposer(input) !== expected);
    expect(disagreements).toEqual([]);
    expect(golden.normalized.length).toBeGreaterThan(100);
  });

  it('rejects what VersionParser::normalize rejects', () => {
    const accepted = golden.invalid.filter((input) => {
      try {
        normalizeComposer(input);
        return true;
      } catch (error) {
        if (error instanceof InvalidVersionError) return false;
        throw error;
      }
    });
    expect(accepted).toEqual([]);
    expect(golden.invalid.length).toBeGreaterThan(50);
  });

  it('orders as Comparator does', () => {
    const disagreements = golden.order.filter(([a, b, expected]) => compareComposer(a, b) !== expected);
    expect(disagreements).toEqual([]);
    expect(golden.order.length).toBeGreaterThan(100);
  });
});
