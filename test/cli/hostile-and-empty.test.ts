/**
 * The CLI as a user meets it on inputs that give nothing, and on manifests that carry terminal
 * escape sequences in the names the text outputs print (rbac, attack-paths, netpol).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';

function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// A terminal title change, a screen clear and a forged line, in names a manifest controls
// (written as YAML's \e and \a escapes).
const ESC = '\u001b';
const BEL = '\u0007';
const TITLE = `${ESC}]0;pwned${BEL}`;
const CLEAR = `${ESC}[2J`;
const HOSTILE_RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: "evil${CLEAR}bind"
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: User, apiGroup: rbac.authorization.k8s.io, name: "mallory${TITLE}\\nforged line"}
`.replaceAll(ESC, '\\e').replaceAll(BEL, '\\a');

const HOSTILE_POD = `apiVersion: v1
kind: Pod
metadata: {name: "web\\e[31mred", namespace: shop}
spec:
  containers: [{name: app, image: nginx, securityContext: {privileged: true}}]
`;

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('inputs with nothing to analyse', () => {
  it.each([
    ['rbac who-can', ['rbac', 'who-can', 'get', 'secrets']],
    ['rbac paths', ['rbac', 'paths']],
    ['attack-paths', ['attack-paths']],
  ])('%s on an empty directory exits 2 and says why', (_name, args) => {
    const run = palisade([...args, tempDir()]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error no-input: no Kubernetes object was read from the inputs \(hint: /m);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('scan of image targets none of which could be read exits 2, not 0 with "No findings"', () => {
    const run = palisade(['scan', `oci-archive:${join(tempDir(), 'missing.tar')}`]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error image-not-found /m);
    expect(run.stderr).toMatch(/^error no-input: /m);
    expect(run.stdout).toBe('');
  });

  it('scan of manifests and an unreadable image still reports the manifests', () => {
    const run = palisade(['scan', 'examples/manifests', `oci-archive:${join(tempDir(), 'missing.tar')}`, '-q', '-f', 'json']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error image-not-found /m);
    expect((JSON.parse(run.stdout) as { summary: { resources: number } }).summary.resources).toBeGreaterThan(0);
  });

  it('says it once when the loader already did (a missing path)', () => {
    const run = palisade(['attack-paths', join(tempDir(), 'missing.yaml')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error input-not-found /m);
    expect(run.stderr.match(/error no-input/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });
});

describe('frameworks show', () => {
  it('names an unknown framework with the unknown-framework code, as scan --framework does', () => {
    const run = palisade(['frameworks', 'show', 'nope']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error unknown-framework: no framework "nope" \(hint: Use one of .*cis-kubernetes/m);
  });
});

describe('no raw control character from a manifest reaches the terminal', () => {
  const rbac = tempDir({ 'rbac.yaml': HOSTILE_RBAC });

  it.each([
    ['rbac who-can', ['rbac', 'who-can', 'get', 'secrets', rbac]],
    ['rbac can-i', ['rbac', 'can-i', 'get', 'secrets', '--as', 'user:nobody', rbac]],
    ['rbac paths', ['rbac', 'paths', '--to', 'cluster-admin', rbac]],
    ['rbac graph dot', ['rbac', 'graph', '-f', 'dot', rbac]],
  ])('%s', (_name, args) => {
    const run = palisade(args);
    expect(run.stdout + run.stderr).not.toMatch(RAW_CONTROL);
  });

  it('rbac who-can shows the escapes, and a newline in a name forges no output line', () => {
    const run = palisade(['rbac', 'who-can', 'get', 'secrets', rbac]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('user:mallory\\x1b]0;pwned\\x07\\x0aforged line');
    expect(run.stdout).toContain('ClusterRoleBinding evil\\x1b[2Jbind');
    expect(run.stdout).not.toMatch(/^forged line/m);
  });

  it.each([
    ['attack-paths', ['attack-paths']],
    ['netpol list', ['netpol', 'list']],
  ])('%s', (_name, args) => {
    const dir = tempDir();
    mkdirSync(join(dir, 'k8s'));
    writeFileSync(join(dir, 'k8s', 'pod.yaml'), HOSTILE_POD);
    const run = palisade([...args, join(dir, 'k8s')]);
    expect(run.stdout).toContain('web\\x1b[31mred');
    expect(run.stdout + run.stderr).not.toMatch(RAW_CONTROL);
  });
});
