/**
 * What the page's script needs per finding, flattened into display strings on this side so the
 * browser does no formatting of its own (and so the embedded data is small).
 */
import type { Finding } from '../../model/finding.js';
import { resourceKey } from '../../model/resource.js';
import type { Severity } from '../../model/severity.js';
import { placeText } from '../common/place.js';
import { describeSuppression } from '../common/suppression.js';
import { riskCell, WhyTable, type RiskCell } from './risk-column.js';

export interface FindingRow {
  readonly id: string;
  readonly severity: Severity;
  readonly status: 'fail' | 'warn';
  readonly ruleId: string;
  readonly title: string;
  readonly resource: string;
  /** `ns:<name>` or `none`: unambiguous, since any string can be a namespace in hostile input. */
  readonly namespaceKey: string;
  readonly message: string;
  readonly where: string;
  readonly threats: readonly string[];
  readonly suppressed: boolean;
  readonly suppression: string;
  /** Absent when the attack analysis did not weigh this finding. */
  readonly risk?: RiskCell;
}

export function namespaceKey(namespace: string | undefined): string {
  return namespace === undefined ? 'none' : `ns:${namespace}`;
}

function findingRow(finding: Finding, why: WhyTable): FindingRow {
  return {
    id: finding.id,
    severity: finding.severity,
    status: finding.status,
    ruleId: finding.ruleId,
    title: finding.title,
    resource: resourceKey(finding.resource),
    namespaceKey: namespaceKey(finding.resource.namespace),
    message: finding.message,
    where: placeText(finding),
    threats: finding.threats,
    suppressed: finding.suppressed,
    suppression: finding.suppressed ? describeSuppression(finding.suppression) : '',
    ...(finding.risk === undefined ? {} : { risk: riskCell(finding.risk, why) }),
  };
}

/** The page's embedded data: a row per finding in report order, and the risks' hover texts. */
export interface PageData {
  readonly findings: readonly FindingRow[];
  /** Present only when some finding has a risk, so reports without one embed what they always did. */
  readonly why?: readonly string[];
}

export function pageData(findings: readonly Finding[]): PageData {
  const why = new WhyTable();
  const rows = findings.map((f) => findingRow(f, why));
  return why.texts.length === 0 ? { findings: rows } : { findings: rows, why: why.texts };
}
