/**
 * `npm run conformance` inside `npm test`: every catalog suite of ../shared/testdata/k8s through
 * the built CLI's rules, with the committed mappings in src/frameworks/conformance. Agreement is
 * printed by the script; here every disagreement must carry a stated reason, and the Pod Security
 * Standards and kube-linter suites must agree completely.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

interface SuiteResult {
  readonly suite: string;
  readonly covered: number;
  readonly agreed: number;
  readonly disagreements: readonly { readonly key: string; readonly reason?: string }[];
}

const TESTDATA = path.resolve(ROOT, '../shared/testdata/k8s');
const present = existsSync(TESTDATA);
if (!present) console.log('conformance: ../shared/testdata is absent; suites skipped');

describe.runIf(present)('conformance of the catalog with the external suites', () => {
  // Run in beforeAll, not in the describe body: a skipped describe's body still runs to collect its tests.
  let results: SuiteResult[] = [];
  beforeAll(() => {
    results = JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'scripts/conformance.mjs'), '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 })) as SuiteResult[];
  });

  it('runs every suite that maps to the catalog', () => {
    expect(results.map((r) => r.suite).sort()).toEqual(['checkov-kubernetes', 'dockerfile-lint', 'kalm-benchmark', 'kube-linter', 'kubescape-regolibrary', 'kubesec', 'netpol-analyzer', 'pod-security-admission', 'polaris', 'rbac-reference']);
    // dockerfile-lint lives in ../shared/testdata/supply-chain, which may be absent on its own.
    for (const r of results) if (r.suite !== 'dockerfile-lint' || existsSync(path.resolve(ROOT, '../shared/testdata/supply-chain/dockerfile-lint'))) expect(r.covered, r.suite).toBeGreaterThan(0);
  });

  it('agrees completely on the Pod Security Standards and kube-linter', () => {
    for (const suite of ['pod-security-admission', 'kube-linter']) {
      const r = results.find((x) => x.suite === suite);
      expect(r?.agreed, suite).toBe(r?.covered);
    }
  });

  it('explains every remaining disagreement', () => {
    const unexplained = results.flatMap((r) => r.disagreements.filter((d) => d.reason === undefined).map((d) => `${r.suite}: ${d.key}`));
    expect(unexplained).toEqual([]);
  });
});
