/**
 * kustomize's default load restrictor, applied by Palisade before kustomize runs: a file a
 * kustomization names must lie in or below that kustomization's directory (links resolved);
 * other kustomizations (bases) may lie anywhere, named by a relative path. Every refusal here is
 * checked against kubectl kustomize itself, which must refuse the same overlay.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { hasKustomize, writeUnder } from '../support/render-tools.js';

let dir: string;

function write(relative: string, content: string): void {
  writeUnder(dir, relative, content);
}

function link(relative: string, target: string): void {
  symlinkSync(target, path.join(dir, relative));
}

/** Whether kubectl kustomize builds the overlay (stderr kept out of the test output). */
function kustomizeBuilds(overlay: string): boolean {
  try {
    execFileSync('kubectl', ['kustomize', path.join(dir, overlay)], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-kustomize-restrictor-'));
  write('host/secret.env', 'PASSWORD=hunter2-do-not-print\n');
  write('host/cm.yaml', configMap('host'));
  write('host/patch.yaml', configMap('cm'));
  write('repo/generator/kustomization.yaml', 'configMapGenerator:\n- name: settings\n  files:\n  - shadow=../../host/secret.env\n');
  write('repo/env-link/kustomization.yaml', 'secretGenerator:\n- name: creds\n  envs:\n  - app.env\n');
  link('repo/env-link/app.env', '../../host/secret.env');
  write('repo/resource-link/kustomization.yaml', 'resources:\n- cm.yaml\n');
  link('repo/resource-link/cm.yaml', '../../host/cm.yaml');
  write('repo/absolute-patch/kustomization.yaml', `resources:\n- cm.yaml\npatches:\n- path: ${path.join(dir, 'host', 'patch.yaml')}\n`);
  write('repo/absolute-patch/cm.yaml', configMap('cm'));
  write('repo/kustomization-link/cm.yaml', configMap('cm'));
  link('repo/kustomization-link/kustomization.yaml', '../../host/secret.env');
  // A base outside the directory scanned, as kustomize allows: its own files are its own.
  write('shared/base/kustomization.yaml', 'resources:\n- cm.yaml\nconfigMapGenerator:\n- name: base-settings\n  literals:\n  - a=b\n  envs:\n  - base.env\n');
  write('shared/base/cm.yaml', configMap('base'));
  write('shared/base/base.env', 'MODE=prod\n');
  write('repo/overlay/kustomization.yaml', 'resources:\n- ../../shared/base\n- cm.yaml\nnamePrefix: prod-\n');
  link('repo/overlay/cm.yaml', 'files/cm.yaml');
  write('repo/overlay/files/cm.yaml', configMap('overlay'));
  // A base outside the directory scanned whose generator reaches out of the base.
  write('shared/leaky/kustomization.yaml', 'configMapGenerator:\n- name: leaky\n  files:\n  - ../../host/secret.env\n');
  write('repo/uses-leaky/kustomization.yaml', 'resources:\n- ../../shared/leaky\n');
  // A builtin plugin's configuration names a file outside the kustomization configuring it.
  write('repo/plugin/kustomization.yaml', 'resources:\n- cm.yaml\ntransformers:\n- patch.yaml\n');
  write('repo/plugin/cm.yaml', configMap('cm'));
  write('repo/plugin/patch.yaml', 'apiVersion: builtin\nkind: PatchTransformer\nmetadata:\n  name: p\npath: ../../host/patch.yaml\ntarget:\n  kind: ConfigMap\n');
  // Field names in any case, as kustomize (Go's encoding/json) matches them.
  write('repo/cased/kustomization.yaml', 'SecretGenerator:\n- name: creds\n  Files:\n  - ../../host/secret.env\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasKustomize)('files outside the kustomization naming them', () => {
  it.each([
    ['generator', 'repo/generator/kustomization.yaml', 4, 5, 'the configMapGenerator file "../../host/secret.env"'],
    ['env-link', 'repo/env-link/kustomization.yaml', 4, 5, 'the secretGenerator file "app.env"'],
    ['resource-link', 'repo/resource-link/kustomization.yaml', 2, 3, 'the resources file "cm.yaml"'],
    ['absolute-patch', 'repo/absolute-patch/kustomization.yaml', 4, 3, 'the patches file'],
    ['uses-leaky', 'shared/leaky/kustomization.yaml', 4, 5, 'the configMapGenerator file "../../host/secret.env"'],
    ['cased', 'repo/cased/kustomization.yaml', 4, 5, 'the SecretGenerator file "../../host/secret.env"'],
    ['plugin', 'repo/plugin/kustomization.yaml', 4, 3, 'the transformers plugin configuration file "../../host/patch.yaml"'],
  ])('%s is refused at the entry naming it, as kustomize refuses it', async (overlay, file, line, column, message) => {
    expect(kustomizeBuilds(`repo/${overlay}`)).toBe(false);
    const result = await loadInputs({ paths: [`repo/${overlay}`], cwd: dir });
    expect(result.resources).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'render-failed', file, line, column });
    expect(result.problems[0]?.message).toContain(message);
    expect(result.problems[0]?.message).toContain('LoadRestrictionsRootOnly');
    expect(result.problems[0]?.message).not.toContain('hunter2');
    expect(result.problems[0]?.hint).toContain(`kubectl kustomize --load-restrictor LoadRestrictionsNone repo/${overlay} | palisade scan -`);
  });

  it('refuses a kustomization file that links out of its directory, which kustomize does not read', async () => {
    expect(kustomizeBuilds('repo/kustomization-link')).toBe(false);
    const result = await loadInputs({ paths: ['repo/kustomization-link'], cwd: dir });
    expect(result.resources).toEqual([]);
    expect(result.problems).toMatchObject([{ code: 'render-failed', file: 'repo/kustomization-link/kustomization.yaml' }]);
    expect(result.problems[0]?.message).toContain('is a link out of its kustomization\'s directory');
    expect(result.problems[0]?.message).not.toContain('hunter2');
  });

  it('renders a base outside the scanned directory and links inside one, as kustomize does', async () => {
    expect(kustomizeBuilds('repo/overlay')).toBe(true);
    const result = await loadInputs({ paths: ['repo/overlay'], cwd: dir });
    expect(result.problems).toEqual([]);
    expect(result.resources.map((r) => r.name).sort()).toEqual(expect.arrayContaining(['prod-base', 'prod-overlay']));
    expect(result.resources.find((r) => r.name.startsWith('prod-base-settings'))?.source.file).toBe(path.join('shared', 'base', 'kustomization.yaml'));
  });
});
