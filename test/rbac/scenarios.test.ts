/**
 * Scenario folders: input.yaml (a small cluster), queries.yaml (who-can and paths queries) and
 * expected.json, the golden answers in a compact readable form. Run with UPDATE_RBAC_GOLDEN=1 to
 * rewrite the goldens after reviewing a change.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { escalationPaths, whoCan, type RbacPathTarget } from '../../src/sdk/rbac.js';
import { modelOfPaths } from './support.js';

const ROOT = fileURLToPath(new URL('./scenarios/', import.meta.url));
const UPDATE = process.env.UPDATE_RBAC_GOLDEN === '1';

interface Queries {
  whoCan?: { verb: string; resource: string; namespace?: string; name?: string }[];
  paths?: { from?: string; to?: RbacPathTarget[]; includeSystem?: boolean }[];
}

async function answers(dir: string): Promise<unknown> {
  const queries = parse(readFileSync(path.join(dir, 'queries.yaml'), 'utf8')) as Queries;
  const model = await modelOfPaths([path.join(dir, 'input.yaml')]);
  expect(model.problems.filter((p) => p.level !== 'note')).toEqual([]);
  return {
    whoCan: (queries.whoCan ?? []).map((q) => {
      const answer = whoCan(model, q);
      return {
        request: answer.request,
        subjects: answer.subjects.map((s) => ({ subject: s.subject, chains: s.grants.map((g) => `${g.binding} -> ${g.role}${g.ruleOf === undefined ? '' : ` (from ${g.ruleOf})`} -> ${g.rule}`) })),
      };
    }),
    paths: (queries.paths ?? []).map((q) => ({
      query: q,
      paths: escalationPaths(model, q).map((p) => ({ from: p.from, to: p.to, steps: p.steps.map((s) => `${s.kind}: ${s.from} -> ${s.to}`) })),
    })),
  };
}

describe('RBAC scenarios (golden who-can and paths)', () => {
  for (const name of readdirSync(ROOT).sort()) {
    it(name, async () => {
      const dir = path.join(ROOT, name);
      const actual = await answers(dir);
      const golden = path.join(dir, 'expected.json');
      if (UPDATE || !existsSync(golden)) writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
    });
  }
});
