/**
 * Flags for one kind of input given when no input is of that kind were silently ignored:
 * `--helm-values`/`--set`/`--helm-namespace` with no chart among the inputs (a mistyped path, or
 * `helm template` output piped in), `--vex`/`--db`/`--ignore-unfixed`/`--insecure` with no image.
 * The user thought they applied. Like every flag that would have no effect (docs/cli.md), they
 * are a usage error (exit 2) before anything is read; with a chart or an image they are taken.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-inert-'));
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  containers:\n    - {name: web, image: "nginx:1.25"}\n';
const plain = join(dir, 'plain');
mkdirSync(plain);
writeFileSync(join(plain, 'pod.yaml'), POD);
const values = join(dir, 'prod.yaml');
writeFileSync(values, 'replicas: 3\n');
// A tree with a chart two levels down, next to plain manifests.
const tree = join(dir, 'tree');
mkdirSync(join(tree, 'charts', 'web', 'templates'), { recursive: true });
writeFileSync(join(tree, 'pod.yaml'), POD);
writeFileSync(join(tree, 'charts', 'web', 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 1.0.0\n');
writeFileSync(join(tree, 'charts', 'web', 'templates', 'pod.yaml'), POD);
execFileSync('tar', ['-czf', join(dir, 'web-1.0.0.tgz'), '-C', join(tree, 'charts'), 'web']);

const HELM_INERT = /^error usage: (--helm-values|--set|--helm-namespace|--helm-kube-version|--helm-api-versions)(, --\S+)* ha(s|ve) no effect without a Helm chart among the inputs/m;
const IMAGE_INERT = /^error usage: (--vex|--db|--ignore-unfixed|--insecure)(, --\S+)* ha(s|ve) no effect without an image to scan/m;

describe('flags with nothing to act on', () => {
  it.each([
    ['--helm-values, no chart in the directory', ['scan', plain, '--helm-values', values], '--helm-values has'],
    ['--set and --helm-values', ['scan', plain, '--set', 'replicas=3', '--helm-values', values], '--helm-values, --set have'],
    ['--helm-namespace', ['scan', plain, '--helm-namespace', 'shop'], '--helm-namespace has'],
    ['--helm-kube-version and --helm-api-versions', ['scan', plain, '--helm-kube-version', '1.29', '--helm-api-versions', 'monitoring.coreos.com/v1'], '--helm-kube-version, --helm-api-versions have'],
    ['--set on rendered output piped in', ['scan', '-', '--set', 'replicas=3'], '--set has'],
    ['attack-paths --helm-values', ['attack-paths', plain, '--helm-values', values], '--helm-values has'],
  ])('%s: exit 2 before reading, naming the flags', (_what, args, named) => {
    const run = palisade(args, { input: POD });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(HELM_INERT);
    expect(run.stderr).toContain(`error usage: ${named} no effect`);
    expect(run.stderr).toContain('(hint: Name the chart');
    expect(run.stdout).toBe('');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it.each([
    ['a chart inside a directory', ['scan', tree, '--helm-values', values, '-q']],
    ['a chart directory', ['scan', join(tree, 'charts', 'web'), join(tree, 'pod.yaml'), '--set', 'replicas=3', '-q']],
    ['a packaged chart', ['scan', join(dir, 'web-1.0.0.tgz'), join(tree, 'pod.yaml'), '--helm-namespace', 'shop', '-q']],
  ])('with %s, Helm flags are taken', (_what, args) => {
    const run = palisade(args);
    expect(run.stderr).not.toMatch(HELM_INERT);
    expect(run.stderr).not.toContain('error usage');
  });

  it.each([
    ['--vex', ['scan', plain, '--vex', values], '--vex has'],
    ['--db and --ignore-unfixed', ['scan', plain, '--db', values, '--ignore-unfixed'], '--db, --ignore-unfixed have'],
    ['--insecure', ['scan', plain, '--insecure'], '--insecure has'],
  ])('%s without an image: exit 2 before reading', (_what, args, named) => {
    const run = palisade(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(IMAGE_INERT);
    expect(run.stderr).toContain(`error usage: ${named} no effect`);
    expect(run.stdout).toBe('');
  });

  it('--ignore-unfixed with an image target or --images is taken', () => {
    // The workload's image is on a port nothing listens on: the pull fails at once, offline.
    const local = join(dir, 'local-image.yaml');
    writeFileSync(local, POD.replace('nginx:1.25', '127.0.0.1:9/app:1'));
    for (const args of [['scan', plain, `oci-archive:${join(dir, 'missing.tar')}`, '--ignore-unfixed', '-q'], ['scan', local, '--images', '--ignore-unfixed', '-q', '--db', values]]) {
      const run = palisade(args);
      expect(run.stderr).not.toMatch(IMAGE_INERT);
    }
  });
});
