/**
 * Secret rules measured against gitleaks' published per-rule cases (../shared/testdata): for each
 * of our rules that has a gitleaks equivalent, how many `match` texts we flag (recall) and how many
 * `no_match` texts we leave alone. The floors pin today's agreement; the figures are printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECRET_RULES } from '../../src/analyzers/secrets/rules.js';
import { scanText } from '../../src/analyzers/secrets/scan.js';

const CASES = join(import.meta.dirname, '../../../shared/testdata/supply-chain/secrets/gitleaks/rule-cases.jsonl');

describe('secret rules vs gitleaks cases', () => {
  it('agree on the rules both have', () => {
    if (!existsSync(CASES)) {
      console.warn('skipping: ../shared/testdata/supply-chain/secrets is absent');
      return;
    }
    const cases = readFileSync(CASES, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { rule_id: string; text: string; expected: 'match' | 'no_match' });
    let tp = 0, fn = 0, tn = 0, fp = 0;
    const missed: string[] = [];
    const flagged: string[] = [];
    for (const rule of SECRET_RULES.filter((r) => r.gitleaks !== undefined)) {
      for (const c of cases.filter((x) => x.rule_id === rule.gitleaks)) {
        const hit = scanText(c.text, [rule]).length > 0;
        if (c.expected === 'match') {
          if (hit) tp += 1;
          else { fn += 1; missed.push(`${rule.id}: ${c.text.slice(0, 80)}`); }
        } else if (hit) { fp += 1; flagged.push(`${rule.id}: ${c.text}`); }
        else tn += 1;
      }
    }
    console.log(`secret rules vs gitleaks: recall ${tp}/${tp + fn}, correct rejections ${tn}/${tn + fp}`);
    // Documented disagreements. Misses: gitleaks' age fixture is a run of 'Q's, which our rules
    // treat as a placeholder on purpose (the same policy makes "ghp_xxxx…" a no_match, as gitleaks
    // also expects). False positives: well-formed Google API keys that gitleaks allowlists by value.
    expect(missed.filter((m) => !/(.)\1{7,}/.test(m))).toEqual([]);
    expect(flagged.every((f) => f.startsWith('google-api-key: AIza'))).toBe(true);
    expect(tp).toBeGreaterThanOrEqual(109);
  });

  it('redacts every value', () => {
    const [match] = scanText('AWS_ACCESS_KEY_ID=AKIALALEMEL33243OLIB');
    expect(match?.rule.id).toBe('aws-access-key-id');
    expect(match?.redacted).toBe('AKIA… (20 characters)');
    expect(scanText('token = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"')).toEqual([]);
  });
});
