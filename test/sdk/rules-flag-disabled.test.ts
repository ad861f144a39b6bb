/**
 * `--rules X` where the configuration disables X ran nothing, printed nothing and passed: a CI job
 * that asks for one rule must hear that it did not run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { scan } from '../../src/sdk/index.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-rules-disabled-'));
  writeFileSync(join(dir, '.palisade.yaml'), 'disabledRules: [privileged-container]\n');
  writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec: {containers: [{name: c, image: nginx:1.27, securityContext: {privileged: true}}]}\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('warns when --rules names a rule the configuration disables', async () => {
  const report = await scan({ paths: [dir], cwd: dir, rules: ['privileged-container'] });
  expect(report.findings).toEqual([]);
  expect(report.errors.map((p) => [p.code, p.message])).toContainEqual(['rule-disabled', '--rules names privileged-container, which the configuration disables: it did not run']);
});
