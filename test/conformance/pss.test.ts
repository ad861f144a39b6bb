/**
 * Conformance with upstream's PodSecurity fixtures (../shared/testdata/k8s/pod-security-admission):
 * every pod under <level>/<version>/pass must be allowed and every pod under .../fail denied at
 * that level and version, with upstream's expected error substring in our denial message.
 * One test per level and version; a failure lists each disagreeing fixture and why.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ObjectMeta, PodSpec } from '../../src/model/k8s.js';
import { evaluatePodSecurity, isPssVersion, podSecurityViolationMessage } from '../../src/lib/pss/index.js';

const SUITE = fileURLToPath(new URL('../../../shared/testdata/k8s/pod-security-admission/', import.meta.url));
const LEVELS = ['baseline', 'restricted'] as const;

interface IndexCase {
  readonly file: string;
  readonly expected_error_substring: string | null;
}

function expectedSubstrings(): Map<string, string> {
  const index = JSON.parse(readFileSync(path.join(SUITE, 'index.json'), 'utf8')) as { cases: IndexCase[] };
  return new Map(index.cases.flatMap((c) => (c.expected_error_substring === null ? [] : [[c.file, c.expected_error_substring] as const])));
}

function versionsOf(level: string): string[] {
  return readdirSync(path.join(SUITE, level))
    .filter(isPssVersion)
    .sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
}

/** The disagreements for one level and version: empty when every fixture agrees. */
function disagreements(level: (typeof LEVELS)[number], version: `v1.${number}`, substrings: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const outcome of ['pass', 'fail'] as const) {
    const dir = path.join(SUITE, level, version, outcome);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
      const file = `${level}/${version}/${outcome}/${name}`;
      const pod = parse(readFileSync(path.join(dir, name), 'utf8')) as { metadata?: ObjectMeta; spec?: PodSpec };
      const results = evaluatePodSecurity(level, version, pod.metadata ?? {}, pod.spec ?? {});
      const message = podSecurityViolationMessage(level, version, results);
      if (outcome === 'pass' && results.length > 0) problems.push(`${file}: expected allowed, got ${message}`);
      if (outcome === 'fail' && results.length === 0) problems.push(`${file}: expected denied, got allowed`);
      const substring = substrings.get(file);
      if (outcome === 'fail' && results.length > 0 && substring !== undefined && !message.includes(substring)) {
        problems.push(`${file}: expected the message to contain ${JSON.stringify(substring)}, got ${message}`);
      }
    }
  }
  return problems;
}

if (!existsSync(path.join(SUITE, 'index.json'))) {
  describe.skip('Pod Security Standards conformance (suite folder absent)', () => {
    it('needs ../shared/testdata/k8s/pod-security-admission', () => undefined);
  });
} else {
  const substrings = expectedSubstrings();
  for (const level of LEVELS) {
    describe(`Pod Security Standards conformance: ${level}`, () => {
      for (const version of versionsOf(level)) {
        it(`${level}:${version} agrees with every upstream fixture`, () => {
          expect(disagreements(level, version as `v1.${number}`, substrings)).toEqual([]);
        });
      }
    });
  }
}
