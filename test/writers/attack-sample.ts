/**
 * Attack-path fixtures for the writers: a small realistic result tied to the sample report's
 * findings (the internet reaches shop/web, whose automounted token binds cluster-admin; the
 * privileged node agent escapes to its node), and a generator of larger path sets (50 nodes and
 * more) with long and wide labels, for the readability checks of the picture.
 */
import type { AttackFix, AttackNode, AttackPath, AttackPathsResult, AttackStep, AttackStepKind } from '../../src/model/attack.js';
import type { Report } from '../../src/model/report.js';
import type { FindingRisk } from '../../src/model/risk.js';
import { assessRisk } from '../../src/graph/attack/risk.js';
import { SAMPLE_REPORT } from './sample-report.js';

function step(from: string, to: string, kind: AttackStepKind, explanation: string, findingIds: string[] = [], fixIds: string[] = []): AttackStep {
  return { from, to, kind, explanation, evidence: {}, findingIds, fixIds };
}

function path(id: string, steps: AttackStep[], likelihood: number): AttackPath {
  return { id, entry: steps[0]?.from ?? '', jewel: steps[steps.length - 1]?.to ?? '', steps, likelihood, length: steps.length };
}

function findingId(ruleId: string): string {
  const found = SAMPLE_REPORT.findings.find((f) => f.ruleId === ruleId);
  if (found === undefined) throw new Error(`attack sample: no finding of ${ruleId}`);
  return found.id;
}

const NODES: AttackNode[] = [
  { id: 'internet', kind: 'internet', label: 'internet', entry: true },
  { id: 'workload:shop/Deployment/web', kind: 'workload', label: 'Deployment web', namespace: 'shop', replicas: 3, resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' } },
  { id: 'sa:shop/web', kind: 'serviceaccount', label: 'ServiceAccount web', namespace: 'shop', resource: { apiVersion: 'v1', kind: 'ServiceAccount', namespace: 'shop', name: 'web' } },
  { id: 'workload:kube-system/DaemonSet/node-agent', kind: 'workload', label: 'DaemonSet node-agent', namespace: 'kube-system', entry: true, resource: { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'kube-system', name: 'node-agent' } },
  { id: 'nodes', kind: 'node', label: 'every node', jewel: true },
  { id: 'secrets:*', kind: 'secret', label: 'secrets of every namespace', jewel: true },
  { id: 'cluster-admin', kind: 'cluster-admin', label: 'cluster-admin', jewel: true },
];

const S = {
  inWeb: step('internet', 'workload:shop/Deployment/web', 'network', 'The internet reaches Deployment shop/web through Service web (LoadBalancer) on TCP 8080.', [], ['fix-np-web']),
  token: step('workload:shop/Deployment/web', 'sa:shop/web', 'token-theft', 'Code in Deployment shop/web reads the automounted token of ServiceAccount shop/web.', [findingId('automount-service-account-token')], ['fix-automount-web']),
  admin: step('sa:shop/web', 'cluster-admin', 'rbac', 'ServiceAccount shop/web is bound to cluster-admin by ClusterRoleBinding ops-admin.', [findingId('cluster-admin-binding')], ['fix-binding-ops-admin']),
  secrets: step('sa:shop/web', 'secrets:*', 'secret-read', 'ServiceAccount shop/web may get and list secrets in every namespace (cluster-admin).', [findingId('cluster-admin-binding')], ['fix-binding-ops-admin']),
  escape: step('workload:kube-system/DaemonSet/node-agent', 'nodes', 'escape', 'DaemonSet kube-system/node-agent shares the host network and mounts the runtime socket: root on its node.', [findingId('host-network'), findingId('host-path-mount')], ['fix-drop-agent']),
  webEscape: step('workload:shop/Deployment/web', 'nodes', 'escape', 'Deployment shop/web runs privileged: root on its node.', [findingId('privileged-container')], ['fix-drop-web']),
};

const FIXES: AttackFix[] = [
  { id: 'fix-automount-web', kind: 'disable-automount', description: 'Set automountServiceAccountToken: false on Deployment shop/web.', cost: 1, resource: NODES[1]?.resource ?? { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, cuts: ['p-admin', 'p-secrets'], patch: 'spec:\n  template:\n    spec:\n      automountServiceAccountToken: false\n', patchType: 'merge' },
  { id: 'fix-drop-web', kind: 'drop-privilege', description: 'Remove privileged: true from Deployment shop/web.', cost: 2, resource: NODES[1]?.resource ?? { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, cuts: ['p-web-escape'], patch: 'spec:\n  template:\n    spec:\n      containers:\n        - name: app\n          securityContext:\n            privileged: false\n', patchType: 'merge' },
  { id: 'fix-drop-agent', kind: 'drop-privilege', description: 'Remove hostNetwork and the runtime socket hostPath from DaemonSet kube-system/node-agent.', cost: 2, resource: NODES[3]?.resource ?? { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'node-agent' }, cuts: ['p-escape'] },
  { id: 'fix-binding-ops-admin', kind: 'remove-binding', description: 'Delete ClusterRoleBinding ops-admin.', cost: 2, resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: 'ops-admin' }, cuts: ['p-admin', 'p-secrets'], patchType: 'delete' },
  { id: 'fix-np-web', kind: 'network-policy', description: 'Add a NetworkPolicy denying ingress to Deployment shop/web.', cost: 3, cuts: ['p-admin', 'p-secrets', 'p-web-escape'] },
];

const PATHS = [
  path('p-escape', [S.escape], 0.9),
  path('p-web-escape', [S.inWeb, S.webEscape], 0.9),
  path('p-admin', [S.inWeb, S.token, S.admin], 1),
  path('p-secrets', [S.inWeb, S.token, S.secrets], 1),
];

export const ATTACK_RESULT: AttackPathsResult = {
  schemaVersion: '1.0.0',
  entries: ['internet', 'workload:kube-system/DaemonSet/node-agent'],
  jewels: ['cluster-admin', 'nodes', 'secrets:*'],
  nodes: NODES,
  edges: Object.values(S),
  paths: PATHS,
  fixes: FIXES,
  cut: { fixIds: ['fix-drop-agent', 'fix-np-web'], cost: 5, optimal: true, lowerBound: 5, method: 'exact-hitting-set', guarantee: 'optimal', uncuttable: [] },
  stats: { nodes: NODES.length, edges: 6, workloads: 2, pods: 4, paths: 4, reachablePairs: 4 },
};

/** A generated path set of about `size` nodes in six columns, with some steps that skip a column. */
export function generatedPathSet(size = 50, options: { readonly hostileLabel?: string } = {}): AttackPathsResult {
  const columns = [0.1, 0.3, 0.2, 0.14, 0.12].map((share) => Math.max(1, Math.round(share * size)));
  const jewelCount = Math.max(1, size - columns.reduce((a, b) => a + b, 0));
  const kinds = ['workload', 'workload', 'serviceaccount', 'permission', 'node'] as const;
  const labels = ['Deployment', 'Deployment', 'ServiceAccount', 'holder of ClusterRole', 'node'];
  const nodes: AttackNode[] = [];
  const layer: string[][] = columns.map((count, c) =>
    Array.from({ length: count }, (_, i) => {
      const id = `c${c}-n${i}`;
      const long = i % 4 === 0 ? '-payments-reconciliation-worker-with-a-very-long-name' : '';
      const wide = i % 9 === 5 ? '-決済サービス' : '';
      const label = c === 0 && i === 1 && options.hostileLabel !== undefined ? options.hostileLabel : `${labels[c] ?? 'x'} app-${c}-${i}${long}${wide}`;
      nodes.push({ id, kind: kinds[c] ?? 'workload', label, namespace: `team-${i % 7}`, ...(c === 0 ? { entry: true } : {}) });
      return id;
    }),
  );
  const jewels = Array.from({ length: jewelCount }, (_, i) => {
    const id = i === 0 ? 'cluster-admin' : `secrets:team-${i}`;
    nodes.push({ id, kind: i === 0 ? 'cluster-admin' : 'secret', label: i === 0 ? 'cluster-admin' : `secrets of namespace team-${i}`, jewel: true });
    return id;
  });
  const stepKinds: AttackStepKind[] = ['network', 'token-theft', 'rbac', 'exec', 'host-compromise'];
  const paths: AttackPath[] = [];
  const fixes: AttackFix[] = [];
  const count = Math.max(...columns, jewelCount) * 2;
  for (let p = 0; p < count; p++) {
    const ids = [layer[0]?.[p % (columns[0] ?? 1)] ?? ''];
    const firstRound = p < count / 2;
    for (let c = 1; c < columns.length; c++) {
      // The first round of paths goes through every node; in the second every third path skips a
      // column (so some steps span two columns) and the choices mix.
      if (!firstRound && (p + c) % 3 === 0 && c < columns.length - 1) continue;
      ids.push(layer[c]?.[(firstRound ? p : p * 7 + c) % (columns[c] ?? 1)] ?? '');
    }
    ids.push(jewels[p % jewelCount] ?? '');
    const steps = ids.slice(1).map((to, i) => {
      const from = ids[i] ?? '';
      const fixIds = i === 1 && p % 5 === 0 ? [`fix-${p}`] : [];
      return step(from, to, stepKinds[i % stepKinds.length] ?? 'network', `${from} reaches ${to}.`, [], fixIds);
    });
    if (p % 5 === 0) fixes.push({ id: `fix-${p}`, kind: 'disable-automount', description: `Disable the token of path ${p}.`, cost: 1, cuts: [`path-${p}`] });
    paths.push(path(`path-${p}`, steps, 1 - p / (2 * count)));
  }
  paths.sort((a, b) => a.length - b.length || b.likelihood - a.likelihood);
  const edges = [...new Map(paths.flatMap((p) => p.steps).map((s) => [`${s.from}>${s.to}`, s])).values()];
  return {
    schemaVersion: '1.0.0',
    entries: layer[0] ?? [],
    jewels,
    nodes,
    edges,
    paths,
    fixes,
    cut: { fixIds: fixes.map((f) => f.id), cost: fixes.length, optimal: false, lowerBound: 1, method: 'flow-fallback', guarantee: `at most ${fixes.length}.0 x the optimum`, uncuttable: [] },
    stats: { nodes: nodes.length, edges: edges.length, workloads: (columns[0] ?? 0) + (columns[1] ?? 0), pods: 100, paths: paths.length, reachablePairs: paths.length },
  };
}

/** A report with the attack section, each finding's risk and the path gate set. */
export function withAttackPaths(report: Report, result: AttackPathsResult, risks: ReadonlyMap<string, FindingRisk> = assessRisk(report.findings, result)): Report {
  return {
    ...report,
    summary: { ...report.summary, failOnPath: true, attackPaths: result.paths.length, failed: report.summary.failed || result.paths.length > 0 },
    findings: report.findings.map((f) => {
      const risk = risks.get(f.id);
      return risk === undefined ? f : { ...f, risk };
    }),
    attackPaths: result,
  };
}

/** The sample report as a scan with the attack analysis writes it: the writers' golden input. */
export const ATTACK_REPORT: Report = withAttackPaths(SAMPLE_REPORT, ATTACK_RESULT);
