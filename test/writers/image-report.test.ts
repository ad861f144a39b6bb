/**
 * Writers on an image scan: golden files for every format, the JSON valid against the report
 * schema, the SARIF against SARIF 2.1.0 with CVSS security-severity, and hostile package names
 * neutralised on the terminal.
 */
import { describe, expect, it } from 'vitest';
import { scanFileForSecrets } from '../../src/analyzers/secrets/index.js';
import { randomSource, UPPER } from '../../src/lib/secrets/families/fixtures/fake-values.js';
import type { Report } from '../../src/model/report.js';
import { secretFinding } from '../../src/sdk/image-scan-findings.js';
import { WRITERS } from '../../src/writers/index.js';
import { expectGolden } from './golden.js';
import { IMAGE_REPORT } from './image-report.js';
import { reportValidator } from './report-schema.js';
import { sarifValidator } from './sarif-schema.js';

const write = (format: string, color = false): string => {
  const writer = WRITERS.find((w) => w.format === format);
  if (writer === undefined) throw new Error(`no writer ${format}`);
  return writer.write(IMAGE_REPORT, { color });
};

describe('writers on an image scan', () => {
  it.each(WRITERS.map((w) => [w.format, w.extension] as const))('%s matches its golden file', (format, extension) => {
    expectGolden(`image.${extension}`, write(format));
  });

  it('table: image header, vulnerabilities by package (worst first), secrets, suppressed by VEX', () => {
    const table = write('table');
    expect(table).toContain('Packages: 214 (deb 96, npm 118)');
    expect(table).toContain('Vulnerabilities: 5 (1 suppressed; store /home/ci/.cache/palisade/db.sqlite)');
    expect(table).toContain('Vulnerabilities (4 in 4 packages)');
    expect(table.indexOf('lodash 4.17.20')).toBeLessThan(table.indexOf('libssl3 3.0.11-1~deb12u1'));
    expect(table).toMatch(/critical aws-access-key-id {2}\/srv\/app\/\.env:2 \(deleted by a later layer, still in the image\) {2}AKIA…/);
    expect(table).toMatch(/CVE-2022-46175 +Image\/registry\.example\/shop\/web:2\.4\.1 \/srv\/app\/node_modules\/json5\/package\.json +VEX vex\/web\.openvex\.json: not_affected/);
    // The package name's escape sequence is shown, never sent to the terminal.
    expect(table).toContain('tiny-\\x1b[31mred');
    expect(table).not.toContain('\u001b[31m');
  });

  it('table: one vulnerable package is "1 package"', () => {
    const lodash = IMAGE_REPORT.findings.filter((f) => f.vulnerability?.package.name === 'lodash');
    expect(lodash.length).toBeGreaterThan(0);
    const one = WRITERS.find((w) => w.format === 'table')?.write({ ...IMAGE_REPORT, findings: lodash }, { color: false }) ?? '';
    expect(one).toContain(`Vulnerabilities (${String(lodash.length)} in 1 package)`);
  });

  it('json validates against the report schema', () => {
    expect(reportValidator()(JSON.parse(write('json')))).toEqual([]);
  });

  it('counts secret values, not findings: a file of 2,000 keys is 11 findings', () => {
    const random = randomSource(11);
    const keys = Array.from({ length: 2000 }, () => `AKIA${random(UPPER.replace(/[01890]/g, ''), 16)}`);
    const text = keys.map((key, i) => `key${String(i)} = ${key}`).join('\n');
    const repeated = `TOKEN=${keys[0] ?? ''} ${keys[0] ?? ''}\n`;
    const image = IMAGE_REPORT.findings.find((f) => f.secret !== undefined)?.resource;
    if (image === undefined) throw new Error('the sample has a secret');
    const secrets = [...scanFileForSecrets('/srv/keys.txt', Buffer.from(text), 'sha256:l1'), ...scanFileForSecrets('/srv/.env', Buffer.from(repeated), 'sha256:l1')].map((s) => secretFinding(s, image));
    expect(secrets).toHaveLength(12);
    expect(secrets.find((f) => f.secret?.path === '/srv/.env')?.secret?.occurrences).toBe(2);
    const report: Report = { ...IMAGE_REPORT, findings: secrets };
    const table = WRITERS.find((w) => w.format === 'table')?.write(report, { color: false }) ?? '';
    expect(table).toContain('Secrets: 2,001 values in 12 findings\n');
    expect(table).toContain('Secrets (2,001 values in 12 findings)');
    expect(table).toMatch(/aws-access-key-id {2}\/srv\/keys\.txt:11:9 {2}1,990 more values not listed/);
    const html = WRITERS.find((w) => w.format === 'html')?.write(report, { color: false }) ?? '';
    expect(html).toContain('<td>2,001 values in 12 findings</td>');
    expect(reportValidator()(JSON.parse(WRITERS.find((w) => w.format === 'json')?.write(report, { color: false }) ?? ''))).toEqual([]);
    // Accepted by an exception: still counted, and said to be suppressed, as vulnerabilities are.
    const accepted = secrets.map((f) => (f.secret?.path === '/srv/.env' ? { ...f, suppressed: true, suppression: { kind: 'exception' as const, reason: 'test key', exceptionIndex: 0 } } : f));
    const suppressed = WRITERS.find((w) => w.format === 'table')?.write({ ...IMAGE_REPORT, findings: accepted }, { color: false }) ?? '';
    expect(suppressed).toContain('Secrets: 2,001 values in 12 findings (1 suppressed)\n');
  });

  it('sarif validates and carries the CVSS score GitHub ranks by', () => {
    const log = JSON.parse(write('sarif')) as { runs: { tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } } }[] };
    const validate = sarifValidator();
    if (validate === undefined) console.warn('../shared/testdata/sarif absent: SARIF schema check skipped');
    else expect(validate(log)).toEqual([]);
    const score = (id: string): unknown => log.runs[0]?.tool.driver.rules.find((r) => r.id === id)?.properties['security-severity'];
    expect(score('CVE-2021-23337')).toBe('7.2');
    expect(score('CVE-2023-5678')).toBe('5.3');
    expect(score('GHSA-aaaa-bbbb-cccc')).toBe('0.0'); // unrated: info's band
  });

  // GitHub renders a rule's help.markdown on the alert page; a package name comes from the image.
  it('sarif help Markdown escapes package names, so an image cannot put links or images on the alert page', () => {
    const name = 'x](https://attacker.example/login) ![t](https://attacker.example/t.png) <img src=x>';
    const findings = IMAGE_REPORT.findings.map((f) =>
      f.vulnerability === undefined ? f : { ...f, vulnerability: { ...f.vulnerability, package: { ...f.vulnerability.package, name } } },
    );
    const sarif = WRITERS.find((w) => w.format === 'sarif')?.write({ ...IMAGE_REPORT, findings }, { color: false }) ?? '';
    const log = JSON.parse(sarif) as { runs: { tool: { driver: { rules: { id: string; help: { markdown: string } }[] } } }[] };
    const help = log.runs[0]?.tool.driver.rules.find((r) => r.id === 'CVE-2021-23337')?.help.markdown ?? '';
    expect(help).toContain('x\\](https://attacker.example/login) !\\[t\\](https://attacker.example/t.png) \\<img src=x\\>');
    expect(help).not.toMatch(/(^|[^\\])\]\(https:\/\/attacker/);
  });
});
