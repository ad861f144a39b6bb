/**
 * Objects a kustomization generates (configMapGenerator, secretGenerator) have no file of their
 * own: they point at their generator entry in the kustomization file that declares it, and a data
 * key at the literal or file entry that supplied it, not at the overlay directory with lines of
 * kustomize's output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locate } from '../../src/core/locate.js';
import { loadInputs } from '../../src/loaders/index.js';
import { hasKustomize, writeUnder } from '../support/render-tools.js';

let dir: string;

function write(relative: string, content: string): void {
  writeUnder(dir, relative, content);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-kustomize-generated-'));
  write('base/kustomization.yaml', ['resources:', '- cm.yaml', 'configMapGenerator:', '- name: base-settings', '  literals:', '  - MODE=fast', ''].join('\n'));
  write('base/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  a: b\n');
  write('overlay/tls.key', 'not really a key\n');
  write(
    'overlay/kustomization.yaml',
    [
      'namePrefix: prod-', // 1
      'resources:',
      '- ../base',
      'configMapGenerator:',
      '- name: settings', // 5
      '  literals:',
      '  - LOG_LEVEL=debug',
      '  - DB_PASSWORD=hunter2', // 8
      'secretGenerator:',
      '- name: tls', // 10
      '  files:',
      '  - tls.key', // 12
      '',
    ].join('\n'),
  );
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasKustomize)('objects a kustomization generates', () => {
  it('point at their generator entry, and data keys at the entry that supplied them', async () => {
    const result = await loadInputs({ paths: ['overlay'], cwd: dir });
    expect(result.problems).toEqual([]);
    const byName = (prefix: string) => {
      const found = result.resources.find((r) => r.name.startsWith(prefix));
      if (found === undefined) throw new Error(`no ${prefix}`);
      return found;
    };
    const settings = byName('prod-settings-');
    expect(settings.source.file).toBe(path.join('overlay', 'kustomization.yaml'));
    expect(settings.source.position).toEqual({ line: 5, column: 3 });
    expect(locate(settings, '/data/DB_PASSWORD')).toMatchObject({ file: path.join('overlay', 'kustomization.yaml'), line: 8, column: 5 });
    expect(locate(settings, '/metadata/name')).toMatchObject({ line: 5 });
    expect(locate(byName('prod-tls-'), '/data/tls.key')).toMatchObject({ file: path.join('overlay', 'kustomization.yaml'), line: 12, column: 5 });
    // A generator of the base points at the base's kustomization; resources at their files as before.
    expect(locate(byName('prod-base-settings-'), '/data/MODE')).toMatchObject({ file: path.join('overlay', '..', 'base', 'kustomization.yaml'), line: 6, column: 5 });
    expect(byName('prod-plain').source.file).toBe(path.join('overlay', '..', 'base', 'cm.yaml'));
  });
});

describe.skipIf(!hasKustomize)('a kustomization that inflates Helm charts', () => {
  it('says that Palisade does not pass --enable-helm and how to render it', async () => {
    write('with-helm/kustomization.yaml', 'helmCharts:\n- name: web\n  repo: https://charts.example.com\n  version: 1.0.0\n  releaseName: web\n');
    const result = await loadInputs({ paths: ['with-helm'], cwd: dir });
    expect(result.problems).toMatchObject([{ code: 'render-failed', file: 'with-helm' }]);
    expect(result.problems[0]?.message).toContain('must specify --enable-helm');
    expect(result.problems[0]?.hint).toContain('kubectl kustomize --enable-helm with-helm | palisade scan -');
  });
});
