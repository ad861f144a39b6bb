/**
 * A finding's risk in JUnit terms: one line for the failure text (what a CI page shows when a
 * case is opened) and properties on the testcase (the form pytest's record_property writes, which
 * dashboards that read per-case properties understand and others ignore). Both are absent when
 * the attack analysis did not weigh the finding, so such reports are written as before.
 */
import type { Finding } from '../../model/finding.js';
import type { RiskContext } from '../../model/risk.js';
import { element } from './xml.js';

const CONTEXTS: Readonly<Record<RiskContext, string>> = {
  'on-path': 'on an attack path',
  reachable: 'reachable',
  unreachable: 'unreachable',
  'not-modelled': 'not in the attack graph',
};

/** "Risk: 100 critical (on an attack path). A step of 2 attack paths ...", or '' without a risk. */
export function riskLine(finding: Finding): string {
  const { risk } = finding;
  if (risk === undefined) return '';
  return `Risk: ${risk.score} ${risk.level} (${CONTEXTS[risk.context]}). ${risk.reason}`;
}

/** The <properties> element of a finding's testcase, named as the SARIF result properties are. */
export function riskProperties(finding: Finding, indent: string): string[] {
  const { risk } = finding;
  if (risk === undefined) return [];
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
