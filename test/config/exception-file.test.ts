/**
 * Exceptions scoped to a file (`file:` glob over the finding's file as the report shows it).
 * Before, a secret found in one file of an image could only be accepted with the whole rule or
 * the whole image, so accepting test fixtures also hid the production credential next to them;
 * and the entry that counts a rule's values past the listing limit ("15 more values not listed")
 * has an id that changes with the count, so nothing that named it survived another secret added.
 * A file scope names what the user sees, and stays put however many values the file holds.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/index.js';
import { applySuppressions } from '../../src/core/suppression.js';
import { scan, scanImage } from '../../src/sdk/index.js';
import type { Finding } from '../../src/model/finding.js';

const NOW = new Date('2026-05-10T12:00:00Z');
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A distinct, well-formed AWS access key id per n (the values are made up). */
function accessKeyId(n: number): string {
  let suffix = '';
  for (let i = 0, x = n * 7919 + 13; i < 16; i++, x = Math.floor(x / 3) + i * 11) suffix += BASE32[x % 32] ?? 'A';
  return `AKIA${suffix}`;
}

function imageRoot(fixtureKeys: number): string {
  const root = mkdtempSync(join(tmpdir(), 'palisade-exception-file-'));
  mkdirSync(join(root, 'app', 'test'), { recursive: true });
  const lines = Array.from({ length: fixtureKeys }, (_, i) => `aws_access_key_id = ${accessKeyId(i + 1)}`);
  writeFileSync(join(root, 'app', 'test', 'creds.ini'), `${lines.join('\n')}\n`);
  writeFileSync(join(root, 'app', 'prod.ini'), `aws_access_key_id = ${accessKeyId(1000)}\n`);
  return root;
}

function configWith(exception: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-exception-config-'));
  const file = join(dir, '.palisade.yaml');
  writeFileSync(file, `exceptions:\n${exception}`);
  return file;
}

const secretsOf = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.secret !== undefined);

describe('exceptions scoped to a file', () => {
  const config = configWith('  - rule: image-secret-*\n    file: /app/test/**\n    reason: made-up keys of the test fixtures\n');

  it.each([12, 30])('accept the secrets of one file of an image, and only those (%i values in it)', async (keys) => {
    const { report } = await scanImage(`dir:${imageRoot(keys)}`, { configFile: config, now: NOW, secrets: true });
    const secrets = secretsOf(report.findings);
    const inFixture = secrets.filter((f) => f.location.file === '/app/test/creds.ini');
    // Ten listed, the rest counted by one entry: that entry is suppressed too, whatever it counts.
    expect(inFixture).toHaveLength(11);
    expect(inFixture.some((f) => f.secret?.unlisted === keys - 10)).toBe(true);
    expect(inFixture.every((f) => f.suppressed && f.suppression?.kind === 'exception')).toBe(true);
    const prod = secrets.filter((f) => f.location.file === '/app/prod.ini');
    expect(prod).toHaveLength(1);
    expect(prod[0]?.suppressed).toBe(false);
    expect(report.exceptions).toEqual([expect.objectContaining({ state: 'active', matched: 11 })]);
  });

  it('takes a path inside the image as SARIF writes it, relative to IMAGEROOT (app/test/creds.ini)', async () => {
    const relative = configWith('  - rule: image-secret-*\n    file: app/test/*.ini\n    reason: made-up keys of the test fixtures\n');
    const { report } = await scanImage(`dir:${imageRoot(3)}`, { configFile: relative, now: NOW, secrets: true });
    const secrets = secretsOf(report.findings);
    expect(secrets.filter((f) => f.suppressed).map((f) => f.location.file)).toEqual(['/app/test/creds.ini', '/app/test/creds.ini', '/app/test/creds.ini']);
    expect(secrets.filter((f) => !f.suppressed).map((f) => f.location.file)).toEqual(['/app/prod.ini']);
  });

  it('matches manifests by the path they were given as, with or without ./', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-exception-manifests-'));
    const pod = (name: string): string => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  hostPID: true\n  containers: [{name: c, image: "nginx:1.25"}]\n`;
    mkdirSync(join(dir, 'k8s', 'legacy'), { recursive: true });
    writeFileSync(join(dir, 'k8s', 'legacy', 'old.yaml'), pod('old'));
    writeFileSync(join(dir, 'k8s', 'new.yaml'), pod('new'));
    const file = join(dir, '.palisade.yaml');
    writeFileSync(file, 'exceptions:\n  - rule: host-namespaces\n    file: ./k8s/legacy/*.yaml\n    reason: retired next quarter\n');
    for (const input of ['k8s', './k8s']) {
      const report = await scan({ paths: [input], cwd: dir, configFile: file, now: NOW, settings: { attackPathsEnabled: false } });
      const hostPid = report.findings.filter((f) => f.ruleId === 'host-namespaces');
      expect(hostPid.map((f) => [f.resource.name, f.suppressed]).sort(), input).toEqual([['new', false], ['old', true]]);
    }
  });

  it('never matches a finding that has no file (a secret in the image configuration)', () => {
    const inConfig: Finding = {
      id: '1', ruleId: 'image-secret-aws-access-key-id', title: 't', severity: 'high', status: 'fail', message: 'm', threats: [], mitre: [],
      resource: { apiVersion: 'palisade.dev/v1', kind: 'Image', name: 'app:1' },
      location: { file: '', line: 0, column: 0, path: '/config/Env/0' }, remediation: 'r', suppressed: false,
    };
    const inFile: Finding = { ...inConfig, id: '2', location: { file: '/app/.env', line: 1, column: 1, path: '' } };
    const result = applySuppressions([inConfig, inFile], [], [{ rules: ['image-secret-*'], file: '**', reason: 'files only' }], NOW);
    expect(result.findings.map((f) => f.suppressed)).toEqual([false, true]);
  });

  it('an unused exception naming a secret as the table does (aws-access-key-id) is told the rule id it meant', async () => {
    const configured = configWith('  - rule: aws-access-key-id\n    file: /app/test/**\n    reason: made-up keys\n');
    const { report } = await scanImage(`dir:${imageRoot(2)}`, { configFile: configured, now: NOW, secrets: true });
    const unused = report.errors.filter((p) => p.code === 'exception-unused');
    expect(unused.map((p) => p.hint)).toEqual(['No finding has rule "aws-access-key-id"; did you mean "image-secret-aws-access-key-id"?']);
    expect(unused[0]?.line).toBe(2);
  });

  it('an unused exception whose rule matched but whose scope did not gets no rule hint', async () => {
    const configured = configWith('  - rule: image-secret-aws-access-key-id\n    file: /elsewhere/**\n    reason: made-up keys\n');
    const { report } = await scanImage(`dir:${imageRoot(2)}`, { configFile: configured, now: NOW, secrets: true });
    const unused = report.errors.filter((p) => p.code === 'exception-unused');
    expect(unused).toHaveLength(1);
    expect(unused[0]?.hint ?? '').not.toContain('did you mean');
  });

  it('an unused exception for a known rule that found nothing is stale, not misspelt: no guess', () => {
    const inFile: Finding = {
      id: '1', ruleId: 'run-as-user', title: 't', severity: 'high', status: 'fail', message: 'm', threats: [], mitre: [],
      resource: { apiVersion: 'v1', kind: 'Pod', name: 'web', namespace: 'shop' },
      location: { file: 'pod.yaml', line: 1, column: 1, path: '' }, remediation: 'r', suppressed: false,
    };
    const result = applySuppressions([inFile], [], [{ rules: ['run-as-root'], reason: 'fixed since' }], NOW, { ruleIds: new Set(['run-as-root', 'run-as-user']) });
    expect(result.problems.map((p) => [p.code, p.hint ?? ''])).toEqual([['exception-unused', expect.not.stringContaining('did you mean')]]);
  });

  it('refuses an empty file glob, located', () => {
    const resolved = resolveConfig({ file: configWith('  - rule: host-namespaces\n    file: ""\n    reason: r\n'), env: {}, flags: {} });
    expect(resolved.problems.map((p) => [p.code, p.line, p.message])).toEqual([['config-invalid', 3, expect.stringContaining('file glob must not be empty')]]);
  });
});
