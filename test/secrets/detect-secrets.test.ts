/**
 * Secret rules measured against detect-secrets' published plugin cases (../shared/testdata): each
 * plugin maps to the Palisade rules that find the same credentials (./detect-secrets-map.ts, or a
 * rule's own `detectSecrets` claim). Every case of a mapped plugin must agree (flagged or not by
 * those rules; for KeywordDetector cases, scanned as the named file, the extracted value too,
 * compared through its redacted form so no value is printed), except disagreements explained in
 * ./explained/detect-secrets.ts, or reported there to the owners of other families' rules. Stale
 * entries fail.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/lib/redact.js';
import { SECRET_RULES } from '../../src/lib/secrets/catalog.js';
import { IBM_RULES } from '../../src/lib/secrets/families/ibm.js';
import type { SecretRule } from '../../src/lib/secrets/rule.js';
import { scanText } from '../../src/lib/secrets/scan.js';
import { DETECT_SECRETS_MAP, NOT_COVERED } from './detect-secrets-map.js';
import { EXPLAINED, REPORTED } from './explained/detect-secrets.js';

const DIR = join(import.meta.dirname, '../../../shared/testdata/supply-chain/secrets/detect-secrets');
const PLUGIN_CASES = join(DIR, 'plugin-cases.jsonl');
const KEYWORD_CASES = join(DIR, 'keyword-cases.jsonl');

interface Case {
  readonly id: string;
  readonly plugin: string;
  readonly line: string;
  readonly should_flag: boolean;
  /** Keyword cases: the file the line is in (null: no file name) and the value to extract. */
  readonly filename?: string | null;
  readonly expected_secret?: string | null;
}

function read(path: string): Case[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Case);
}

// The IBM family is measured here whether or not the catalog lists it yet.
const RULES: readonly SecretRule[] = [...SECRET_RULES, ...IBM_RULES.filter((r) => !SECRET_RULES.some((s) => s.id === r.id))];

function rulesFor(plugin: string): readonly SecretRule[] {
  const mapped = new Set(DETECT_SECRETS_MAP[plugin] ?? []);
  return RULES.filter((r) => mapped.has(r.id) || r.detectSecrets?.includes(plugin) === true);
}

describe.skipIf(!existsSync(PLUGIN_CASES) || !existsSync(KEYWORD_CASES))('secret rules vs detect-secrets cases', () => {
  const cases = existsSync(PLUGIN_CASES) && existsSync(KEYWORD_CASES) ? [...read(PLUGIN_CASES), ...read(KEYWORD_CASES)] : [];

  it('agree on every covered case, or the difference is explained', () => {
    let tp = 0, fn = 0, tn = 0, fp = 0, valuesRight = 0, valuesChecked = 0;
    const unexplained: string[] = [];
    const disagreeing = new Set<string>();
    const covered = new Set<string>();
    const missing = new Map<string, number>();
    for (const c of cases) {
      const rules = rulesFor(c.plugin);
      if (rules.length === 0) continue;
      covered.add(c.plugin);
      const found = scanText(c.line, rules, undefined, { path: c.filename ?? undefined });
      const hit = found.length > 0;
      let agree = hit === c.should_flag;
      if (c.should_flag) {
        if (hit) tp += 1;
        else fn += 1;
      } else if (hit) fp += 1;
      else tn += 1;
      // The value extracted must be the one detect-secrets names (compared redacted: first characters and length).
      if (agree && hit && typeof c.expected_secret === 'string') {
        valuesChecked += 1;
        const expected = redact(c.expected_secret);
        if (found.some((m) => m.redacted === expected)) valuesRight += 1;
        else agree = false;
      }
      if (agree) continue;
      if (c.should_flag && !hit) missing.set(c.plugin, (missing.get(c.plugin) ?? 0) + 1);
      disagreeing.add(c.id);
      if (EXPLAINED[c.id] === undefined && REPORTED[c.id] === undefined) unexplained.push(`${c.id} (${c.plugin}${c.filename === undefined ? '' : ` ${String(c.filename)}`}, should_flag ${String(c.should_flag)}, found ${found.map((m) => `${m.rule.id} ${m.redacted}`).join(', ') || 'nothing'}): ${c.line.slice(0, 100)}`);
    }
    const plugins = new Set(cases.map((c) => c.plugin));
    const uncovered = [...plugins].filter((p) => !covered.has(p));
    console.log(`secret rules vs detect-secrets: ${covered.size}/${plugins.size} plugins with cases covered; recall ${tp}/${tp + fn}, correct rejections ${tn}/${tn + fp}; extracted values right ${valuesRight}/${valuesChecked}; not covered: ${uncovered.join(', ') || 'none'}`);
    console.log(`detect-secrets disagreements: ${String(Object.keys(EXPLAINED).length)} explained, ${String(Object.keys(REPORTED).length)} reported to the owning families`);
    if (missing.size > 0) console.log(`detect-secrets positives missed, by plugin: ${[...missing].map(([p, n]) => `${p} ${String(n)}`).join(', ')}`);
    expect(unexplained).toEqual([]);
    // An explanation for a case that now agrees is stale.
    expect(Object.keys({ ...EXPLAINED, ...REPORTED }).filter((id) => !disagreeing.has(id))).toEqual([]);
    // A plugin is either covered or deliberately not, with a reason.
    expect(uncovered.filter((p) => NOT_COVERED[p] === undefined)).toEqual([]);
  });

  it('maps plugins only to rules that exist', () => {
    const ids = new Set(RULES.map((r) => r.id));
    const unknown = Object.values(DETECT_SECRETS_MAP).flat().filter((id) => !ids.has(id));
    expect(unknown).toEqual([]);
  });
});
