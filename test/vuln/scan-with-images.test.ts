/**
 * `scan()` with image targets next to manifests: one Report holding both, exceptions applied over
 * both, and an unreadable image reported as a located error while the rest still counts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/sdk/index.js';
import { isImageTarget } from '../../src/sdk/image-scan-targets.js';
import { reportValidator } from '../writers/report-schema.js';
import { writeStore, writeVulnerableImage } from './support/image.js';

let dir: string;
let image: string;
let db: string;
let manifest: string;
const NOW = new Date('2026-11-28T12:00:00Z');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-scan-images-'));
  image = await writeVulnerableImage(join(dir, 'layout'));
  db = await writeStore(dir);
  manifest = join(dir, 'pod.yaml');
  writeFileSync(manifest, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: registry.example/app:1\n      securityContext:\n        privileged: true\n');
});

describe('scan with image targets', () => {
  it('tells images from manifests', () => {
    expect(isImageTarget(image, dir)).toBe(true);
    expect(isImageTarget(join(dir, 'layout'), dir)).toBe(true); // an OCI layout directory
    expect(isImageTarget('docker://registry.example/app:1', dir)).toBe(true);
    expect(isImageTarget(manifest, dir)).toBe(false);
    expect(isImageTarget('nginx:1.25', dir)).toBe(false); // a bare name stays a (missing) path
    expect(isImageTarget('-', dir)).toBe(false);
  });

  it('takes an SBOM file for the image it describes, and a JSON manifest for a manifest', async () => {
    const bom = join(dir, 'app.cdx.json');
    writeFileSync(bom, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [{ type: 'library', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20' }] }));
    const configMap = join(dir, 'cm.json');
    writeFileSync(configMap, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { bomFormat: 'CycloneDX' } }));
    expect(isImageTarget(bom, dir)).toBe(true);
    expect(isImageTarget(configMap, dir)).toBe(false);
    const report = await scan({ paths: [bom, configMap], cwd: dir, now: NOW, images: { db } });
    expect(report.errors).toEqual([]);
    expect(report.findings.filter((f) => f.resource.kind === 'Image').map((f) => f.ruleId)).toContain('CVE-2021-23337');
    expect(report.summary.resources).toBe(2); // the ConfigMap and the SBOM's image
  });

  it('reports image findings and manifest findings in one report', async () => {
    const report = await scan({ paths: [image, manifest], cwd: dir, now: NOW, images: { db } });
    expect(reportValidator()(JSON.parse(JSON.stringify(report)))).toEqual([]);
    expect(report.inputs).toEqual([manifest, image]);
    expect(report.summary.resources).toBe(2); // the Pod and the image
    const kinds = new Set(report.findings.map((f) => f.resource.kind));
    expect(kinds).toEqual(new Set(['Pod', 'Image']));
    expect(report.findings.some((f) => f.ruleId === 'privileged-container')).toBe(true);
    expect(report.findings.some((f) => f.ruleId === 'CVE-2021-23337' && f.resource.name === 'registry.example/app:1')).toBe(true);
    expect(report.images?.map((i) => i.reference)).toEqual(['registry.example/app:1']);
  });

  it('scans an image alone (no "nothing to scan"), and applies exceptions to image findings', async () => {
    const config = join(dir, 'exceptions.yaml');
    writeFileSync(config, 'exceptions:\n  - rule: "*"\n    kind: Image\n    package: lodash\n    reason: lodash is vendored and patched\n');
    const report = await scan({ paths: [image], cwd: dir, now: NOW, configFile: config, images: { db, secrets: false } });
    expect(report.errors.filter((e) => e.code === 'no-input')).toEqual([]);
    expect(report.findings.filter((f) => f.suppressed).map((f) => f.ruleId)).toEqual(['CVE-2021-23337']);
    expect(report.summary.resources).toBe(1);
  });

  it('reports an unreadable image as a located error and still scans the manifests', async () => {
    const broken = join(dir, 'broken.tar');
    writeFileSync(broken, Buffer.alloc(1024)); // named an image by its transport, but not a tar at all
    const report = await scan({ paths: [`oci-archive:${broken}`, manifest], cwd: dir, now: NOW, images: { db } });
    expect(report.errors.some((e) => e.level === 'error' && e.file !== undefined && e.code.startsWith('image-'))).toBe(true);
    expect(report.findings.some((f) => f.ruleId === 'privileged-container')).toBe(true);
  });
});
