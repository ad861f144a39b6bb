/** `palisade rbac ...` end to end on the built CLI: output, JSON, exit codes, usage errors without stack traces. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';

const BUILT = existsSync(fileURLToPath(new URL('../../dist/cli/rbac-command.js', import.meta.url)));
if (!BUILT) console.warn('skipping rbac CLI tests: dist/cli/rbac-command.js is absent (run npm run build)');
const CI = fileURLToPath(new URL('./scenarios/ci-deployer/input.yaml', import.meta.url));

describe.skipIf(!BUILT)('palisade rbac', () => {
  it('who-can prints subjects with their chains, and JSON', () => {
    const table = palisade(['rbac', 'who-can', 'create', 'deployments', '-n', 'dev', CI]);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('system:serviceaccount:dev:ci');
    expect(table.stdout).toContain('RoleBinding dev/ci-deployer -> Role dev/deployer');
    const json = JSON.parse(palisade(['rbac', 'who-can', 'create', 'deployments', '-n', 'dev', CI, '-f', 'json']).stdout) as { subjects: { subject: string }[] };
    expect(json.subjects.map((s) => s.subject)).toEqual(['system:serviceaccount:dev:ci', 'system:serviceaccount:dev:operator']);
  });

  it('can-i exits 0 for yes and 1 for no', () => {
    expect(palisade(['rbac', 'can-i', 'create', 'deployments', '-n', 'dev', '--as', 'system:serviceaccount:dev:ci', CI]).status).toBe(0);
    const no = palisade(['rbac', 'can-i', 'create', 'deployments', '-n', 'prod', '--as', 'system:serviceaccount:dev:ci', CI]);
    expect(no.status).toBe(1);
    expect(no.stdout).toMatch(/^no:/);
  });

  it('paths explains each step; graph exports DOT', () => {
    const paths = palisade(['rbac', 'paths', CI, '--from', 'system:serviceaccount:dev:ci', '--to', 'cluster-admin']);
    expect(paths.status).toBe(0);
    expect(paths.stdout).toContain('=> cluster-admin');
    expect(paths.stdout).toContain('[create-pod]');
    const dot = palisade(['rbac', 'graph', CI, '-f', 'dot']);
    expect(dot.stdout.startsWith('digraph rbac_escalation {')).toBe(true);
  });

  it('refuses bad subjects and targets as usage errors, without a stack trace', () => {
    const bad = palisade(['rbac', 'can-i', 'get', 'pods', '--as', 'system:serviceaccount:x', CI]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('rbac-bad-subject');
    expect(hasStackTrace(bad.stderr)).toBe(false);
    const target = palisade(['rbac', 'paths', CI, '--to', 'everything']);
    expect(target.status).toBe(2);
    expect(target.stderr).toContain('rbac-bad-target');
    expect(palisade(['rbac', 'pods', 'no/such/dir']).status).toBe(2);
  });
});
