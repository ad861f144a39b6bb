/**
 * JUnit XML for CI test dashboards: one <testsuite> per rule, one <testcase> per finding
 * (classname = rule id, name = resource, with the field pointer when one resource has several
 * cases: names are unique in a suite, ./case-names.ts), and one passing <testcase> per rule that
 * stands for the resources that passed. Suppressed findings are <skipped>; warn findings pass with their message
 * in <system-out>, since they never fail the gate. Input problems (a file that could not be read)
 * get a suite of their own, so a dashboard shows lost input rather than a clean run; so do the
 * checks of scanned images (./images.ts).
 *
 * With the attack analysis, each finding's case also carries its risk (score, level, context and
 * reason) in its text and as testcase properties (./risk.ts).
 *
 * Counts on <testsuite> and <testsuites> are counts of the elements written (testcases, failures,
 * errors, skipped), which is what JUnit consumers recompute and compare.
 */
import { defineWriter } from '../../core/writer.js';
import type { Finding } from '../../model/finding.js';
import type { Report, RuleStatus } from '../../model/report.js';
import { resourceKey } from '../../model/resource.js';
import type { Severity } from '../../model/severity.js';
import { isWorkspaceFile, placeText } from '../common/place.js';
import { compareText } from '../../lib/compare.js';
import { describeSuppression } from '../common/suppression.js';
import { plural } from '../common/summary.js';
import { uniqueNames } from './case-names.js';
import { imageSuite } from './images.js';
import { RiskProperties, riskLine } from './risk.js';
import { element, textElement } from './xml.js';

interface Suite {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly threats: readonly string[];
  readonly counts: Readonly<Record<RuleStatus, number>>;
  readonly findings: readonly Finding[];
}

/** Rules from report.rules, plus any rule only findings name (counted as one failure each). */
function suites(report: Report): Suite[] {
  const byRule = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byRule.get(finding.ruleId);
    if (list === undefined) byRule.set(finding.ruleId, [finding]);
    else list.push(finding);
  }
  const result: Suite[] = report.rules.map((rule) => ({ ...rule, findings: byRule.get(rule.ruleId) ?? [] }));
  const known = new Set(report.rules.map((r) => r.ruleId));
  for (const [ruleId, findings] of byRule) {
    const first = findings[0];
    if (known.has(ruleId) || first === undefined) continue;
    const counts = { pass: 0, fail: findings.length, warn: 0, error: 0, skip: 0 };
    result.push({ ruleId, title: first.title, severity: first.severity, threats: first.threats, counts, findings });
  }
  return result.sort((a, b) => compareText(a.ruleId, b.ruleId));
}

/**
 * A finding case is named by its object; when the suite has several cases for one object, by
 * the pointer of the offending field too, then by the file (./case-names.ts).
 */
function findingCaseNames(findings: readonly Finding[]): string[] {
  const pointer = (index: number): string => {
    const path = findings[index]?.location.path ?? '';
    return path === '' ? '/' : path;
  };
  const file = (index: number): string => {
    const name = findings[index]?.location.file ?? '';
    return name === '' ? '' : `in ${name}`;
  };
  return uniqueNames(findings.map((f) => resourceKey(f.resource)), [pointer, file]);
}

function findingCase(finding: Finding, name: string, indent: string, risks: RiskProperties): string[] {
  const inner = `${indent}  `;
  const { file, line } = finding.location;
  // file/line let CI annotate the source; an object from a live cluster, or a file inside an
  // image, is no file of the workspace to annotate.
  const named = { classname: finding.ruleId, name };
  const attrs = !isWorkspaceFile(finding) ? named : line < 1 ? { ...named, file } : { ...named, file, line };
  // The risk goes right after the message: it is what decides how soon to act on the failure.
  const risk = riskLine(finding);
  const details = `${finding.message}\n${risk === '' ? '' : `${risk}\n`}at ${placeText(finding)}\nRemediation: ${finding.remediation}`;
  const properties = risks.of(finding, inner);
  if (finding.suppressed) {
    return element(indent, 'testcase', attrs, [...properties, ...element(inner, 'skipped', { message: `suppressed by ${describeSuppression(finding.suppression)}` })]);
  }
  if (finding.status === 'warn') {
    return element(indent, 'testcase', attrs, [...properties, textElement(inner, 'system-out', {}, `warning (${finding.severity}): ${details}`)]);
  }
  return element(indent, 'testcase', attrs, [...properties, textElement(inner, 'failure', { message: finding.message, type: finding.severity }, details)]);
}

function summaryCases(suite: Suite, indent: string): string[] {
  const inner = `${indent}  `;
  const { pass, error, skip } = suite.counts;
  const cases = pass > 0 ? element(indent, 'testcase', { classname: suite.ruleId, name: `${plural(pass, 'resource')} passed` }) : [];
  if (error > 0) {
    const message = `the rule failed on ${plural(error, 'resource')}; see the report's errors`;
    cases.push(...element(indent, 'testcase', { classname: suite.ruleId, name: `${plural(error, 'resource')} errored` }, element(inner, 'error', { message, type: 'rule-error' })));
  }
  if (skip > 0) {
    const skipped = element(inner, 'skipped', { message: 'the rule does not apply to these resources' });
    cases.push(...element(indent, 'testcase', { classname: suite.ruleId, name: `${plural(skip, 'resource')} skipped` }, skipped));
  }
  return cases;
}

interface Totals {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** One testcase per finding, plus the pass, error and skip summary cases that are written. */
function totals(suite: Suite): Totals {
  const { pass, error, skip } = suite.counts;
  const active = suite.findings.filter((f) => !f.suppressed);
  const summaries = (pass > 0 ? 1 : 0) + (error > 0 ? 1 : 0) + (skip > 0 ? 1 : 0);
  return {
    tests: suite.findings.length + summaries,
    failures: active.filter((f) => f.status === 'fail').length,
    errors: error > 0 ? 1 : 0,
    skipped: suite.findings.length - active.length + (skip > 0 ? 1 : 0),
  };
}

const INPUT_SUITE = 'palisade-inputs';

/** Errors (lost input) are <error> cases; warnings pass with their text, as warn findings do. */
function inputSuite(report: Report): { lines: string[]; totals: Totals } | undefined {
  if (report.errors.length === 0) return undefined;
  const names = uniqueNames(
    report.errors.map((p) => {
      const where = p.file === undefined ? '' : `${p.file}${p.line === undefined ? '' : `:${p.line}:${p.column ?? 1}`}`;
      return `${p.code}${where === '' ? '' : ` ${where}`}`;
    }),
  );
  const cases = report.errors.flatMap((p, index) => {
    const attrs = { classname: INPUT_SUITE, name: names[index] ?? p.code };
    const text = `${p.message}${p.hint === undefined ? '' : `\nHint: ${p.hint}`}`;
    return p.level === 'error'
      ? element('    ', 'testcase', attrs, [textElement('      ', 'error', { message: p.message, type: p.code }, text)])
      : element('    ', 'testcase', attrs, [textElement('      ', 'system-out', {}, `${p.level}: ${text}`)]);
  });
  const errors = report.errors.filter((p) => p.level === 'error').length;
  const totals = { tests: report.errors.length, failures: 0, errors, skipped: 0 };
  const attrs = { name: INPUT_SUITE, ...totals, timestamp: report.generatedAt };
  return { lines: element('  ', 'testsuite', attrs, cases), totals };
}

function suiteElement(suite: Suite, report: Report, risks: RiskProperties): { lines: string[]; totals: Totals } {
  const t = totals(suite);
  const properties = element('    ', 'properties', {}, [
    ...element('      ', 'property', { name: 'title', value: suite.title }),
    ...element('      ', 'property', { name: 'severity', value: suite.severity }),
    ...element('      ', 'property', { name: 'threats', value: suite.threats.join(',') }),
  ]);
  const names = findingCaseNames(suite.findings);
  const cases = [...suite.findings.flatMap((f, index) => findingCase(f, names[index] ?? '', '    ', risks)), ...summaryCases(suite, '    ')];
  const attrs = { name: suite.ruleId, tests: t.tests, failures: t.failures, errors: t.errors, skipped: t.skipped, timestamp: report.generatedAt };
  return { lines: element('  ', 'testsuite', attrs, [...properties, ...cases]), totals: t };
}

export const junitWriter = defineWriter({
  format: 'junit',
  description: 'JUnit XML: one test suite per rule, for CI test dashboards.',
  extension: 'xml',
  write(report) {
    const inputs = inputSuite(report);
    const images = imageSuite(report);
    const risks = new RiskProperties();
    const rendered = [...(inputs === undefined ? [] : [inputs]), ...(images === undefined ? [] : [images]), ...suites(report).map((s) => suiteElement(s, report, risks))];
    const sum = (key: keyof Totals): number => rendered.reduce((n, r) => n + r.totals[key], 0);
    const root = { name: 'palisade', tests: sum('tests'), failures: sum('failures'), errors: sum('errors'), skipped: sum('skipped'), timestamp: report.generatedAt };
    const lines = ['<?xml version="1.0" encoding="UTF-8"?>', ...element('', 'testsuites', root, rendered.flatMap((r) => r.lines))];
    return `${lines.join('\n')}\n`;
  },
});
