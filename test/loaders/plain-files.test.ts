import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadInputs, problemsOfLoad } from '../../src/loaders/index.js';
import { locate } from '../../src/core/locate.js';
import { parseStream } from '../../src/lib/yaml/index.js';
import { resourcesFromDocuments } from '../../src/loaders/manifests.js';
import type { Resource } from '../../src/model/resource.js';

const fixtures = fileURLToPath(new URL('../fixtures/loaders/', import.meta.url));

describe('loadInputs on plain files and directories', () => {
  it('walks a directory in sorted order, reads YAML and JSON, notes other files', async () => {
    const result = await loadInputs({ paths: ['plain'], cwd: fixtures });
    expect(result.resources.map((r) => `${r.kind}/${r.name}@${r.source.file}:${r.source.position.line}`)).toEqual([
      'Pod/web@plain/a.yaml:2',
      'Service/web@plain/a.yaml:15',
      'ConfigMap/cfg@plain/sub/b.json:1',
    ]);
    expect(result.inputs).toEqual(['plain/a.yaml', 'plain/sub/b.json']);
    expect(result.problems.map((p) => [p.code, p.file])).toEqual([['not-a-manifest', 'plain/README.md']]);
  });

  it("skips Palisade's own configuration files in a walked directory", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-config-walk-'));
    try {
      writeFileSync(path.join(dir, '.palisade.yaml'), 'failOn: high\n');
      writeFileSync(path.join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: app, image: nginx}]}\n');
      const result = await loadInputs({ paths: [dir], cwd: dir });
      expect(result.inputs.map((file) => path.basename(file))).toEqual(['pod.yaml']);
      expect(result.problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the namespace undefined when the manifest omits it', async () => {
    const result = await loadInputs({ paths: ['plain/a.yaml'], cwd: fixtures });
    const [pod, service] = result.resources;
    expect(pod?.namespace).toBeUndefined();
    expect(pod !== undefined && 'namespace' in pod).toBe(false);
    expect(service?.namespace).toBe('shop');
  });

  it('locates nested fields of block and flow style', async () => {
    const result = await loadInputs({ paths: ['plain/a.yaml'], cwd: fixtures });
    const [pod, service] = result.resources;
    if (pod === undefined || service === undefined) throw new Error('fixture lost');
    expect(locate(pod, '/spec/containers/0/securityContext/privileged')).toEqual({
      file: 'plain/a.yaml',
      line: 11,
      column: 9,
      path: '/spec/containers/0/securityContext/privileged',
    });
    expect(locate(pod, '/spec/containers/0')).toMatchObject({ line: 8, column: 7 });
    // A missing field points at its nearest ancestor.
    expect(locate(pod, '/spec/containers/0/securityContext/runAsNonRoot')).toMatchObject({ line: 10, column: 7 });
    expect(locate(service, '/spec/ports/0/targetPort')).toMatchObject({ line: 21, column: 22 });
  });

  it('reports a missing path and an empty path list', async () => {
    const missing = await loadInputs({ paths: ['nope.yaml'], cwd: fixtures });
    expect(missing.problems).toMatchObject([{ code: 'input-not-found', file: 'nope.yaml', level: 'error' }]);
    const none = await loadInputs({ paths: [], cwd: fixtures });
    expect(none.problems).toMatchObject([{ code: 'no-input' }]);
    // Nothing read because every input named failed: the hint points at those errors, not at "give a path".
    expect(problemsOfLoad(missing).at(-1)).toMatchObject({ code: 'no-input', hint: expect.stringMatching(/^Each input named above gave nothing/) as string });
    expect(none.problems[0]?.hint).toMatch(/^Give at least one path/);
  });

  it('resolves relative paths against cwd and names files as the user did', async () => {
    const result = await loadInputs({ paths: [path.join(fixtures, 'plain', 'sub', 'b.json')] });
    expect(result.resources[0]?.source.file).toBe(path.join(fixtures, 'plain', 'sub', 'b.json'));
  });
});

describe('names of walked files', () => {
  it('names files under "." and "dir/" the way path.join would', async () => {
    const dot = await loadInputs({ paths: ['.'], cwd: path.join(fixtures, 'plain') });
    expect(dot.inputs).toEqual(['a.yaml', path.join('sub', 'b.json')]);
    const slash = await loadInputs({ paths: ['plain/'], cwd: fixtures });
    expect(slash.inputs).toEqual(['plain/a.yaml', 'plain/sub/b.json']);
  });
});

describe('Lists and kubectl dumps', () => {
  it('unpacks kubectl get -o yaml and -o json into items with exact positions', async () => {
    const result = await loadInputs({ paths: ['lists/kubectl-get.yaml', 'lists/kubectl-get.json'], cwd: fixtures });
    expect(result.resources.map((r) => `${r.kind}/${r.name}${r.source.pointerPrefix}`)).toEqual([
      'Pod/db-0/items/0',
      'Service/db/items/1',
      'ServiceAccount/builder/items/0',
      'ClusterRoleBinding/builder-admin/items/1',
    ]);
    const [pod, , , binding] = result.resources;
    if (pod === undefined || binding === undefined) throw new Error('items lost');
    expect(pod.source.position).toEqual({ line: 3, column: 3 });
    expect(locate(pod, '/spec/containers/0/securityContext/runAsUser')).toMatchObject({ file: 'lists/kubectl-get.yaml', line: 13, column: 9 });
    expect(locate(binding, '/roleRef/name')).toMatchObject({ file: 'lists/kubectl-get.json', line: 21, column: 17 });
    expect(locate(binding, '/subjects/0/namespace')).toMatchObject({ line: 27, column: 21 });
    // Pointers are the item's own: a missing field falls back to its nearest ancestor in the item.
    expect(locate(pod, '/spec/hostNetwork')).toMatchObject({ line: 8, column: 3, path: '/spec/hostNetwork' });
    expect(locate(pod, '')).toMatchObject({ line: 3, column: 3 });
  });

  it('locates List items through a position map that cannot root itself (rendered output wraps its maps)', () => {
    const [document] = parseStream('kind: List\napiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n  spec:\n    hostPID: true\n').documents;
    if (document === undefined) throw new Error('not parsed');
    const inner = document.positions;
    const wrapped = { ...document, positions: { get: (p: string) => inner.get(p), nearest: (p: string) => inner.nearest(p) } };
    const into = { resources: [] as Resource[], problems: [] };
    resourcesFromDocuments([wrapped], { file: 'rendered.yaml' }, into);
    const [pod] = into.resources;
    if (pod === undefined) throw new Error('item lost');
    expect(locate(pod, '/spec/hostPID')).toMatchObject({ line: 8, column: 5 });
    expect(pod.source.positions.nearest('/spec/missing')).toMatchObject({ pointer: '/spec', position: { line: 7, column: 3 } });
  });

  it('unpacks typed *List kinds (items inherit kind and apiVersion) and reports items that are not objects', async () => {
    const result = await loadInputs({ paths: ['lists/podlist.yaml'], cwd: fixtures });
    expect(result.resources.map((r) => `${r.apiVersion}/${r.kind}/${r.name}`)).toEqual(['v1/Pod/first', 'v1/Pod/no-kind']);
    expect(result.problems.map((p) => `${p.code}:${p.line}:${p.column}`)).toEqual(['not-an-object:9:5']);
  });

  it('reports List items that lack what an object needs', async () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - kind: Pod\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: b}\n';
    const result = await loadInputs({ paths: ['-'], stdin: Readable.from([text]) });
    expect(result.resources.map((r) => r.name)).toEqual(['b']);
    expect(result.problems).toMatchObject([{ code: 'missing-field', file: '-', line: 4, column: 5, level: 'warning' }]);
    expect(result.problems[0]?.message).toContain('apiVersion');
  });
});

describe('JSON that tools write beside manifests', () => {
  it('names reports, SARIF logs and SBOMs instead of reading them as objects (a report saved into the scanned tree)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-outputs-'));
    const files: Record<string, string> = {
      'report.json': '{\n  "schemaVersion": "1.2.0",\n  "tool": {\n    "name": "palisade",\n    "version": "0.1.0"\n  },\n  "findings": []\n}\n',
      'report.sarif.json': '{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n  "runs": []\n}\n',
      'bom.cdx.json': '{\n  "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6"\n}\n',
      'bom.spdx.json': '{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT"}',
      'cm.json': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"}, "data": {"schemaVersion": "1"}}',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const result = await loadInputs({ paths: [dir] });
    expect(result.resources.map((r) => r.name)).toEqual(['settings']);
    expect(result.problems.map((p) => [p.code, path.basename(p.file ?? ''), p.message])).toEqual([
      ['not-a-manifest', 'bom.cdx.json', 'an SBOM (CycloneDX or SPDX), not Kubernetes objects; skipped'],
      ['not-a-manifest', 'bom.spdx.json', 'an SBOM (CycloneDX or SPDX), not Kubernetes objects; skipped'],
      ['not-a-manifest', 'report.json', 'a Palisade report (-f json), not Kubernetes objects; skipped'],
      ['not-a-manifest', 'report.sarif.json', 'a SARIF log, not Kubernetes objects; skipped'],
    ]);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('a live cluster alongside files', () => {
  it('merges what the cluster loader reports (here: an unusable kubeconfig) without losing files', async () => {
    const result = await loadInputs({ paths: ['plain/sub/b.json'], cwd: fixtures, cluster: { kubeconfig: 'no-such-kubeconfig.yaml' } });
    expect(result.resources.map((r) => r.name)).toEqual(['cfg']);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'kubeconfig-invalid', level: 'error' });
  });
});

describe('component configuration files', () => {
  it('takes kubeadm configurations (no metadata, read by kubeadm from disk) under the file name, without a warning', async () => {
    const text = 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.33.0\n---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\n';
    const loaded = await loadInputs({ paths: ['-'], stdin: Readable.from([text]), cwd: '/' });
    expect(loaded.problems).toEqual([]);
    expect(loaded.resources.map((r) => [r.kind, r.name])).toEqual([['ClusterConfiguration', 'ClusterConfiguration'], ['InitConfiguration', 'InitConfiguration']]);
  });
});
