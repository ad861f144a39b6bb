/**
 * A live cluster (or a `kubectl get -o yaml` dump) holds a Deployment, its ReplicaSets and their
 * Pods: the same template three times. Only the controller is judged; a workload whose controller
 * is absent, or is another object of the same name (a different uid), is judged itself.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { scan } from '../../src/sdk/index.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-controlled-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx@sha256:' + 'a'.repeat(64), securityContext: { privileged: true } }] } };
const owner = (kind: string, name: string, uid: string, controller = true) => ({ apiVersion: 'apps/v1', kind, name, uid, controller });

function item(kind: string, name: string, uid: string, owners: object[], apiVersion = 'apps/v1'): object {
  const metadata = { name, namespace: 'shop', uid, ownerReferences: owners };
  if (kind === 'Pod') return { apiVersion: 'v1', kind, metadata: { ...metadata, labels: template.metadata.labels }, spec: template.spec };
  return { apiVersion, kind, metadata, spec: { selector: { matchLabels: { app: 'web' } }, template } };
}

async function privilegedSubjects(items: object[]): Promise<string[]> {
  const file = join(dir, `dump-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  const report = await scan({ paths: [file], rules: ['privileged-container'], failOn: 'none' });
  return report.findings.map((f) => `${f.resource.kind}/${f.resource.name}`).sort();
}

it('judges a Deployment once, not again in its ReplicaSets and Pods', async () => {
  const subjects = await privilegedSubjects([
    item('Deployment', 'web', 'd1', []),
    item('ReplicaSet', 'web-7f9', 'r1', [owner('Deployment', 'web', 'd1')]),
    item('ReplicaSet', 'web-5c2', 'r0', [owner('Deployment', 'web', 'd1')]),
    item('Pod', 'web-7f9-abcde', 'p1', [owner('ReplicaSet', 'web-7f9', 'r1')]),
  ]);
  expect(subjects).toEqual(['Deployment/web']);
});

it('judges a Pod whose controller is not in the input, or names a namesake of another uid', async () => {
  const subjects = await privilegedSubjects([
    item('Deployment', 'web', 'd2', []),
    item('ReplicaSet', 'web-1', 'r1', [owner('Deployment', 'web', 'd1')]),
    item('Pod', 'orphan-abcde', 'p1', [owner('ReplicaSet', 'gone', 'r9')]),
    item('Pod', 'adopted-xyz', 'p2', [owner('ReplicaSet', 'web-1', 'r1', false)]),
  ]);
  expect(subjects).toEqual(['Deployment/web', 'Pod/adopted-xyz', 'Pod/orphan-abcde', 'ReplicaSet/web-1']);
});
