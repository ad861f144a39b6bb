/**
 * A named pipe where a chart or an overlay has a file (a tree extracted from an attacker's archive
 * may hold one) blocks whoever opens it for reading until a writer comes, which none does: the
 * files Palisade reads before helm or kustomize runs (Chart.yaml, values.schema.json, the
 * kustomization) are opened only when they are regular files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { hasHelm, hasKustomize, writeUnder } from '../support/render-tools.js';

let dir: string;

function fifo(relative: string): void {
  execFileSync('mkfifo', [path.join(dir, relative)]);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-render-pipes-'));
  writeUnder(dir, 'host/.keep', '');
  fifo('host/pipe');
  writeUnder(dir, 'repo/linked/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: linked\n');
  symlinkSync('../../host/pipe', path.join(dir, 'repo', 'linked', 'Chart.yaml'));
  writeUnder(dir, 'repo/schema/Chart.yaml', 'apiVersion: v2\nname: schema\nversion: 0.1.0\n');
  writeUnder(dir, 'repo/schema/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: schema\n');
  fifo('repo/schema/values.schema.json');
  writeUnder(dir, 'overlay/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n');
  fifo('overlay/kustomization.yaml');
  writeUnder(dir, 'piped/kustomization.yaml', 'resources:\n- cm.yaml\nconfigMapGenerator:\n- name: settings\n  files:\n  - app.properties\n');
  writeUnder(dir, 'piped/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n');
  fifo('piped/app.properties');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasHelm || process.platform === 'win32')('named pipes in a chart', () => {
  it('are not opened: a Chart.yaml linked to one, a values.schema.json that is one', async () => {
    const result = await loadInputs({ paths: ['repo/linked', 'repo/schema'], cwd: dir });
    expect(result.problems.map((p) => [p.code, p.file])).toEqual([
      ['render-failed', 'repo/linked'],
      ['render-failed', 'repo/schema'],
    ]);
    expect(result.problems[0]?.message).toContain('links outside the scanned directory');
    expect(result.problems[1]?.message).toContain('irregular file');
  }, 20_000);
});

describe.skipIf(!hasKustomize || process.platform === 'win32')('a kustomization that is a named pipe', () => {
  it('is not opened, and not handed to kustomize', async () => {
    const result = await loadInputs({ paths: ['overlay'], cwd: dir });
    expect(result.problems).toMatchObject([{ code: 'render-failed', file: path.join('overlay', 'kustomization.yaml') }]);
    expect(result.problems[0]?.message).toContain('is not a regular file');
  }, 20_000);

  it('is not handed to kustomize when it names one (kustomize would wait on it for 120 s)', async () => {
    const result = await loadInputs({ paths: ['piped'], cwd: dir });
    expect(result.problems).toMatchObject([{ code: 'render-failed', file: path.join('piped', 'kustomization.yaml') }]);
    expect(result.problems[0]?.message).toContain('names the configMapGenerator file "app.properties", which is not a regular file');
  }, 20_000);
});
