/**
 * A setting given by a flag is named in problems by the flag the user typed. `scan -n ''` was
 * reported as "--namespaces: ...", a flag scan does not have; the four settings commands spell
 * their own way (-n/--namespace, --helm-values, --set, --fail-on-path) are now named so, and
 * `config print` takes them too, so a scan's command line can be replayed there.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanOptionProblems } from '../../src/sdk/index.js';
import { hasStackTrace, palisade, ROOT } from '../support/cli.js';

const manifests = join(ROOT, 'examples/manifests');

describe('settings are named by the flag typed', () => {
  it('the SDK names scan\'s namespaces option as the CLI spells it', () => {
    const [problem] = scanOptionProblems({ paths: [manifests], namespaces: [] });
    expect(problem?.message).toBe('--namespace: list at least one namespace, or leave namespaces out to scan them all');
  });

  it.each([
    ['scan -n', ['scan', manifests, '-n', ',']],
    ['config print -n', ['config', 'print', '-n', ',']],
  ])('%s naming no namespace: the problem names --namespace', (_name, args) => {
    const run = palisade(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error \S+: --namespace\b/);
    expect(run.stderr).not.toContain('--namespaces');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('config print --set without "=": named --set', () => {
    const run = palisade(['config', 'print', '--set', 'replicas']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error config-invalid: --set "replicas": expected key=value \(hint: /);
  });

  it('config print takes a scan\'s flags and says where each value came from', () => {
    const run = palisade(['config', 'print', manifests, '-n', 'shop,team-*', '--set', 'replicas=2', '--fail-on-path']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('# namespaces: flag --namespace\n');
    expect(run.stdout).toContain('# helm.set: flag --set\n');
    expect(run.stdout).toContain('# attackPaths.failOnPath: flag --fail-on-path\n');
    expect(run.stdout).toMatch(/^namespaces:\n {2}- shop\n {2}- team-\*$/m);
  });
});
