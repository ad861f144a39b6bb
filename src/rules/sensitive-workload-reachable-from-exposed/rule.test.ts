import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/resolve.js';
import { selectRules } from '../../config/rules.js';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { databaseImage } from '../../graph/netpol/findings/index.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const deployment = (name: string, namespace: string, labels: string, spec: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  template:
    metadata: {labels: ${labels}}
    spec: ${spec}
`;

const WEB = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
${deployment('web', 'shop', '{app: web}', '{containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}')}`;

describe('sensitive-workload-reachable-from-exposed', () => {
  it('names the reason, the exposed source, how it is exposed and the ports', async () => {
    const scan = await scanYaml(rule, `${WEB}---
${deployment('db', 'shop', '{app: db}', '{containers: [{name: db, image: "postgres:16@sha256:abc", ports: [{name: pg, containerPort: 5432}]}]}')}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{ports: [{port: pg}]}]
`);
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      [
        'Deployment "db" is sensitive (database (container "db" runs postgres)) and internet-exposed workloads can reach it: shop/web[Deployment] (NodePort Service shop/web) on TCP 5432',
        '/spec/template/metadata',
      ],
    ]);
  });

  it('lists three sources in order, counts the rest, and never names a workload as its own source', async () => {
    // Five exposed databases that reach one another: each is reached by the four others.
    const yaml = ['a', 'b', 'c', 'd', 'e'].map((n) => `apiVersion: v1
kind: Service
metadata: {name: ${n}, namespace: data}
spec: {type: LoadBalancer, selector: {app: ${n}}, ports: [{port: 5432}]}
---
${deployment(n, 'data', `{app: ${n}}`, `{containers: [{name: ${n}, image: postgres, ports: [{containerPort: 5432}]}]}`)}`).join('---\n');
    const scan = await scanYaml(rule, yaml);
    const sources = new Map(scan.findings.map((f) => [f.resource.name, f.message.slice(f.message.indexOf('reach it: ') + 10)]));
    const source = (n: string): string => `data/${n}[Deployment] (LoadBalancer Service data/${n}) on All Connections`;
    expect(sources.get('a')).toBe(`${source('b')}; ${source('c')}; ${source('d')}; and 1 more`);
    expect(sources.get('c')).toBe(`${source('a')}; ${source('b')}; ${source('d')}; and 1 more`);
    expect(sources.size).toBe(5);
  });

  it('finds kube-system, database ports and labels, and crown jewels from labels or options', async () => {
    const yaml = [
      WEB,
      deployment('dns', 'kube-system', '{k8s-app: kube-dns}', '{containers: [{name: dns, image: coredns}]}'),
      deployment('cache', 'shop', '{app: cache}', '{containers: [{name: c, image: registry.example.com/kv:1, ports: [{containerPort: 6379}]}]}'),
      deployment('store', 'shop', '{app.kubernetes.io/component: database}', '{containers: [{name: s, image: registry.example.com/store:1}]}'),
      deployment('ledger', 'pay', '{app: ledger, palisade.dev/crown-jewel: "true"}', '{containers: [{name: l, image: registry.example.com/ledger:1}]}'),
      deployment('vault', 'sec', '{app: vault}', '{containers: [{name: v, image: registry.example.com/vault:1}]}'),
      deployment('plain', 'shop', '{app: plain}', '{containers: [{name: p, image: registry.example.com/plain:1}]}'),
    ].join('---\n');
    const scan = await scanYaml(rule, yaml, { crownJewels: [{ namespace: 'se?', name: 'vau*' }] });
    const reasons = scan.findings.map((f) => `${f.resource.name}: ${/is sensitive \((.*)\) and/.exec(f.message)?.[1] ?? ''}`).sort();
    expect(reasons).toEqual([
      'cache: database (port 6379, Redis\'s default)',
      'dns: runs in kube-system',
      'ledger: crown jewel (label palisade.dev/crown-jewel)',
      'store: database (label app.kubernetes.io/component=database)',
      'vault: crown jewel (configured selector #1)',
    ]);
  });

  it('counts an Ingress backend as exposed only when the policies admit the ingress controller', async () => {
    const ingress = `${deployment('front', 'shop', '{app: front}', '{containers: [{name: f, image: nginx, ports: [{containerPort: 80}]}]}')}---
apiVersion: v1
kind: Service
metadata: {name: front, namespace: shop}
spec: {selector: {app: front}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: front, namespace: shop}
spec: {defaultBackend: {service: {name: front, port: {number: 80}}}}
---
${deployment('db', 'shop', '{app: db}', '{containers: [{name: db, image: mongo}]}')}`;
    const open = await scanYaml(rule, ingress);
    expect(open.findings.map((f) => f.message)).toEqual([
      'Deployment "db" is sensitive (database (container "db" runs mongo)) and internet-exposed workloads can reach it: shop/front[Deployment] (an Ingress or Route) on All Connections',
    ]);
    const closed = await scanYaml(rule, `${ingress}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: front, namespace: shop}
spec: {podSelector: {matchLabels: {app: front}}, ingress: [{from: [{podSelector: {}}]}]}
`);
    expect(closed.findings).toEqual([]);
  });

  it('reads database engines from image repositories only', () => {
    expect(databaseImage('docker.io/bitnami/postgresql:16')).toBe('postgresql');
    expect(databaseImage('registry.example.com/team/redis-stack:1.0')).toBe('redis');
    expect(databaseImage('quay.io/prometheuscommunity/postgres-exporter:v0.15')).toBeUndefined();
    expect(databaseImage('mysql')).toBe('mysql');
    expect(databaseImage('registry.example.com/app:mysql')).toBeUndefined();
    expect(databaseImage('registry.example.com/postgresqlish:1')).toBeUndefined();
  });

  it('takes the top-level crownJewels setting as the default of its option', () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-jewels-'));
    try {
      const file = join(dir, '.palisade.yaml');
      writeFileSync(file, 'crownJewels:\n  - {namespace: payments, name: "ledger-*"}\n');
      const runs = selectRules([rule], resolveConfig({ file, env: {} })).runs;
      expect(runs[0]?.options).toEqual({ namespaces: ['kube-system'], crownJewels: [{ namespace: 'payments', name: 'ledger-*' }] });
      writeFileSync(file, 'crownJewels: [{namespace: payments}]\nrules:\n  sensitive-workload-reachable-from-exposed:\n    options: {crownJewels: [{name: vault}]}\n');
      expect(selectRules([rule], resolveConfig({ file, env: {} })).runs[0]?.options).toEqual({ namespaces: ['kube-system'], crownJewels: [{ name: 'vault' }] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
