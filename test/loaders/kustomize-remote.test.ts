/**
 * A kustomization that references anything remote is not rendered: kustomize would clone or
 * download it, and a scanned repository is not trusted to make the scanner send requests. The
 * rendering tools are replaced by stand-ins that record being run, so "nothing was fetched" is
 * checked as "kustomize never ran". An overlay cannot make the scan read files outside its
 * kustomizations either (origin annotations it sets itself).
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { hasKustomize, writeUnder } from '../support/render-tools.js';

let dir: string;
let marker: string;
let savedPath: string | undefined;

function write(relative: string, content: string): void {
  writeUnder(dir, relative, content);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-kustomize-remote-'));
  marker = path.join(dir, 'tool-ran');
  for (const tool of ['kubectl', 'kustomize']) {
    write(`bin/${tool}`, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
    chmodSync(path.join(dir, 'bin', tool), 0o755);
  }
  write('url/kustomization.yaml', 'resources:\n- https://raw.githubusercontent.com/org/repo/main/pod.yaml\n');
  write('git/base/kustomization.yaml', 'resources:\n- github.com/org/repo//deploy/base?ref=v1.2.0\n');
  write('git/overlay/kustomization.yaml', 'resources:\n- ../base\nnamePrefix: prod-\n');
  write('generator/kustomization.yaml', 'configMapGenerator:\n- name: settings\n  files:\n  - app.properties=https://example.com/app.properties\n');
  write('patch/kustomization.yaml', 'resources:\n- cm.yaml\npatches:\n- path: http://192.168.0.1/patch.yaml\n');
  write('patch/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n');
  write('ssh/kustomization.yaml', 'components:\n- git@github.com:org/repo.git//components/x\n');
  // A merge key brings `resources` in from a map kustomize accepts anything in (valuesInline).
  write('merged/kustomization.yaml', 'helmCharts:\n- name: x\n  valuesInline: &values\n    resources:\n    - https://example.com/merged.yaml\n<<: *values\n');
  // kustomize decodes fields with Go's encoding/json, which ignores case (and folds ſ to s).
  write('cased/kustomization.yaml', 'Resources:\n- cm.yaml\nreſources:\n- https://example.com/cased.yaml\n');
  // Builtin plugin configurations name files of their own, which kustomize fetches when they are URLs.
  const patchTransformer = (target: string): string => `apiVersion: builtin\nkind: PatchTransformer\nmetadata:\n  name: p\npath: ${target}\ntarget:\n  kind: ConfigMap\n`;
  write('plugin-inline/kustomization.yaml', `transformers:\n- |-\n${patchTransformer('https://example.com/inline.yaml').replace(/^/gm, '  ')}\n`);
  write('plugin-file/kustomization.yaml', 'transformers:\n- patch.yaml\n');
  write('plugin-file/patch.yaml', patchTransformer('https://example.com/file.yaml'));
  write('plugin-dir/overlay/kustomization.yaml', 'transformers:\n- ../configs\n');
  write('plugin-dir/configs/kustomization.yaml', 'resources:\n- patch.yaml\n');
  write('plugin-dir/configs/patch.yaml', patchTransformer('https://example.com/dir.yaml'));
  // kustomize reads a duplicated key with its last value, and fetches it.
  write('duplicated/kustomization.yaml', 'resources:\n- cm.yaml\nresources:\n- https://example.com/second.yaml\n');
  write('padded/kustomization.yaml', `${'#'.repeat(1100 * 1024)}\nresources:\n- https://example.com/padded.yaml\n`);
  // A chain longer than the walk follows, with a remote entry at its end.
  for (let i = 0; i <= 1000; i++) write(`chain/k${String(i)}/kustomization.yaml`, i === 1000 ? 'resources:\n- https://example.com/far.yaml\n' : `resources:\n- ../k${String(i + 1)}\n`);
  write('broken/kustomization.yaml', 'resources:\n- cm.yaml\n  - https://example.com/broken.yaml: [\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
describe('remote references in kustomizations', () => {
  beforeEach(() => {
    savedPath = process.env['PATH'];
    process.env['PATH'] = `${path.join(dir, 'bin')}${path.delimiter}${savedPath ?? ''}`;
    rmSync(marker, { force: true });
  });
  afterEach(() => {
    process.env['PATH'] = savedPath;
  });

  it.each([
    ['url', 'the kustomization lists the remote resources entry "https://raw.githubusercontent.com/org/repo/main/pod.yaml"'],
    ['git/overlay', `the kustomization in ${path.join('git', 'base')} lists the remote resources entry "github.com/org/repo//deploy/base?ref=v1.2.0"`],
    ['generator', 'lists the remote configMapGenerator entry "https://example.com/app.properties"'],
    ['patch', 'lists the remote patches entry "http://192.168.0.1/patch.yaml"'],
    ['ssh', 'lists the remote components entry "git@github.com:org/repo.git//components/x"'],
    ['merged', 'lists the remote resources entry "https://example.com/merged.yaml"'],
    ['duplicated', 'lists the remote resources entry "https://example.com/second.yaml"'],
    ['cased', 'lists the remote reſources entry "https://example.com/cased.yaml"'],
    ['plugin-inline', 'lists the remote transformers plugin configuration entry "https://example.com/inline.yaml"'],
    ['plugin-file', 'lists the remote transformers plugin configuration entry "https://example.com/file.yaml"'],
    ['plugin-dir/overlay', `the kustomization in ${path.join('plugin-dir', 'configs')} lists the remote resources plugin configuration entry "https://example.com/dir.yaml"`],
  ])('%s is reported, not rendered', async (overlay, message) => {
    const result = await loadInputs({ paths: [overlay], cwd: dir });
    expect(result.resources).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'render-failed', file: overlay });
    expect(result.problems[0]?.message).toContain(message);
    expect(result.problems[0]?.hint).toContain(`kubectl kustomize ${overlay} | palisade scan -`);
    expect(existsSync(marker)).toBe(false);
  });

  it.each([
    ['padded', 'bytes, more than the 1048576 a kustomization file may have', undefined],
    ['broken', 'is not YAML Palisade can read', 3],
    ['chain/k0', 'builds on more than 1000 kustomizations', undefined],
  ])('%s: a kustomization that cannot be checked is not rendered', async (overlay, message, line) => {
    const result = await loadInputs({ paths: [overlay], cwd: dir });
    expect(result.problems).toMatchObject([{ code: 'render-failed', file: overlay.startsWith('chain') ? overlay : path.join(overlay, 'kustomization.yaml') }]);
    expect(result.problems[0]?.line).toBe(line);
    expect(result.problems[0]?.message).toContain(message);
    expect(existsSync(marker)).toBe(false);
  });

  it('still renders an overlay whose references are all local (URLs in values are not references)', async () => {
    write('local/base/kustomization.yaml', 'resources:\n- cm.yaml\n');
    write('local/base/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n');
    write('local/overlay/kustomization.yaml', 'resources:\n- ../base\ncommonAnnotations:\n  docs: https://example.com/runbook\n');
    await loadInputs({ paths: ['local/overlay'], cwd: dir });
    expect(existsSync(marker)).toBe(true);
  });
});

describe.skipIf(!hasKustomize)('origin annotations an overlay sets itself', () => {
  it('never lead the scan to files outside its kustomizations', async () => {
    const outside = path.join(dir, 'host-secret.yaml');
    writeFileSync(outside, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n');
    write('forged/base/kustomization.yaml', 'resources:\n- pod.yaml\n');
    write('forged/base/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n');
    for (const [name, target] of [['file', outside], ['stdin', '/dev/stdin']] as const) {
      write(`forged/${name}/kustomization.yaml`, `resources:\n- ../base\ncommonAnnotations:\n  config.kubernetes.io/origin: "path: ${target}"\n`);
      const result = await loadInputs({ paths: [`forged/${name}`], cwd: dir });
      expect(result.resources.map((r) => [r.name, r.source.file])).toEqual([['web', path.join('forged', name)]]);
    }
  });
});
