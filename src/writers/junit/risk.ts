/**
 * A finding's risk in JUnit terms: one line for the failure text (what a CI page shows when a
 * case is opened) and properties on the testcase (the form pytest's record_property writes, which
 * dashboards that read per-case properties understand and others ignore). Both are absent when
 * the attack analysis did not weigh the finding, so such reports are written as before.
 */
import type { Finding } from '../../model/finding.js';
import type { FindingRisk } from '../../model/risk.js';
import { element } from './xml.js';
import { RISK_CONTEXTS } from '../common/risk.js';


/** "Risk: 100 critical (on an attack path). A step of 2 attack paths ...", or '' without a risk. */
export function riskLine(finding: Finding): string {
  const { risk } = finding;
  if (risk === undefined) return '';
  return `Risk: ${risk.score} ${risk.level} (${RISK_CONTEXTS[risk.context]}). ${risk.reason}`;
}

/**
 * The <properties> elements of findings' testcases, named as the SARIF result properties are.
 * Most findings of a large report share a handful of risks, so each distinct block is rendered
 * (and escaped) once per report and its lines reused.
 */
export class RiskProperties {
  private readonly rendered = new Map<string, readonly string[]>();

  of(finding: Finding, indent: string): readonly string[] {
    const { risk } = finding;
    if (risk === undefined) return [];
    const key = [indent, risk.score, risk.level, risk.context, risk.paths, risk.jewels.join(','), risk.reason].join('\u0000');
    let lines = this.rendered.get(key);
    if (lines === undefined) {
      lines = render(risk, indent);
      this.rendered.set(key, lines);
    }
    return lines;
  }
}

function render(risk: FindingRisk, indent: string): string[] {
  const inner = `${indent}  `;
  const property = (name: string, value: string | number): string[] => element(inner, 'property', { name, value });
  return element(indent, 'properties', {}, [
    ...property('risk', risk.score),
    ...property('risk-level', risk.level),
    ...property('risk-context', risk.context),
    ...property('risk-reason', risk.reason),
    ...(risk.paths === 0 ? [] : [...property('attack-paths', risk.paths), ...property('crown-jewels', risk.jewels.join(','))]),
  ]);
}
