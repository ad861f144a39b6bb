/**
 * Every writer on a report the real pipeline produced (the SDK's scan of the bundled example
 * manifests), not only on the hand-made sample: the JSON must satisfy the report schema, the SARIF
 * the OASIS schema, the JUnit must be well-formed, and nothing may depend on anything but the report.
 */
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { scan } from '../../src/sdk/index.js';
import { WRITERS, writerFor } from '../../src/writers/index.js';
import { reportValidator } from './report-schema.js';
import { sarifValidator } from './sarif-schema.js';

const ROOT = new URL('../..', import.meta.url).pathname;

function write(report: Report, format: string): string {
  const writer = writerFor(format);
  if (writer === undefined) throw new Error(`no writer ${format}`);
  return writer.write(report, { color: false });
}

describe('writers on a real scan of examples/manifests', () => {
  let report: Report;

  beforeAll(async () => {
    report = await scan({ paths: ['examples/manifests'], cwd: ROOT, now: new Date('2026-11-28T12:00:00Z') });
  });

  it('scans something worth writing', () => {
    expect(report.findings.length).toBeGreaterThan(10);
    expect(report.rules.length).toBeGreaterThan(10);
  });

  it('json validates against schemas/report.schema.json', () => {
    expect(reportValidator()(JSON.parse(write(report, 'json')))).toEqual([]);
  });

  it('sarif validates against the OASIS schema, one result per finding', () => {
    const validate = sarifValidator();
    const log = JSON.parse(write(report, 'sarif')) as { runs: { results: unknown[] }[] };
    expect(log.runs[0]?.results).toHaveLength(report.findings.length);
    if (validate === undefined) {
      console.log('SARIF schema check skipped: ../shared/testdata/sarif is absent');
      return;
    }
    expect(validate(log)).toEqual([]);
  });

  it('junit is well-formed', () => {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- see junit.test.ts
    expect(XMLValidator.validate(write(report, 'junit'))).toBe(true);
  });

  it('every writer is deterministic on it', () => {
    for (const writer of WRITERS) expect(writer.write(report, { color: true }), writer.format).toBe(writer.write(report, { color: true }));
  });
});
