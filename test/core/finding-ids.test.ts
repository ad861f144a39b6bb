/**
 * Finding ids are SARIF's fingerprints: the same finding must keep its id however the file was
 * named, or code scanning closes the alert, opens another and loses its dismissal.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { scan } from '../../src/sdk/index.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-finding-ids-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('is the same whether the file is named relatively, with ./, absolutely or through ..', async () => {
  mkdirSync(join(dir, 'k8s'));
  writeFileSync(join(dir, 'k8s', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext: {privileged: true}\n');
  const named = relative(process.cwd(), join(dir, 'k8s'));
  const ids = async (input: string): Promise<string[]> => (await scan({ paths: [input], rules: ['privileged-container'], failOn: 'none' })).findings.map((f) => f.id);
  const plain = await ids(named);
  expect(plain).toHaveLength(1);
  expect(await ids(`./${named}`)).toEqual(plain);
  expect(await ids(join(dir, 'k8s'))).toEqual(plain);
  expect(await ids(join(dir, 'k8s', 'pod.yaml'))).toEqual(plain);
  expect(await ids(`${dir}/k8s/../k8s/pod.yaml`)).toEqual(plain);
});
