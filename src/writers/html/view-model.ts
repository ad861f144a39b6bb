/**
 * What the page's script needs per finding, flattened into display strings on this side so the
 * browser does no formatting of its own (and so the embedded data is small).
 */
import type { Finding } from '../../model/finding.js';
import { resourceKey } from '../../model/resource.js';
import type { Severity } from '../../model/severity.js';
import { describeSuppression } from '../common/suppression.js';
import { riskCell, type RiskCell } from './risk-column.js';

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

export function findingRow(finding: Finding): FindingRow {
  const { file, line, column, path } = finding.location;
  return {
    id: finding.id,
    severity: finding.severity,
    status: finding.status,
    ruleId: finding.ruleId,
    title: finding.title,
    resource: resourceKey(finding.resource),
    namespaceKey: namespaceKey(finding.resource.namespace),
    message: finding.message,
    where: `${file}:${line}:${column} ${path === '' ? '/' : path}`,
    threats: finding.threats,
    suppressed: finding.suppressed,
    suppression: finding.suppressed ? describeSuppression(finding.suppression) : '',
    ...(finding.risk === undefined ? {} : { risk: riskCell(finding.risk) }),
  };
}
