import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.js';
import { SEVERITIES } from '../model/severity.js';
import { compareFindings, sortFindings } from './gate.js';

/** Deterministic pseudo-random findings with many ties on every sort field. */
function findings(count: number): Finding[] {
  let seed = 7;
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  return Array.from({ length: count }, (_, i) => ({
    id: `f${String(i)}`,
    ruleId: `rule-${String(next(4))}`,
    title: 't',
    severity: SEVERITIES[next(SEVERITIES.length)] ?? 'info',
    status: 'fail',
    message: `message ${String(next(3))}`,
    threats: [],
    mitre: [],
    resource: { apiVersion: 'v1', kind: 'Pod', name: `p${String(i)}` },
    location: { file: ['b.yaml', 'a.yaml', 'a/b.yaml', 'Z.yaml', ''][next(5)] ?? '', line: 1 + next(5), column: 1 + next(3), path: '' },
    remediation: 'r',
    suppressed: false,
  }));
}

describe('sortFindings', () => {
  it('orders exactly as compareFindings does, ties included', () => {
    const input = findings(3000);
    const expected = [...input].sort(compareFindings).map((f) => f.id);
    expect(sortFindings(input).map((f) => f.id)).toEqual(expected);
  });

  it('leaves its input as it was', () => {
    const input = findings(50);
    const before = input.map((f) => f.id);
    sortFindings(input);
    expect(input.map((f) => f.id)).toEqual(before);
  });
});
