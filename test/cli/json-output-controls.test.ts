/**
 * JSON outputs with a hostile name: JSON.stringify leaves DEL and C1 control characters raw, and
 * the terminal escaping that other formats get turned them into `\x9b`, which no JSON parser
 * accepts. JSON formats write `\u009b`, which parses back to the very name.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { palisade } from '../support/cli.js';

const NAME = 'web\u009b31mz';
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-json-controls-'));
  writeFileSync(
    join(dir, 'app.yaml'),
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: "web\\u009b31mz", namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.27, ports: [{containerPort: 80}]}]}
`,
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it.each([
  ['netpol list --output json', ['netpol', 'list', '--output', 'json']],
  ['netpol list --output palisade-json', ['netpol', 'list', '--output', 'palisade-json']],
])('%s stays valid JSON and keeps the name', (_name, args) => {
  const run = palisade([...args, dir]);
  expect(run.status).toBe(0);
  expect(run.stdout).not.toContain('\\x9b');
  expect(JSON.stringify(JSON.parse(run.stdout))).toContain(JSON.stringify(NAME).slice(1, -1));
});
