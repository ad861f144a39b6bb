/**
 * Writers on an image scan: golden files for every format, the JSON valid against the report
 * schema, the SARIF against SARIF 2.1.0 with CVSS security-severity, and hostile package names
 * neutralised on the terminal.
 */
import { describe, expect, it } from 'vitest';
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
    expect(table).toMatch(/CVE-2022-46175 +Image\/registry\.example\/shop\/web:2\.4\.1 +VEX vex\/web\.openvex\.json: not_affected/);
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
});
