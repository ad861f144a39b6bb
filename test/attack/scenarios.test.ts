/**
 * Scenario folders: the manifests of a small cluster (+ options.json: from, to, inputs; +
 * vulnerabilities.json), with the golden paths and cut in expected.json. `UPDATE_GOLDEN=1 npx
 * vitest run test/attack` rewrites the goldens; review the diff. Every scenario is also re-run with
 * the cut's fixes applied to copies of its YAML: no cuttable path may remain.
 */
import { mkdtempSync, readdirSync, readFileSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { AttackPathsResult, ImageVulnerabilities } from '../../src/model/attack.js';
import { loadInputs } from '../../src/loaders/index.js';
import { analyzeAttackPaths, applyFixes } from '../../src/graph/attack/index.js';

const ROOT = resolve(import.meta.dirname, 'scenarios');

interface ScenarioOptions {
  readonly from?: string[];
  readonly to?: string[];
  readonly inputs?: string[];
}

function readJson<T>(path: string, fallback: T): T {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : fallback;
}

/** What the golden file pins: each path's steps and the chosen cut. */
function summary(result: AttackPathsResult): unknown {
  return {
    paths: result.paths.map((p) => ({ entry: p.entry, jewel: p.jewel, likelihood: p.likelihood, steps: p.steps.map((s) => `${s.from} -${s.kind}-> ${s.to}`) })),
    cut: { fixIds: result.cut.fixIds, cost: result.cut.cost, method: result.cut.method, optimal: result.cut.optimal, uncuttable: result.cut.uncuttable.length },
    patches: result.fixes.filter((f) => result.cut.fixIds.includes(f.id)).map((f) => ({ id: f.id, patchType: f.patchType ?? null, patch: f.patch ?? null, cuts: f.cuts.length })),
  };
}

async function run(dir: string, options: ScenarioOptions, vulnerabilities: readonly ImageVulnerabilities[], paths?: string[]): Promise<{ result: AttackPathsResult; resources: Awaited<ReturnType<typeof loadInputs>>['resources'] }> {
  // The folder's YAML only: options.json, vulnerabilities.json and expected.json are not manifests.
  const yamlFiles = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f));
  const loaded = await loadInputs({ paths: paths ?? (options.inputs === undefined ? yamlFiles : options.inputs.map((p) => resolve(dir, p))) });
  expect(loaded.problems.filter((p) => p.level !== 'note')).toEqual([]);
  const result = analyzeAttackPaths({ resources: loaded.resources, vulnerabilities }, { ...(options.from === undefined ? {} : { from: options.from }), ...(options.to === undefined ? {} : { to: options.to }) });
  return { result, resources: loaded.resources };
}

const scenarios = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('attack path scenarios', () => {
  it('has the scenarios the issue asks for', () => {
    expect(scenarios).toEqual(expect.arrayContaining(['bundled-examples', 'internet-vulnerable-image', 'lateral-move', 'privileged-node-tenants', 'rbac-only-chain', 'sa-reads-secrets', 'segmented-no-path']));
  });

  for (const name of scenarios) {
    const dir = join(ROOT, name);
    const options = readJson<ScenarioOptions>(join(dir, 'options.json'), {});
    const vulnerabilities = readJson<ImageVulnerabilities[]>(join(dir, 'vulnerabilities.json'), []);

    it(`${name}: paths and cut match expected.json`, async () => {
      const { result } = await run(dir, options, vulnerabilities);
      const golden = join(dir, 'expected.json');
      const actual = summary(result);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, `${JSON.stringify(actual, null, 2)}\n`);
      expect(existsSync(golden), `missing ${golden}: run UPDATE_GOLDEN=1 npx vitest run test/attack`).toBe(true);
      expect(actual).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
    });

    it(`${name}: with the cut applied to copies of the YAML, no path remains`, async () => {
      const { result, resources } = await run(dir, options, vulnerabilities);
      const chosen = result.fixes.filter((f) => result.cut.fixIds.includes(f.id));
      expect(chosen.length).toBe(result.cut.fixIds.length);
      const fixed = applyFixes(resources, vulnerabilities, chosen);
      const out = mkdtempSync(join(tmpdir(), 'palisade-attack-'));
      try {
        writeFileSync(join(out, 'fixed.yaml'), fixed.resources.map((r) => stringify(r.object)).join('---\n'));
        const rerun = await run(out, options, fixed.vulnerabilities, [out]);
        const remaining = rerun.result.paths.filter((p) => !rerun.result.cut.uncuttable.includes(p.id));
        expect(remaining.map((p) => p.steps.map((s) => `${s.from} -${s.kind}-> ${s.to}`))).toEqual([]);
        expect(rerun.result.cut.uncuttable.length).toBe(result.cut.uncuttable.length);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  }
});
