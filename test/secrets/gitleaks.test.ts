/**
 * Secret rules measured against gitleaks' published per-rule cases (../shared/testdata): for each
 * gitleaks rule a Palisade rule claims (`gitleaks: [...]`), its `match` texts must be flagged and
 * its `no_match` texts left alone by the claiming rules, except for disagreements explained in
 * ./explained/. It also prints how many of gitleaks' rules have an equivalent, and how many of
 * all `match` texts the whole catalog flags (would Palisade find this secret at all?).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECRET_RULES } from '../../src/lib/secrets/catalog.js';
import { scanText } from '../../src/lib/secrets/scan.js';
import { EXPLAINED as GENERIC } from './explained/generic.js';
import { EXPLAINED as SERVICES_A } from './explained/services-a.js';
import { EXPLAINED as SERVICES_B } from './explained/services-b.js';

const CASES = join(import.meta.dirname, '../../../shared/testdata/supply-chain/secrets/gitleaks/rule-cases.jsonl');
const EXPLAINED: Readonly<Record<string, string>> = { ...SERVICES_A, ...SERVICES_B, ...GENERIC };

interface Case {
  readonly id: string;
  readonly rule_id: string;
  readonly text: string;
  readonly expected: 'match' | 'no_match';
}

describe.skipIf(!existsSync(CASES))('secret rules vs gitleaks cases', () => {
  const cases = existsSync(CASES) ? readFileSync(CASES, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Case) : [];
  const claims = (gitleaksId: string) => SECRET_RULES.filter((r) => r.gitleaks?.includes(gitleaksId) === true);

  it('agree on every covered case, or the difference is explained', () => {
    let tp = 0, fn = 0, tn = 0, fp = 0;
    const unexplained: string[] = [];
    const disagreeing = new Set<string>();
    const covered = new Set<string>();
    for (const c of cases) {
      const rules = claims(c.rule_id);
      if (rules.length === 0) continue;
      covered.add(c.rule_id);
      const hit = scanText(c.text, rules).length > 0;
      const agree = hit === (c.expected === 'match');
      if (c.expected === 'match') {
        if (hit) tp += 1;
        else fn += 1;
      } else if (hit) fp += 1;
      else tn += 1;
      if (agree) continue;
      disagreeing.add(c.id);
      if (EXPLAINED[c.id] === undefined) unexplained.push(`${c.id} (${c.rule_id}, expected ${c.expected}): ${c.text.slice(0, 100)}`);
    }
    const withCases = new Set(cases.map((c) => c.rule_id));
    const allMatches = cases.filter((c) => c.expected === 'match');
    const foundByCatalog = allMatches.filter((c) => scanText(c.text).length > 0).length;
    console.log(`secret rules vs gitleaks: ${covered.size}/${withCases.size} gitleaks rules with cases covered; recall ${tp}/${tp + fn}, correct rejections ${tn}/${tn + fp}; the whole catalog flags ${foundByCatalog}/${allMatches.length} match texts`);
    expect(unexplained).toEqual([]);
    // An explanation for a case that now agrees is stale.
    expect(Object.keys(EXPLAINED).filter((id) => !disagreeing.has(id))).toEqual([]);
  });

  it('redacts every value', () => {
    const [match] = scanText('AWS_ACCESS_KEY_ID=AKIALALEMEL33243OLIB');
    expect(match?.rule.id).toBe('aws-access-key-id');
    expect(match?.redacted).toBe('AKIA… (20 characters)');
    expect(scanText('token = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"')).toEqual([]);
  });

  it('gives every rule a unique id and lower-case keywords that its pattern needs', () => {
    const ids = SECRET_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of SECRET_RULES) {
      expect(rule.keywords.length, rule.id).toBeGreaterThan(0);
      expect(rule.keywords.every((k) => k === k.toLowerCase()), rule.id).toBe(true);
      expect(rule.pattern.global, rule.id).toBe(true);
    }
  });
});
