// RBAC benchmark: a generated cluster with 20,000 Roles/ClusterRoles and 50,000 bindings.
// Prints index build time, who-can median/p95, escalation graph + paths time and peak RSS.
// Run after `npm run build`: node bench/rbac.mjs   (PALISADE_DIST=dir to use another build)
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = process.env.PALISADE_DIST ?? path.resolve(import.meta.dirname, '../dist');
const rbac = await import(pathToFileURL(path.join(dist, 'graph/rbac/index.js')).href);
const { runRules } = await import(pathToFileURL(path.join(dist, 'core/engine.js')).href);
const { ResourceIndex } = await import(pathToFileURL(path.join(dist, 'core/resource-index.js')).href);
const { RULES } = await import(pathToFileURL(path.join(dist, 'rules/index.js')).href);
const { shareRbacIndex } = await import(pathToFileURL(path.join(dist, 'graph/rbac/risks/outcomes.js')).href);
const { withBuiltInRoles } = await import(pathToFileURL(path.join(dist, 'graph/rbac/risks/built-in.js')).href);

const ROLES = 20_000;
const BINDINGS = 50_000;
const NAMESPACES = 300;
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];
const some = (list, max) => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(list)))];

const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const RARE_VERBS = ['bind', 'escalate', 'impersonate', '*'];
const RESOURCES = [['', 'pods'], ['', 'pods/log'], ['', 'pods/exec'], ['', 'services'], ['', 'configmaps'], ['', 'secrets'], ['', 'serviceaccounts'], ['', 'serviceaccounts/token'], ['apps', 'deployments'], ['apps', 'deployments/scale'], ['apps', 'statefulsets'], ['batch', 'jobs'], ['networking.k8s.io', 'ingresses'], ['example.com', 'widgets'], ['example.com', 'gadgets'], ['*', '*'], ['apps', '*/scale']];
const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `ns-${i}`);
const positions = { get: () => undefined, nearest: () => undefined };
let doc = 0;
const resource = (object) => ({
  apiVersion: object.apiVersion,
  kind: object.kind,
  name: object.metadata.name,
  ...(object.metadata.namespace === undefined ? {} : { namespace: object.metadata.namespace }),
  object,
  source: { file: 'generated.yaml', documentIndex: doc++, pointerPrefix: '', position: { line: 1, column: 1 }, positions },
});

function rule() {
  const [group, res] = pick(RESOURCES);
  const verbs = random() < 0.05 ? [pick(RARE_VERBS)] : some(VERBS, 4);
  const r = { apiGroups: [group], resources: [res], verbs };
  if (random() < 0.1) r.resourceNames = [`obj-${Math.floor(random() * 50)}`];
  return r;
}

const resources = [];
const roleNames = [];
for (let i = 0; i < ROLES; i++) {
  const cluster = i % 2 === 0;
  const metadata = cluster ? { name: `cr-${i}` } : { name: `r-${i}`, namespace: pick(namespaces) };
  if (cluster && i % 500 === 0) metadata.labels = { 'bench/aggregate': 'true' };
  roleNames.push({ kind: cluster ? 'ClusterRole' : 'Role', ...metadata });
  const rules = Array.from({ length: 1 + Math.floor(random() * 5) }, rule);
  resources.push(resource({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: cluster ? 'ClusterRole' : 'Role', metadata, rules }));
}
resources.push(resource({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'aggregated' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'bench/aggregate': 'true' } }] } }));
for (let i = 0; i < BINDINGS; i++) {
  const role = pick(roleNames);
  const subjects = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
    const n = random();
    if (n < 0.4) return { kind: 'User', name: `user-${Math.floor(random() * 5000)}` };
    if (n < 0.6) return { kind: 'Group', name: `group-${Math.floor(random() * 500)}` };
    return { kind: 'ServiceAccount', name: `sa-${Math.floor(random() * 20)}`, namespace: pick(namespaces) };
  });
  const clusterWide = role.kind === 'ClusterRole' && random() < 0.1;
  const metadata = clusterWide ? { name: `crb-${i}` } : { name: `rb-${i}`, namespace: role.namespace ?? pick(namespaces) };
  resources.push(resource({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: clusterWide ? 'ClusterRoleBinding' : 'RoleBinding', metadata, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: role.kind, name: role.name }, subjects }));
}
for (const ns of namespaces) {
  for (let p = 0; p < 5; p++) {
    resources.push(resource({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${p}`, namespace: ns }, spec: { serviceAccountName: `sa-${p}`, containers: [{ name: 'c', image: 'x' }] } }));
  }
}

// Wall time, and CPU time (user + system) which a loaded machine disturbs less.
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const cpuMs = (start) => { const u = process.cpuUsage(start); return (u.user + u.system) / 1000; };
let peak = process.memoryUsage().rss;
const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };

let t = process.hrtime.bigint();
let c = process.cpuUsage();
// As a scan and the rbac commands build it: with the default roles bindings refer to.
const index = rbac.RbacIndex.build(withBuiltInRoles(resources));
const inventory = rbac.buildInventory(resources);
const buildMs = ms(t);
const buildCpu = cpuMs(c);
sample();

const times = [];
const cpuTimes = [];
for (let q = 0; q < 500; q++) {
  const [group, res] = pick(RESOURCES.filter(([g]) => g !== '*'));
  const slash = res.indexOf('/');
  const request = { type: 'resource', verb: pick(VERBS), apiGroup: group, resource: slash < 0 ? res : res.slice(0, slash), ...(slash < 0 ? {} : { subresource: res.slice(slash + 1) }), namespace: random() < 0.2 ? '' : pick(namespaces), name: '' };
  t = process.hrtime.bigint();
  c = process.cpuUsage();
  index.whoCan(request);
  times.push(ms(t));
  cpuTimes.push(cpuMs(c));
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
sample();

t = process.hrtime.bigint();
c = process.cpuUsage();
const graph = rbac.buildEscalationGraph(index, inventory);
const paths = rbac.findPaths(graph, {});
const graphMs = ms(t);
const graphCpu = cpuMs(c);
sample();

// The risk findings as a scan makes them: every rbac-* rule through the engine, sharing the RBAC
// index built above (a scan builds it once, on the first rule that asks).
t = process.hrtime.bigint();
c = process.cpuUsage();
const scanIndex = new ResourceIndex(resources);
shareRbacIndex(scanIndex, index);
const risk = runRules(RULES.filter((r) => r.id.startsWith('rbac-')).map((rule) => ({ rule, options: undefined })), scanIndex);
const riskMs = ms(t);
const riskCpu = cpuMs(c);
sample();
const riskErrors = risk.rules.reduce((n, r) => n + r.counts.error, 0);

const kinds = {}; for (const e of graph.edges) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1; if (process.env.RBAC_BENCH_KINDS) console.log(kinds);
console.log(`roles ${ROLES + 1}, bindings ${BINDINGS}, pods ${NAMESPACES * 5}`);
console.log(`index build:        ${buildMs.toFixed(0)} ms wall, ${buildCpu.toFixed(0)} ms CPU (budget 2000)`);
console.log(`who-can:            median ${times[times.length >> 1].toFixed(2)} ms wall / ${cpuTimes[cpuTimes.length >> 1].toFixed(2)} ms CPU, p95 ${times[Math.floor(times.length * 0.95)].toFixed(2)} ms wall (budget: median 10)`);
console.log(`escalation graph:   ${graphMs.toFixed(0)} ms wall, ${graphCpu.toFixed(0)} ms CPU, ${graph.nodes.length} nodes, ${graph.edges.length} edges, ${paths.length} paths`);
console.log(`risk findings:      ${riskMs.toFixed(0)} ms wall, ${riskCpu.toFixed(0)} ms CPU, ${risk.findings.length} findings from ${risk.rules.length} rbac-* rules, ${riskErrors} rule errors`);
console.log(`risks + escalation: ${(graphMs + riskMs).toFixed(0)} ms wall, ${(graphCpu + riskCpu).toFixed(0)} ms CPU (budget 5000)`);
console.log(`peak RSS:           ${(peak / 1024 / 1024).toFixed(0)} MB (budget 500)`);
