/**
 * `scan --images`: the images the workloads run are pulled from a real registry (Debian's
 * docker-registry, plain HTTP) and scanned into the same report, each named by the reference the
 * workload uses. Skipped with a notice when docker-registry or skopeo is not installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/sdk/index.js';
import { workloadImageTargets } from '../../src/sdk/image-scan-targets.js';
import type { Resource } from '../../src/model/resource.js';
import { push, startRegistry, type Registry } from '../image/support/registry.js';
import { writeStore, writeVulnerableImage } from './support/image.js';

const has = (tool: string): boolean => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
};
const TOOLS = has('docker-registry') && has('skopeo');
if (!TOOLS) console.warn('docker-registry or skopeo absent (scripts/setup-images.sh installs them): the --images test is skipped');

const pod = (name: string, images: readonly string[]): Resource => ({
  apiVersion: 'v1', kind: 'Pod', name,
  object: { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: images.map((image, i) => ({ name: `c${String(i)}`, image })) } },
  source: { file: 'x.yaml', documentIndex: 0, pointerPrefix: '', position: { line: 1, column: 1 }, positions: { get: () => undefined, nearest: () => undefined } },
});

describe('workload images', () => {
  it('are the distinct, pullable references of every container', () => {
    expect(workloadImageTargets([pod('a', ['nginx:1.25', 'redis:7']), pod('b', ['nginx:1.25', '', '{{ .Values.image }}'])])).toEqual(['docker://nginx:1.25', 'docker://redis:7']);
  });
});

describe.skipIf(!TOOLS)('scan --images against a real registry', () => {
  let registry: Registry;
  let dir: string;
  let db: string;
  let reference: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'palisade-workload-images-'));
    const layout = join(dir, 'layout');
    await writeVulnerableImage(layout);
    db = await writeStore(dir);
    registry = await startRegistry();
    reference = `${registry.host}/shop/app:1`;
    await push(`oci:${layout}`, `docker://${reference}`);
  }, 180_000);

  afterAll(() => {
    registry.stop();
  });

  it('pulls the image a Deployment runs and reports its vulnerabilities under that reference', async () => {
    const manifest = join(dir, 'deploy.yaml');
    writeFileSync(manifest, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: ${reference}\n`);
    const report = await scan({ paths: [manifest], cwd: dir, now: new Date('2026-11-28T12:00:00Z'), scanWorkloadImages: true, images: { db, insecure: true, secrets: false } });
    expect(report.images?.map((i) => i.reference)).toEqual([reference]);
    const lodash = report.findings.find((f) => f.ruleId === 'CVE-2021-23337');
    expect(lodash?.resource).toEqual({ apiVersion: 'palisade.dev/v1', kind: 'Image', name: reference });
    expect(report.findings.some((f) => f.resource.kind === 'Deployment')).toBe(true);
    // Without the flag, nothing is pulled.
    const plain = await scan({ paths: [manifest], cwd: dir, images: { db, insecure: true } });
    expect(plain.images).toBeUndefined();
  }, 120_000);
});
