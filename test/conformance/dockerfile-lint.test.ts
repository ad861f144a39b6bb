/**
 * hadolint's rule cases (../shared/testdata/supply-chain/dockerfile-lint) against the Dockerfile
 * rules, through the mapping in src/frameworks/conformance/hadolint.ts: prints the agreement and
 * requires a stated reason for every disagreement. `npm run conformance` reports the same suite.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HADOLINT, HADOLINT_UNMAPPED, hadolintDifference, hadolintOptions } from '../../src/frameworks/conformance/hadolint.js';
import { RULES } from '../../src/rules/index.js';
import { lintDockerfileText } from '../../src/sdk/dockerfile.js';
import { ROOT } from '../support/cli.js';

interface Case {
  readonly id: string;
  readonly rule: string;
  readonly dockerfile: string;
  readonly expect: 'at_least' | 'exactly';
  readonly count: number;
  readonly config: string;
}

const SUITE = path.resolve(ROOT, '../shared/testdata/supply-chain/dockerfile-lint/hadolint-rule-cases.jsonl');
const present = existsSync(SUITE);
if (!present) console.log('dockerfile-lint: ../shared/testdata/supply-chain/dockerfile-lint is absent; suite skipped');

describe.runIf(present)('hadolint rule cases', () => {
  const cases = present ? readFileSync(SUITE, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Case) : [];
  const outcomes = cases.flatMap((c) => {
    const check = HADOLINT[c.rule];
    if (check === undefined) return [];
    // hadolint appends one newline before parsing.
    const { findings } = lintDockerfileText(`${c.dockerfile}\n`, { rules: [check.rule], ruleOptions: hadolintOptions(c.config) });
    // A finding the file's own pragmas suppress is one hadolint does not report.
    const hits = findings.filter((f) => !f.suppressed && f.ruleId === check.rule && (check.message === undefined || check.message.test(f.message))).length;
    const agree = c.expect === 'at_least' ? hits >= c.count : hits === c.count;
    return [{ id: c.id, rule: c.rule, agree, reason: hadolintDifference(c.id), detail: `want ${c.expect} ${c.count}, got ${hits}: ${JSON.stringify(c.dockerfile)}` }];
  });

  it('maps only registered rules and explains every hadolint rule it leaves out', () => {
    const ids = new Set(RULES.map((r) => r.id));
    expect(Object.values(HADOLINT).map((c) => c.rule).filter((id) => !ids.has(id))).toEqual([]);
    const unmapped = [...new Set(cases.map((c) => c.rule))].filter((rule) => HADOLINT[rule] === undefined && HADOLINT_UNMAPPED[rule] === undefined);
    expect(unmapped.sort()).toEqual([]);
  });

  it('agrees with hadolint or says why not', () => {
    const agreed = outcomes.filter((o) => o.agree).length;
    console.log(`dockerfile-lint: ${outcomes.length} of ${cases.length} cases covered, ${agreed} agree (${((agreed / Math.max(outcomes.length, 1)) * 100).toFixed(1)}%)`);
    const unexplained = outcomes.filter((o) => !o.agree && o.reason === undefined).map((o) => `${o.id} ${o.rule}: ${o.detail}`);
    expect(unexplained).toEqual([]);
  });
});
