/**
 * `netpol generate`: the generated policies, re-analysed with the manifests by the engine, allow
 * exactly the needed connections plus DNS to kube-dns, and nothing else.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { connectivityList, ConnectionSet, evaluateConnection, type ConnectivityList } from '../../src/graph/netpol/index.js';
import { IntervalSet } from '../../src/graph/netpol/intervals.js';
import { referencesIn, UNMANAGED_NAMESPACES, type Exposure, type Need } from '../../src/graph/netpol/generate/index.js';
import { loadInputs } from '../../src/loaders/index.js';
import { netpolGenerate } from '../../src/sdk/netpol-generate.js';
import { PalisadeError } from '../../src/core/errors.js';
import { hasStackTrace, palisade, ROOT } from '../support/cli.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/netpol-generate');
const THREE_TIER = path.join(FIXTURES, 'three-tier');
const OBSERVED = path.join(FIXTURES, 'observed/connections.jsonl');
const DNS_DST = 'kube-system/coredns[Deployment]';

function keyOf(w: Need['src']): string {
  return `${w.namespace}/${w.name}[${w.kind}]`;
}

async function listWith(paths: string[], generatedYaml?: string): Promise<ConnectivityList> {
  const all = [...paths];
  if (generatedYaml !== undefined) {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'palisade-gen-')), 'generated.yaml');
    writeFileSync(file, generatedYaml);
    all.push(file);
  }
  const loaded = await loadInputs({ paths: all, cwd: ROOT });
  expect(loaded.problems.filter((p) => p.level === 'error')).toEqual([]);
  return connectivityList(loaded.resources);
}

function namespaceOfKey(key: string): string | undefined {
  return key.includes('[External]') || key.startsWith('{') ? undefined : key.slice(0, key.indexOf('/'));
}

/** The exact expected connections from managed workloads: the needs, plus UDP and TCP 53 to kube-dns. */
function expectedLines(needs: readonly Need[], exposures: readonly Exposure[], workloads: readonly string[]): Map<string, ConnectionSet> {
  const out = new Map<string, ConnectionSet>();
  const add = (src: string, dst: string, set: ConnectionSet): void => {
    const key = `${src} => ${dst}`;
    out.set(key, (out.get(key) ?? ConnectionSet.none()).union(set));
  };
  // The list never shows a workload's connections to itself.
  for (const n of needs) if (n.src !== n.dst) add(keyOf(n.src), keyOf(n.dst), ConnectionSet.of(n.protocol, IntervalSet.of(n.port, n.port)));
  // The only ipBlock in the generated policies is 0.0.0.0/0, so the outside is one range.
  for (const e of exposures) add('0.0.0.0-255.255.255.255[External]', keyOf(e.dst), ConnectionSet.of(e.protocol, IntervalSet.of(e.port, e.port)));
  for (const w of workloads) {
    if (UNMANAGED_NAMESPACES.has(namespaceOfKey(w) ?? '')) continue;
    const dns = ConnectionSet.of('UDP', IntervalSet.of(53, 53)).union(ConnectionSet.of('TCP', IntervalSet.of(53, 53)));
    add(w, DNS_DST, dns);
  }
  return out;
}

/** Asserts the after-list equals the expected set on managed ends, and nothing reaches a managed workload otherwise. */
function expectExactly(after: ConnectivityList, needs: readonly Need[], exposures: readonly Exposure[]): void {
  const expected = expectedLines(needs, exposures, after.workloads);
  const seen = new Set<string>();
  const unexpected: string[] = [];
  for (const line of after.lines) {
    const key = `${line.src} => ${line.dst}`;
    const srcManaged = namespaceOfKey(line.src) !== undefined && !UNMANAGED_NAMESPACES.has(namespaceOfKey(line.src) ?? '');
    const dstManaged = namespaceOfKey(line.dst) !== undefined && !UNMANAGED_NAMESPACES.has(namespaceOfKey(line.dst) ?? '');
    if (!srcManaged && !dstManaged) continue; // traffic among system namespaces and the outside is not ours to restrict
    const want = expected.get(key);
    if (want === undefined || !want.equals(line.conns)) unexpected.push(`${key} : ${line.conn}`);
    else seen.add(key);
  }
  expect(unexpected).toEqual([]);
  expect([...expected.keys()].filter((k) => !seen.has(k))).toEqual([]);
}

describe('service references in env values', () => {
  it('reads URLs, host:port, namespaced and cluster DNS names, and *_SERVICE_HOST', () => {
    expect(referencesIn('http://api.backend.svc:80/v1')).toEqual([{ name: 'api', namespace: 'backend', port: 80 }]);
    expect(referencesIn('postgres:5432')).toEqual([{ name: 'postgres', namespace: undefined, port: 5432 }]);
    expect(referencesIn('db.data:5432')).toEqual([{ name: 'db', namespace: 'data', port: 5432 }]);
    expect(referencesIn('x,cache.backend.svc.cluster.local')).toEqual([{ name: 'cache', namespace: 'backend', port: undefined }]);
    expect(referencesIn('redis://$(CACHE_SERVICE_HOST):6379')).toEqual([{ name: 'cache', namespace: undefined, port: undefined }]);
    // A StatefulSet pod under its headless Service names that Service.
    expect(referencesIn('zk-0.zk-hs.data.svc.cluster.local:2888,zk-1.zk-hs.data.svc:2888')).toEqual([
      { name: 'zk-hs', namespace: 'data', port: 2888 },
      { name: 'zk-hs', namespace: 'data', port: 2888 },
    ]);
  });

  it('ignores words without port, scheme or cluster suffix, and foreign domains', () => {
    expect(referencesIn('true')).toEqual([]);
    expect(referencesIn('see example.com')).toEqual([]);
    expect(referencesIn('api.example.com:443')).toEqual([]);
    expect(referencesIn('x'.repeat(5000) + ' api:80')).toEqual([]);
  });
});

describe('netpol generate from manifests (3-tier app across 2 namespaces)', () => {
  it('finds the needed connections, with named target ports resolved per backend', async () => {
    const { generated } = await netpolGenerate({ paths: [THREE_TIER], cwd: ROOT });
    const needs = generated.needs.map((n) => `${keyOf(n.src)} -> ${keyOf(n.dst)} ${n.protocol}/${String(n.port)}`).sort();
    expect(needs).toEqual([
      'backend/api-canary[Deployment] -> backend/postgres[StatefulSet] TCP/5432',
      'backend/api[Deployment] -> backend/cache[Deployment] TCP/6379',
      'backend/api[Deployment] -> backend/postgres[StatefulSet] TCP/5432',
      'web/api[Deployment] -> web/cache[Deployment] TCP/6379',
      'web/frontend[Deployment] -> backend/api-canary[Deployment] TCP/8081',
      'web/frontend[Deployment] -> backend/api[Deployment] TCP/8080',
    ]);
    expect(generated.exposures.map((e) => `${keyOf(e.dst)} ${e.protocol}/${String(e.port)}`)).toEqual(['web/frontend[Deployment] TCP/3000']);
  });

  it('re-analysed with the manifests, the policies allow exactly the needs plus DNS', async () => {
    const before = await listWith([THREE_TIER]);
    const { output, generated } = await netpolGenerate({ paths: [THREE_TIER], cwd: ROOT });
    const after = await listWith([THREE_TIER], output);
    expect(before.lines.length).toBeGreaterThan(after.lines.length);
    expectExactly(after, generated.needs, generated.exposures);
  });

  it('selects by the workload selector, or by all template labels when that selector is shared', async () => {
    const { generated } = await netpolGenerate({ paths: [THREE_TIER], cwd: ROOT });
    const byName = new Map(generated.policies.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
    expect(byName.get('web/palisade-allow-deployment-frontend')?.spec.podSelector).toEqual({ matchLabels: { app: 'frontend' } });
    expect(byName.get('backend/palisade-allow-deployment-api')?.spec.podSelector).toEqual({ matchLabels: { app: 'api', track: 'stable' } });
    expect(byName.get('backend/palisade-default-deny')?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect([...byName.keys()].some((k) => k.startsWith('kube-system/'))).toBe(false);
  });

  it('writes deterministic YAML: one document per policy, annotated with its source, no comments', async () => {
    const one = (await netpolGenerate({ paths: [THREE_TIER], cwd: ROOT })).output;
    const two = (await netpolGenerate({ paths: [THREE_TIER], cwd: ROOT })).output;
    expect(one).toBe(two);
    expect(one).not.toMatch(/^\s*#/m);
    const docs = parseAllDocuments(one).map((d) => d.toJS() as { kind: string; metadata: { annotations: Record<string, string> } });
    expect(docs.length).toBeGreaterThan(4);
    for (const d of docs) {
      expect(d.kind).toBe('NetworkPolicy');
      expect(d.metadata.annotations['palisade.dev/generated-from']).toBe('manifests: Service references in container env');
    }
  });
});

describe('a workload that reaches itself', () => {
  it('lets the pods of a StatefulSet reach each other through its headless Service after the default deny', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'palisade-gen-self-'));
    writeFileSync(path.join(dir, 'zk.yaml'), `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: zk, namespace: data}
spec:
  serviceName: zk-hs
  selector: {matchLabels: {app: zk}}
  template:
    metadata: {labels: {app: zk}}
    spec:
      containers:
      - name: zk
        image: zookeeper
        env: [{name: ZOO_SERVERS, value: "zk-0.zk-hs.data.svc.cluster.local:2888"}]
        ports: [{name: peer, containerPort: 2888}]
---
apiVersion: v1
kind: Service
metadata: {name: zk-hs, namespace: data}
spec: {clusterIP: None, selector: {app: zk}, ports: [{port: 2888, targetPort: peer}]}
`);
    const { output } = await netpolGenerate({ paths: [dir], cwd: ROOT });
    const loaded = await loadInputs({ paths: [dir], cwd: ROOT });
    const generated = (await loadInputs({ paths: ['-'], stdin: Readable.from([output]) })).resources;
    const all = [...loaded.resources, ...generated];
    const peer = (port: number): boolean => evaluateConnection(all, { source: 'data/zk', destination: 'data/zk', port, protocol: 'TCP' }).allowed;
    expect(peer(2888)).toBe(true);
    expect(peer(2181)).toBe(false);
  });
});

describe('needs that cannot be honoured', () => {
  it('warns with a location about an unresolved named target port and an unlabelled pod, and allows nothing for them', async () => {
    const dir = path.join(FIXTURES, 'warnings');
    const { generated, problems, output } = await netpolGenerate({ paths: [dir], cwd: ROOT });
    expect(generated.needs).toEqual([]);
    const messages = problems.map((p) => `${p.level} ${path.basename(p.file ?? '')}:${String(p.line)} ${p.message}`);
    expect(messages).toEqual([
      'warning app.yaml:58 shop/debug has no pod labels: no policy can select it alone, so no allow rule is generated for it',
      'warning app.yaml:52 target port "grpc" of Service shop/orders names no TCP container port of shop/orders',
    ]);
    // The default deny still covers the unlabelled pod; with no kube-dns in the input nothing is left open.
    const after = await listWith([dir], output);
    expect(after.lines.map((l) => `${l.src} => ${l.dst}`)).toEqual([]);
  });
});

describe('netpol generate from observed connections', () => {
  it('allows exactly the observed connections plus DNS', async () => {
    const { output, generated, problems } = await netpolGenerate({ paths: [THREE_TIER], observed: OBSERVED, cwd: ROOT });
    expect(problems).toEqual([]);
    expect(generated.needs).toHaveLength(5);
    expect(generated.exposures).toEqual([]);
    expect(output).toContain(`palisade.dev/generated-from: 'observed-connections: ${OBSERVED}'`);
    const after = await listWith([THREE_TIER], output);
    expectExactly(after, generated.needs, generated.exposures);
  });

  it('refuses a line naming an unknown workload, with its line number', async () => {
    const bad = path.join(FIXTURES, 'observed/unknown-workload.jsonl');
    const run = netpolGenerate({ paths: [THREE_TIER], observed: bad, cwd: ROOT });
    await expect(run).rejects.toBeInstanceOf(PalisadeError);
    await expect(run).rejects.toMatchObject({ problem: { code: 'netpol-invalid', line: 2, message: expect.stringContaining('src "web/nope" is no workload') as unknown } });
  });
});

const built = existsSync(path.join(ROOT, 'dist/cli/main.js'));

describe.skipIf(!built)('palisade netpol generate (built CLI)', () => {
  it('writes the policies to stdout and to -o FILE', () => {
    const run = palisade(['netpol', 'generate', THREE_TIER]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('name: palisade-default-deny');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'palisade-gen-')), 'out.yaml');
    const toFile = palisade(['netpol', 'generate', THREE_TIER, '--observed', OBSERVED, '-o', file]);
    expect(toFile.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('observed-connections');
  });

  it('the generated policies, listed by the CLI, leave only the needed connections', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'palisade-gen-')), 'policies.yaml');
    expect(palisade(['netpol', 'generate', THREE_TIER, '-o', file]).status).toBe(0);
    const list = palisade(['netpol', 'list', THREE_TIER, file]);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('web/frontend[Deployment] => backend/api[Deployment] : TCP 8080\n');
    expect(list.stdout).toContain('web/frontend[Deployment] => kube-system/coredns[Deployment] : TCP 53,UDP 53\n');
    expect(list.stdout).toContain('0.0.0.0-255.255.255.255[External] => web/frontend[Deployment] : TCP 3000\n');
    expect(list.stdout).not.toContain('web/frontend[Deployment] => backend/postgres');
  });

  it('refuses a bad observed file with a located problem and no stack trace', () => {
    const run = palisade(['netpol', 'generate', THREE_TIER, '--observed', path.join(FIXTURES, 'observed/unknown-workload.jsonl')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/netpol-invalid .*unknown-workload\.jsonl:2:1: observed connection/);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });
});
