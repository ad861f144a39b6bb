/**
 * A NetworkPolicy the API server would refuse is left out of a scan's network analysis, and
 * reported: it never silences every network rule and the attack graph (a quoted port in one
 * policy of a Helm chart used to cost all of them).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { scan } from '../../src/sdk/index.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-refused-netpol-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples', 'manifests');

it('analyses the other policies and reports the refused one at its place', async () => {
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{port: "8080"}]}]\n');
  const network = (findings: readonly { ruleId: string }[]): string[] => findings.map((f) => f.ruleId).filter((id) => id.startsWith('workload-') || id.startsWith('egress-')).sort();
  const clean = await scan({ paths: [EXAMPLES], failOn: 'none' });
  const withBad = await scan({ paths: [EXAMPLES, bad], failOn: 'none' });
  expect(network(clean.findings).length).toBeGreaterThan(0);
  expect(network(withBad.findings)).toEqual(network(clean.findings));
  expect(withBad.attackPaths?.paths.length).toBe(clean.attackPaths?.paths.length);
  expect(withBad.errors.map((e) => [e.code, e.file, e.line])).toEqual([['netpol-invalid', bad, 6]]);
  expect(withBad.errors[0]?.message).toContain('left out of the network analysis');
});
