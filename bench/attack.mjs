// Attack-path benchmark (prints figures, asserts nothing): a generated cluster with 10,000 pods,
// 1,000 NetworkPolicies and 20,000 RBAC objects (bench/generate-cluster.mjs). Times the graph
// build, then the whole analysis (build, every path to the default crown jewels, minimal cut) and
// the risk of a finding set over the graph, with peak RSS, against the targets: <= 10 s
// and <= 1 GB for build + paths + cut.
//
// Run after `npm run build`: node bench/attack.mjs [pods]   (PALISADE_DIST=dir to use another build)
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval, setTimeout } from 'node:timers';
import { pathToFileURL } from 'node:url';
import { generateCluster } from './generate-cluster.mjs';

const dist = process.env.PALISADE_DIST ?? path.resolve(import.meta.dirname, '../dist');
const load = (file) => import(pathToFileURL(path.join(dist, file)).href);
const attack = await load('graph/attack/index.js');
const { assessRisk } = await load('graph/attack/risk.js');

const pods = Number(process.argv[2] ?? 10_000);
const scale = pods / 10_000;
const { resources, counts } = generateCluster({ pods, policies: Math.round(1000 * scale), rbacObjects: Math.round(20_000 * scale), namespaces: Math.max(1, Math.round(200 * scale)), nodes: Math.max(1, Math.round(200 * scale)) });
const rbac = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].reduce((n, k) => n + (counts[k] ?? 0), 0);
console.log(`attack paths: ${counts.Pod} pods, ${counts.NetworkPolicy} NetworkPolicies, ${rbac} RBAC objects, ${resources.length} objects in all`);

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const cpu = (start) => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
};
async function phase(name, run) {
  // Let the sampler see the heap between phases; the work itself is synchronous.
  await new Promise((resolve) => setTimeout(resolve, 30));
  const c = process.cpuUsage();
  const t = performance.now();
  const value = run();
  const seconds = (performance.now() - t) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`  ${name.padEnd(34)} ${seconds.toFixed(2).padStart(6)} s   cpu ${cpu(c).toFixed(2).padStart(6)} s`);
  return { value, seconds };
}

const build = await phase('graph build', () => attack.buildAttackGraph({ resources }));
const { graph } = build.value;
console.log(`    ${graph.nodes.size} nodes, ${graph.edges.length} edges, ${build.value.workloads.length} workloads`);
const full = await phase('analysis (build + paths + cut)', () => attack.analyzeAttackPaths({ resources }));
const result = full.value;
const pathsAndCut = Math.max(0, full.seconds - build.seconds);
console.log(`    ${result.paths.length} paths listed${result.truncated ? ' (truncated)' : ''}, ${result.stats.reachablePairs} entry/jewel pairs reached; cut: ${result.cut.fixIds.length} fixes, cost ${result.cut.cost}, ${result.cut.method} (${result.cut.guarantee})`);
console.log(`  ${'paths + cut (analysis - build)'.padEnd(34)} ${pathsAndCut.toFixed(2).padStart(6)} s`);
// palisade scan gives the exact cut search a smaller budget (src/sdk/scan-attack.ts).
const scanLike = await phase('analysis as palisade scan runs it', () => attack.analyzeAttackPaths({ resources }, { verify: false, budget: { maxRounds: 40, maxNodes: 20_000 } }));
console.log(`    cut: ${scanLike.value.cut.fixIds.length} fixes, cost ${scanLike.value.cut.cost}, ${scanLike.value.cut.method} (${scanLike.value.cut.guarantee})`);
// Risk is judged for findings the steps name; a finding per step is the worst case.
const findings = graph.edges.flatMap((e, i) => (i % 3 === 0 ? [{ id: `f${i}`, severity: 'medium', resource: { apiVersion: 'v1', kind: 'Pod', name: `p${i}` } }] : []));
await phase(`risk of ${findings.length} findings`, () => assessRisk(findings, result, { nodes: graph.nodes.values(), edges: graph.edges }));
clearInterval(sampler);

const peakMb = Math.max(peak, process.resourceUsage().maxRSS * 1024) / 1e6;
const verdict = (ok) => (ok ? 'ok' : 'MISSED');
console.log(`  total (build + paths + cut)        ${full.seconds.toFixed(2).padStart(6)} s   (target <= 10: ${verdict(full.seconds <= 10)})`);
console.log(`  peak RSS                           ${peakMb.toFixed(0).padStart(6)} MB  (target <= 1000: ${verdict(peakMb <= 1000)})`);
