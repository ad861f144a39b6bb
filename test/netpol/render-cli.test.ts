/** `palisade netpol list --output palisade-json | html` on the built CLI: exit codes, valid JSON, a self-contained page. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, palisade, ROOT } from '../support/cli.js';
import type { NetpolJson } from '../../src/graph/netpol/palisade-json.js';

const built = existsSync(path.join(ROOT, 'dist/cli/main.js'));
if (!built) console.log('netpol render CLI tests skipped: build first (npx tsc -p tsconfig.build.json)');

const MANIFESTS = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: web, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: api, image: nginx, ports: [{containerPort: 8080}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 8080}]}]
`;

describe.skipIf(!built)('palisade netpol list, Palisade outputs (built CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'palisade-netpol-render-'));
    writeFileSync(path.join(dir, 'shop.yaml'), MANIFESTS);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the explained JSON', () => {
    const run = palisade(['netpol', 'list', dir, '--output', 'palisade-json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as NetpolJson;
    expect(json.schemaVersion).toBe('1.0');
    const allowed = json.connections.find((c) => c.src === 'shop/web[Pod]' && c.dst === 'shop/api[Pod]');
    expect(allowed?.ingress.allowedBy).toEqual([{ tier: 'NetworkPolicy', policy: 'shop/api-in', rule: 1, ports: 'TCP 8080' }]);
  });

  it('writes the HTML picture to a file, and refuses an invalid policy with a located problem', () => {
    const file = path.join(dir, 'graph.html');
    const run = palisade(['netpol', 'list', dir, '--output', 'html', '-f', file]);
    expect(run.status).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script');
    writeFileSync(path.join(dir, 'bad.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{from: [{ipBlock: {cidr: nope}}]}]\n');
    const bad = palisade(['netpol', 'list', dir, '--output', 'html']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/netpol-invalid .*bad\.yaml:\d+:\d+/);
    expect(hasStackTrace(bad.stderr)).toBe(false);
  });
});
