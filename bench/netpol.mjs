#!/usr/bin/env node
/**
 * Connectivity-list benchmark (not a test: it prints figures, it asserts nothing). Generates a
 * cluster of N pods (Deployments) in N/50 namespaces with N/5 NetworkPolicies — default deny
 * per namespace, allow rules by pod and namespace selectors, named ports, DNS egress and
 * ipBlocks — and times the full connectivity list for N = 500 ... 5000.
 *
 * Run after `npm run build`: node bench/netpol.mjs [maxPods] (npm run bench runs it)
 */
import { performance } from 'node:perf_hooks';
import { connectivityList } from '../dist/graph/netpol/index.js';

const position = { line: 1, column: 1 };
const positions = { get: () => position, nearest: () => ({ pointer: '', position }) };
const source = { file: 'generated.yaml', documentIndex: 0, pointerPrefix: '', position, positions };

function resource(apiVersion, kind, name, namespace, object) {
  return { apiVersion, kind, name, ...(namespace === undefined ? {} : { namespace }), object: { apiVersion, kind, metadata: { name, namespace }, ...object }, source };
}

function cluster(pods) {
  const namespaces = Math.max(1, Math.round(pods / 50));
  const out = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${n}`;
    out.push(resource('v1', 'Namespace', ns, undefined, { metadata: { name: ns, labels: { team: `t${n % 10}`, env: n % 3 === 0 ? 'prod' : 'dev' } } }));
    for (let p = 0; p < pods / namespaces; p++) {
      const labels = { app: `app-${p % 10}`, tier: ['web', 'api', 'db'][p % 3], instance: `i${p}` };
      const ports = [{ name: 'http', containerPort: 8080 + (p % 10) }, { name: 'metrics', containerPort: 9090 }];
      out.push(resource('apps/v1', 'Deployment', `svc-${p}`, ns, { spec: { template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'x', ports }] } } } }));
    }
    const policy = (name, spec) => out.push(resource('networking.k8s.io/v1', 'NetworkPolicy', name, ns, { spec }));
    policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    policy('dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }] }] });
    policy('web-from-internet', { podSelector: { matchLabels: { tier: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 'http' }] }] });
    policy('api-from-web', { podSelector: { matchLabels: { tier: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'web' } } }], ports: [{ port: 'http' }] }] });
    policy('db-from-api', { podSelector: { matchLabels: { tier: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'api' } } }], ports: [{ port: 5432 }] }] });
    policy('web-egress', { podSelector: { matchLabels: { tier: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { tier: 'api' } } }] }] });
    policy('api-egress', { podSelector: { matchLabels: { tier: 'api' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { tier: 'db' } } }, { ipBlock: { cidr: `10.${n % 256}.0.0/16` } }] }] });
    policy('metrics', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 't0' } } }], ports: [{ port: 'metrics' }] }] });
    policy('prod-peers', { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['app-1', 'app-2'] }] }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { app: 'app-3' } } }], ports: [{ port: 8000, endPort: 8100 }] }] });
    policy('egress-metrics', { podSelector: { matchLabels: { app: 'app-0' } }, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 'metrics' }] }] });
  }
  return out;
}

const max = Number(process.argv[2] ?? 5000);
const only = process.argv[3] === '--only';
console.log('pods  namespaces  policies  connections  seconds  cpu-seconds  peak-rss-MB');
for (const pods of only ? [max] : [500, 1000, 2000, 3000, 4000, 5000].filter((p) => p <= max)) {
  const resources = cluster(pods);
  const policies = resources.filter((r) => r.kind === 'NetworkPolicy').length;
  const namespaces = resources.filter((r) => r.kind === 'Namespace').length;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const list = connectivityList(resources);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(`${String(pods).padStart(4)}  ${String(namespaces).padStart(10)}  ${String(policies).padStart(8)}  ${String(list.lines.length).padStart(11)}  ${seconds.toFixed(2).padStart(7)}  ${cpuSeconds.toFixed(2).padStart(11)}  ${rss.toFixed(0).padStart(11)}`);
}
