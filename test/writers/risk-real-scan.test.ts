/**
 * Risk in the HTML, Markdown and JUnit writers on reports the real pipeline produced: the SDK's
 * scan of the bundled example manifests with the attack analysis on (every finding weighed) and
 * off (no risk anywhere, so none of the three shows a trace of it).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { scan } from '../../src/sdk/index.js';
import { htmlReport } from '../../src/writers/html/html.js';
import { junitWriter } from '../../src/writers/junit/junit.js';
import { markdownReport } from '../../src/writers/markdown/markdown.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const NOW = new Date('2026-11-28T12:00:00Z');

interface Node {
  [key: string]: unknown;
}

/** The testcases of every suite, parsed after a well-formedness check. */
function testcases(xml: string): Node[] {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- see junit.test.ts
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });
  const root = (parser.parse(xml) as Node).testsuites as Node;
  return (root.testsuite as Node[]).flatMap((s) => (s.testcase ?? []) as Node[]);
}

describe('risk in the html, markdown and junit writers on a real scan', () => {
  let weighed: Report;
  let plain: Report;

  beforeAll(async () => {
    weighed = await scan({ paths: ['examples/manifests'], cwd: ROOT, now: NOW });
    plain = await scan({ paths: ['examples/manifests'], cwd: ROOT, now: NOW, settings: { attackPathsEnabled: false } });
  });

  it('has a risk on every finding with the analysis on, and none with it off', () => {
    expect(weighed.findings.length).toBeGreaterThan(10);
    expect(weighed.findings.every((f) => f.risk !== undefined)).toBe(true);
    expect(plain.findings.some((f) => f.risk !== undefined)).toBe(false);
  });

  it('junit: one risk property set per finding case, none without the analysis', () => {
    const cases = testcases(junitWriter.write(weighed, { color: false }));
    const withRisk = cases.filter((c) => ((c.properties as Node | undefined)?.property as Node[] | undefined)?.some((p) => p['@name'] === 'risk'));
    expect(withRisk).toHaveLength(weighed.findings.length);
    const failures = cases.filter((c) => c.failure !== undefined);
    expect(failures.length).toBeGreaterThan(0);
    for (const c of failures) expect(String((c.failure as Node)['#text'])).toMatch(/\nRisk: \d+ (critical|high|medium|low|info) \(/);
    expect(testcases(junitWriter.write(plain, { color: false })).some((c) => c.properties !== undefined)).toBe(false);
  });

  it('markdown: a risk cell on every active finding row, riskiest first', () => {
    const text = markdownReport(weighed, ROOT);
    const rows = text.split('\n').filter((l) => /^\| (critical|high|medium|low|info) \| (\d+ (critical|high|medium|low|info)|-)/.test(l));
    const active = weighed.findings.filter((f) => !f.suppressed).length;
    expect(text).not.toContain('more lines were cut');
    expect(rows).toHaveLength(active);
    const findings = text.slice(text.indexOf('### Findings'), text.includes('<details>') ? text.indexOf('<details>') : undefined);
    const firstScore = Number(/^\| \w+ \| (\d+)/m.exec(findings)?.[1]);
    expect(firstScore).toBe(Math.max(...weighed.findings.filter((f) => !f.suppressed).map((f) => f.risk?.score ?? 0)));
    expect(markdownReport(plain, ROOT)).not.toMatch(/\| Risk \||Findings by risk/);
  });

  it('html: the column and the embedded risks with the analysis, neither without it', () => {
    const html = htmlReport(weighed);
    expect(html).toContain('id="sort-risk"');
    const data = html.slice(html.indexOf('id="palisade-data">') + 19, html.indexOf('</script>'));
    const rows = (JSON.parse(data) as { findings: { risk?: { score: number } }[] }).findings;
    expect(rows.map((r) => r.risk?.score)).toEqual(weighed.findings.map((f) => f.risk?.score));
    const markup = htmlReport(plain);
    expect(markup.slice(0, markup.indexOf('<script>'))).not.toMatch(/sort-risk|filter-risk|"risk":/);
  });
});
