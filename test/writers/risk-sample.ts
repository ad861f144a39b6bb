/**
 * Risk fixtures for the HTML, Markdown and JUnit writers: the hostile report with a risk on every
 * finding whose reason carries the hostile strings (a reason names crown jewels, and jewel labels
 * come from object names in the input), and a report where only some findings carry a risk.
 */
import type { Finding } from '../../src/model/finding.js';
import type { Report } from '../../src/model/report.js';
import type { FindingRisk } from '../../src/model/risk.js';
import { HOSTILE_MESSAGE, HOSTILE_NAME, HOSTILE_REPORT } from './hostile-report.js';

export const HOSTILE_REASON = `A step of 1 attack path to secrets of ${HOSTILE_NAME} ${HOSTILE_MESSAGE}: raised from low.`;

function hostileRisk(index: number): FindingRisk {
  // The first finding is lowered (unreachable), the rest raised, so both arrows appear.
  if (index === 0) return { score: 30, level: 'low', context: 'unreachable', paths: 0, jewels: [], reason: HOSTILE_REASON };
  return { score: 90 - index, level: 'critical', context: 'on-path', paths: 1, jewels: [`secrets:${HOSTILE_NAME}`], likelihood: 0.5, reason: HOSTILE_REASON };
}

export function riskyHostileReport(): Report {
  return { ...HOSTILE_REPORT, findings: HOSTILE_REPORT.findings.map((f, i): Finding => ({ ...f, risk: hostileRisk(i) })) };
}
