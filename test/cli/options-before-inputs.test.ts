/**
 * A wrong flag or configuration is refused before any input is read: on a cluster, loading takes
 * minutes, and a typo in --rules must not cost them. The inputs here are named pipes nobody writes
 * to: a command that reads one waits for ever (and is stopped by the timeout), so a prompt exit 2
 * shows that nothing was read.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade, ROOT } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-options-'));
for (const name of ['pipe.yaml', 'Dockerfile', 'image.tar']) execFileSync('mkfifo', [join(dir, name)]);
writeFileSync(join(dir, 'broken.yaml'), 'kind: Pod\nmetadata: {name: x\n');
writeFileSync(join(dir, 'bad-config.yaml'), 'failOn: sometimes\n');
writeFileSync(join(dir, 'audit.log'), '{}\n');
writeFileSync(join(dir, 'not-json.txt'), 'not json\n');
const pipe = join(dir, 'pipe.yaml');
const badConfig = join(dir, 'bad-config.yaml');

/** The CLI with a deadline: reading a pipe would never end. */
function palisadeWithin(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/cli/main.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 15_000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('options are checked before the inputs are read', () => {
  it.each([
    ['scan --rules', ['scan', pipe, '--rules', 'no-such-rule'], /^error unknown-rule: --rules names no known rule: no-such-rule \(hint: /],
    ['scan --exclude-rules', ['scan', pipe, '--exclude-rules', 'no-such-*'], /^error unknown-rule: --exclude-rules names no known rule: no-such-\*/],
    ['scan --framework', ['scan', pipe, '--framework', 'cis'], /^error unknown-framework: --framework names no known framework: cis/],
    ['scan --pss-version', ['scan', pipe, '--framework', 'pss-baseline', '--pss-version', '1.29'], /^error invalid-pss-version: --pss-version "1.29" is not a policy version/],
    ['scan --config', ['scan', pipe, '-c', badConfig], /^error config-invalid \S+bad-config\.yaml:1:\d+: failOn: /],
    ['scan --config missing', ['scan', pipe, '-c', join(dir, 'missing.yaml')], /^error config-not-found \S+missing\.yaml: /],
    ['scan, a setting flag', ['scan', pipe, '--limits-max-file-bytes', 'lots'], /^error config-invalid: --limits-max-file-bytes: /],
    ['scan, an empty --namespace', ['scan', pipe, '-n', ','], /^error usage: --namespace was given an empty value/],
    ['scan --vex, with an image', ['scan', pipe, `oci-archive:${join(dir, 'image.tar')}`, '--vex', join(dir, 'not-json.txt')], /^error vex-invalid \S+not-json\.txt:1:1: /],
    ['scan --helm-values', ['scan', pipe, '--helm-values', join(dir, 'prod.yml')], /^error input-not-found \S+prod\.yml: --helm-values names a file that does not exist \(hint: Check the --helm-values path\.\)$/m],
    ['attack-paths --helm-values', ['attack-paths', pipe, '--helm-values', join(dir, 'prod.yml')], /^error input-not-found \S+prod\.yml: --helm-values names a file/],
    ['dockerfile --rules', ['dockerfile', join(dir, 'Dockerfile'), '--rules', 'DL9999'], /^error unknown-rule: --rules names no known rule: DL9999/],
    ['dockerfile --config', ['dockerfile', join(dir, 'Dockerfile'), '-c', badConfig], /^error config-invalid \S+bad-config\.yaml/],
    ['image scan --config', ['image', 'scan', `oci-archive:${join(dir, 'image.tar')}`, '-c', badConfig], /^error config-invalid \S+bad-config\.yaml/],
    ['image scan --vex', ['image', 'scan', `oci-archive:${join(dir, 'image.tar')}`, '--vex', join(dir, 'not-json.txt')], /^error vex-invalid \S+not-json\.txt:1:1: /],
    ['sbom --vulns without a store', ['sbom', `oci-archive:${join(dir, 'image.tar')}`, '--vulns', '--db', join(dir, 'no.sqlite')], /^error db-missing: no advisory store at \S+no\.sqlite: the SBOM cannot list vulnerabilities/],
    ['attack-paths --to', ['attack-paths', pipe, '--to', 'cluster-admins'], /^error attack-bad-target: unknown crown jewel "cluster-admins"/],
    ['attack-paths --from', ['attack-paths', pipe, '--from', 'pod/web'], /^error attack-bad-entry: "pod\/web" is not pod\/NAMESPACE\/NAME/],
    ['attack-paths --config missing', ['attack-paths', pipe, '-c', join(dir, 'missing.yaml')], /^error config-not-found /],
    ['attack-paths --vulnerabilities', ['attack-paths', pipe, '--vulnerabilities', join(dir, 'not-json.txt')], /^error attack-bad-vulnerabilities \S+not-json\.txt: /],
    ['netpol list --focus-conn', ['netpol', 'list', pipe, '--focus-conn', 'tcp80'], /^error netpol-invalid: invalid focus conn value: tcp80; must be <protocol-port> format/],
    ['netpol generate --observed', ['netpol', 'generate', pipe, '--observed', join(dir, 'missing.jsonl')], /^error input-not-found \S+missing\.jsonl: cannot read observed-connections file /],
    ['rbac who-can, a bad request', ['rbac', 'who-can', 'get', 'pods//exec', pipe], /^error rbac-bad-request: /],
    ['rbac can-i --as', ['rbac', 'can-i', 'get', 'pods', '--as', 'serviceaccount:dev', pipe], /^error rbac-bad-subject: /],
    ['rbac permissions, a bad subject', ['rbac', 'permissions', 'sa:dev', pipe], /^error rbac-bad-subject: /],
    ['rbac paths --from', ['rbac', 'paths', '--from', 'sa:', pipe], /^error rbac-bad-subject: /],
    ['rbac suggest --audit-log', ['rbac', 'suggest', '--audit-log', join(dir, 'missing.log'), pipe], /^error input-not-found: cannot read audit log \S+missing\.log/],
  ])('%s', (_name, args, expected) => {
    const run = palisadeWithin(args);
    expect(run.status, `${run.stderr}(null: the input was read)`).toBe(2);
    expect(run.stderr).toMatch(expected);
    expect(run.stdout).toBe('');
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('db update --public-key that cannot be read: said before the feed is downloaded', () => {
    const sha256 = 'a'.repeat(64);
    const run = palisadeWithin(['db', 'update', '--source', 'http://127.0.0.1:9/feed.zip', '--sha256', sha256, '--public-key', join(dir, 'missing.pem'), '--db', join(dir, 'db.sqlite')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error checksum-mismatch \S+missing\.pem: cannot read the public key \S+missing\.pem: ENOENT/);
    expect(run.stderr).not.toContain('download-failed');
  });

  it('a good query still reads the inputs and reports their problems', () => {
    const run = palisade(['rbac', 'suggest', '--audit-log', join(dir, 'audit.log'), join(dir, 'broken.yaml')]);
    expect(run.stderr).toMatch(/yaml-syntax/);
  });
});
