/**
 * JUnit for image scans: a clean image scan is a run with passing tests (CI tools fail or warn on
 * a report with none), a check that did not run is skipped, and the counts add up.
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { junitWriter } from '../../src/writers/junit/junit.js';
import { IMAGE_REPORT } from './image-report.js';

interface Case {
  '@name': string;
  skipped?: { '@message': string };
  failure?: unknown;
}
interface Suite {
  '@name': string;
  '@tests': string;
  '@failures': string;
  '@skipped': string;
  testcase?: Case[];
}
interface Root {
  '@tests': string;
  '@failures': string;
  '@skipped': string;
  testsuite?: Suite[];
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['testsuite', 'testcase'].includes(name) });

function parse(report: Report): Root {
  return (parser.parse(junitWriter.write(report, { color: false })) as { testsuites: Root }).testsuites;
}

const SUMMARY = IMAGE_REPORT.summary;
const CLEAN: Report = { ...IMAGE_REPORT, findings: [], summary: { ...SUMMARY, findings: 0, suppressed: 0, failed: false } };

describe('junit writer on image scans', () => {
  it('a clean image scan has passing tests, not an empty report', () => {
    const root = parse(CLEAN);
    expect(Number(root['@tests'])).toBeGreaterThan(0);
    expect(root['@failures']).toBe('0');
    const suite = root.testsuite?.find((s) => s['@name'] === 'palisade-images');
    expect(suite?.testcase?.map((c) => c['@name'])).toEqual(['vulnerabilities: Image/registry.example/shop/web:2.4.1', 'secrets: Image/registry.example/shop/web:2.4.1']);
    expect(suite?.testcase?.every((c) => c.skipped === undefined && c.failure === undefined)).toBe(true);
  });

  it('a check that did not run is skipped, with the reason', () => {
    const image = IMAGE_REPORT.images?.[0];
    if (image === undefined) throw new Error('the sample has an image');
    const unchecked: Report = { ...CLEAN, images: [{ ...image, vulnerabilities: { checked: false, reason: 'no advisory store at /x/db.sqlite' }, secretsChecked: false }] };
    const root = parse(unchecked);
    const suite = root.testsuite?.find((s) => s['@name'] === 'palisade-images');
    expect(suite?.['@skipped']).toBe('2');
    expect(root['@skipped']).toBe('2');
    expect(suite?.testcase?.map((c) => c.skipped?.['@message'])).toEqual(['not checked: no advisory store at /x/db.sqlite', 'not searched']);
  });

  it('suite and root counts are the counts of the elements written', () => {
    const root = parse(IMAGE_REPORT);
    const suites = root.testsuite ?? [];
    for (const s of suites) {
      const cases = s.testcase ?? [];
      expect(Number(s['@tests']), s['@name']).toBe(cases.length);
      expect(Number(s['@skipped']), s['@name']).toBe(cases.filter((c) => c.skipped !== undefined).length);
      expect(Number(s['@failures']), s['@name']).toBe(cases.filter((c) => c.failure !== undefined).length);
    }
    expect(Number(root['@tests'])).toBe(suites.reduce((n, s) => n + Number(s['@tests']), 0));
    expect(Number(root['@skipped'])).toBe(suites.reduce((n, s) => n + Number(s['@skipped']), 0));
  });
});
