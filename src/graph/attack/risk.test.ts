import { describe, expect, it } from 'vitest';
import type { AttackNode, AttackPath, AttackPathsResult, AttackStep } from '../../model/attack.js';
import type { Finding } from '../../model/finding.js';
import type { Severity } from '../../model/severity.js';
import { assessRisk, BASE_SCORE, riskLevel, riskScore, attachRisk } from './risk.js';

function finding(id: string, severity: Severity, kind = 'Deployment', name = 'web', namespace = 'shop'): Finding {
  return {
    id,
    ruleId: `rule-${id}`,
    title: id,
    severity,
    status: 'fail',
    message: id,
    threats: [],
    mitre: [],
    resource: { apiVersion: 'apps/v1', kind, namespace, name },
    location: { file: 'x.yaml', line: 1, column: 1, path: '' },
    remediation: 'fix it',
    suppressed: false,
  };
}

function step(from: string, to: string, findingIds: string[] = []): AttackStep {
  return { from, to, kind: 'network', explanation: `${from} to ${to}`, evidence: {}, findingIds, fixIds: [] };
}

function node(id: string, extra: Partial<AttackNode> = {}): AttackNode {
  return { id, kind: 'workload', label: id, ...extra };
}

function path(id: string, steps: AttackStep[], likelihood: number): AttackPath {
  return { id, entry: steps[0]?.from ?? '', jewel: steps[steps.length - 1]?.to ?? '', steps, likelihood, length: steps.length };
}

/**
 * internet -> web -(token f-token)-> sa:web -(f-rbac)-> cluster-admin; web -(f-dead)-> logger (no jewel
 * beyond); orphan -(f-orphan)-> cluster-admin with nothing reaching orphan.
 */
function result(): AttackPathsResult {
  const edges = [
    step('internet', 'workload:shop/web'),
    step('workload:shop/web', 'sa:shop/web', ['f-token']),
    step('sa:shop/web', 'cluster-admin', ['f-rbac']),
    step('workload:shop/web', 'workload:shop/logger', ['f-dead']),
    step('workload:shop/orphan', 'cluster-admin', ['f-orphan']),
  ];
  const listed = path('p1', edges.slice(0, 3), 0.9);
  return {
    schemaVersion: '1.0.0',
    entries: ['internet'],
    jewels: ['cluster-admin'],
    nodes: [
      node('internet', { kind: 'internet', entry: true }),
      node('workload:shop/web', { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' } }),
      node('sa:shop/web', { kind: 'serviceaccount' }),
      node('workload:shop/logger', { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'logger' } }),
      node('workload:shop/orphan', { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'orphan' } }),
      node('cluster-admin', { kind: 'cluster-admin', label: 'cluster-admin', jewel: true }),
    ],
    edges,
    paths: [listed],
    fixes: [],
    cut: { fixIds: [], cost: 0, optimal: true, lowerBound: 0, method: 'exact-min-cut', guarantee: 'optimal', uncuttable: [] },
    stats: { nodes: 6, edges: edges.length, workloads: 3, pods: 3, paths: 1, reachablePairs: 1 },
  };
}

describe('risk score', () => {
  it('keeps the severity band when the context changes nothing', () => {
    for (const severity of ['critical', 'high', 'medium', 'low', 'info'] as const) {
      expect(riskLevel(riskScore(severity, 'reachable'))).toBe(severity);
      expect(riskLevel(riskScore(severity, 'not-modelled'))).toBe(severity);
    }
  });

  it('raises on a path by the likelihood and halves when unreachable', () => {
    expect(riskScore('low', 'on-path', 0)).toBe(60);
    expect(riskScore('low', 'on-path', 1)).toBe(100);
    expect(riskScore('high', 'on-path', 0.5)).toBe(90);
    expect(riskScore('high', 'unreachable')).toBe(30);
    expect(riskLevel(riskScore('critical', 'unreachable'))).toBe('medium');
    expect(riskScore('medium', 'on-path', 7)).toBe(100);
  });
});

describe('assessRisk', () => {
  const findings = [
    finding('f-token', 'info'),
    finding('f-rbac', 'medium', 'RoleBinding', 'web-admin'),
    finding('f-dead', 'high'),
    finding('f-orphan', 'critical', 'RoleBinding', 'orphan-admin'),
    finding('f-limits', 'low', 'Deployment', 'orphan'),
    finding('f-limits-web', 'low', 'Deployment', 'web'),
    finding('f-configmap', 'medium', 'ConfigMap', 'settings'),
  ];
  const risks = assessRisk(findings, result());

  it('raises steps of a listed path and names the jewel', () => {
    const token = risks.get('f-token');
    expect(token).toMatchObject({ context: 'on-path', paths: 1, jewels: ['cluster-admin'], likelihood: 0.9 });
    expect(token?.score).toBe(Math.round(BASE_SCORE.info + 95 * 0.95));
    expect(token?.level).toBe('critical');
    expect(token?.reason).toBe('A step of 1 attack path to cluster-admin (most likely 0.90): raised from info.');
    expect(risks.get('f-rbac')?.context).toBe('on-path');
  });

  it('leaves a reachable step that leads to no jewel at its severity', () => {
    expect(risks.get('f-dead')).toMatchObject({ context: 'reachable', score: 60, level: 'high', paths: 0 });
  });

  it('lowers a step no entry point reaches, even when it leads to a jewel', () => {
    expect(risks.get('f-orphan')).toMatchObject({ context: 'unreachable', score: 40, level: 'medium' });
  });

  it('judges findings that are no step by their object', () => {
    expect(risks.get('f-limits')).toMatchObject({ context: 'unreachable', score: 10, level: 'info' });
    expect(risks.get('f-limits-web')).toMatchObject({ context: 'reachable', score: 20, level: 'low' });
    expect(risks.get('f-configmap')).toMatchObject({ context: 'not-modelled', score: 40, level: 'medium' });
  });

  it('counts a step on an unlisted route as on a path, raised by half', () => {
    const truncated = { ...result(), paths: [] };
    expect(assessRisk([finding('f-token', 'high')], truncated).get('f-token')).toMatchObject({ context: 'on-path', score: 80, paths: 0, jewels: [] });
  });

  it('judges reachability on the whole graph when the result keeps only its paths', () => {
    const full = result();
    const pathsOnly = { ...full, edges: full.paths.flatMap((p) => p.steps), nodes: full.nodes.filter((n) => n.id !== 'workload:shop/orphan') };
    expect(assessRisk([finding('f-orphan', 'critical', 'RoleBinding', 'orphan-admin')], pathsOnly).get('f-orphan')?.context).toBe('not-modelled');
    expect(assessRisk([finding('f-orphan', 'critical', 'RoleBinding', 'orphan-admin')], pathsOnly, { nodes: full.nodes, edges: full.edges }).get('f-orphan')).toMatchObject({ context: 'unreachable', score: 40 });
  });

  it('attaches the risk to every finding in place, order kept', () => {
    const own = findings.map((f) => ({ ...f }));
    const attached = attachRisk(own, result());
    expect(attached).toBe(own);
    expect(attached.map((f) => f.id)).toEqual(findings.map((f) => f.id));
    expect(attached.every((f) => f.risk !== undefined)).toBe(true);
    expect(findings.every((f) => f.risk === undefined)).toBe(true);
  });
});
