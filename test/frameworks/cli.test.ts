/** `palisade frameworks` and `palisade scan --framework`, run from the built CLI as a user would. */
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';

const FIXTURE = 'test/frameworks/fixtures/scan/workloads.yaml';

describe('palisade frameworks', () => {
  it('lists every framework with its automated and manual counts', () => {
    const run = palisade(['frameworks', 'list']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^cis-kubernetes\s+CIS Kubernetes Benchmark v1\.10\.0 {2}\(\d+ automated, \d+ manual\)$/m);
    expect(run.stdout).toMatch(/^7 frameworks$/m);
  });

  it('lists as JSON', () => {
    const run = palisade(['frameworks', 'list', '--format', 'json']);
    const list = JSON.parse(run.stdout) as { id: string; automated: number; manual: number }[];
    expect(list.map((f) => f.id)).toContain('nsa-cisa');
    expect(list.every((f) => f.automated + f.manual > 0)).toBe(true);
  });

  it('shows a framework\'s controls with their rules or manual reasons', () => {
    const run = palisade(['frameworks', 'show', 'cis-kubernetes']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^5\.2\.3\s+Minimize the admission of containers wishing to share the host process ID namespace \(Manual\)\n\s+host-namespaces \/hostPID\/$/m);
    expect(run.stdout).toMatch(/^1\.1\.1\s+.*\n\s+manual: file permissions/m);
  });

  it('shows as JSON, with message patterns as strings', () => {
    const run = palisade(['frameworks', 'show', 'cis-kubernetes', '-f', 'json']);
    const info = JSON.parse(run.stdout) as { controls: { id: string; automated: boolean; rules: { rule: string; message?: string }[]; reason?: string }[] };
    expect(info.controls.find((c) => c.id === '5.2.4')).toEqual({ id: '5.2.4', title: expect.any(String) as string, automated: true, rules: [{ rule: 'host-namespaces', message: 'hostIPC' }] });
    expect(info.controls.find((c) => c.id === '5.4.2')?.automated).toBe(false);
  });

  it('rejects an unknown framework with a hint, exit 2', () => {
    const run = palisade(['frameworks', 'show', 'cis']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no framework "cis".*cis-kubernetes/);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});

describe('palisade scan --framework', () => {
  it('prints the compliance section in the table', () => {
    const run = palisade(['scan', FIXTURE, '--framework', 'pss-restricted', '--pss-version', 'v1.25', '--fail-on', 'low']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Compliance: Pod Security Standards: Restricted v1\.25 \(pss-restricted\), score [\d.]+%/);
    expect(run.stdout).toMatch(/baseline-privileged-containers\s+fail\s+1/);
  });

  it('puts compliance in the JSON report', () => {
    const run = palisade(['scan', FIXTURE, '--framework', 'nsa-cisa', '-f', 'json', '--fail-on', 'none']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { compliance: { framework: string; version: string; score: number; controls: { id: string; status: string; findings: number }[] } };
    expect(report.compliance).toMatchObject({ framework: 'nsa-cisa', version: 'v1.2' });
    expect(report.compliance.controls.find((c) => c.id === 'pod-security/enforcement')?.status).toBe('fail');
    expect(report.compliance.controls.find((c) => c.id === 'upgrading')?.status).toBe('manual');
  });

  it('rejects an unknown framework or a malformed version as a usage error', () => {
    const unknown = palisade(['scan', FIXTURE, '--framework', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--framework names no known framework: nope/);
    const version = palisade(['scan', FIXTURE, '--framework', 'pss-baseline', '--pss-version', '1.29']);
    expect(version.status).toBe(2);
    expect(version.stderr).toMatch(/--pss-version "1.29" is not a policy version/);
    expect(hasStackTrace(unknown.stderr + version.stderr)).toBe(false);
  });
});
