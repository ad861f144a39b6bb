// The cluster loader against the test API server: discovery, paging, and every way it can fail.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLUSTER_KINDS, loadCluster } from '../../src/loaders/cluster/index.js';
import { kubeconfigFor, startApiServer, type ApiServerHandle, type ApiServerOptions } from '../support/apiserver/server.js';
import { objectsFromYaml } from '../support/apiserver/objects.js';

const FIXTURE = new URL('fixtures/cluster.yaml', import.meta.url).pathname;
const FIXTURE_OBJECTS = objectsFromYaml(FIXTURE);
let server: ApiServerHandle | undefined;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start(options: Partial<ApiServerOptions> = {}): Promise<ApiServerHandle> {
  server = await startApiServer({ objects: FIXTURE_OBJECTS, ...options });
  return server;
}

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'palisade-kubeconfig-')), name);
  writeFileSync(path, text);
  return path;
}

/** Sets an environment variable (or unsets it) for the current test only. */
function restoreEnvAfterTest(name: string, value: string | undefined): void {
  const saved = process.env[name];
  if (value === undefined) Reflect.deleteProperty(process.env, name);
  else process.env[name] = value;
  cleanups.push(() => {
    if (saved === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = saved;
  });
}

const READ_KINDS = new Set(CLUSTER_KINDS.map((k) => k.kind));

describe('loadCluster', () => {
  it('reads every kind it lists, and nothing else', async () => {
    const handle = await start();
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test') });
    expect(result.problems).toEqual([]);
    expect(result.inputs).toEqual(['cluster:test']);
    const expected = FIXTURE_OBJECTS.map((o) => o as { kind: string; metadata: { name: string } })
      .filter((o) => READ_KINDS.has(o.kind))
      .map((o) => `${o.kind}/${o.metadata.name}`)
      .sort();
    expect(result.resources.map((r) => `${r.kind}/${r.name}`).sort()).toEqual(expected);
    expect(result.resources.some((r) => r.kind === 'Event' || r.kind === 'Endpoints')).toBe(false);
  });

  it('fills apiVersion and kind, drops managedFields, and sources each object to the cluster', async () => {
    const handle = await start();
    const { resources } = await loadCluster({ kubeconfig: handle.kubeconfigPath('prod') });
    const coredns = resources.find((r) => r.name === 'coredns-1');
    expect(coredns).toMatchObject({ apiVersion: 'v1', kind: 'Pod', namespace: 'kube-system', object: { apiVersion: 'v1', kind: 'Pod' } });
    expect((coredns?.object['metadata'] as Record<string, unknown>)['managedFields']).toBeUndefined();
    expect(coredns?.source).toMatchObject({ file: 'cluster:prod', pointerPrefix: '', position: { line: 1, column: 1 } });
    expect(coredns?.source.positions.nearest('/spec/containers/0')).toBeUndefined();
    expect(resources.map((r) => r.source.documentIndex)).toEqual(resources.map((_, i) => i));

    const deployment = resources.find((r) => r.kind === 'Deployment');
    expect(deployment).toMatchObject({ apiVersion: 'apps/v1', namespace: 'shop', object: { apiVersion: 'apps/v1', kind: 'Deployment' } });
    const node = resources.find((r) => r.kind === 'Node');
    expect(node?.namespace).toBeUndefined();
  });

  it('keeps Secret keys but never their values, in data or in the last-applied annotation', async () => {
    const handle = await start();
    const { resources } = await loadCluster({ kubeconfig: handle.kubeconfigPath('test') });
    const secrets = resources.filter((r) => r.kind === 'Secret');
    expect(secrets).toHaveLength(2);
    const credentials = secrets.find((s) => s.name === 'db-credentials')?.object;
    expect(credentials?.['data']).toEqual({ password: '', username: '', extra: '' });
    expect(credentials?.['type']).toBe('Opaque');
    const everything = JSON.stringify(secrets);
    expect(everything).not.toContain('hunter2');
    expect(everything).not.toContain('aHVudGVyMg');
    const annotation = (credentials?.['metadata'] as { annotations: Record<string, string> }).annotations['kubectl.kubernetes.io/last-applied-configuration'];
    expect(JSON.parse(annotation ?? '')).toMatchObject({ kind: 'Secret', stringData: { password: '' } });
  });

  it('pages through lists with limit and continue (page size 2, seven pods)', async () => {
    const handle = await start();
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test'), pageSize: 2 });
    expect(result.resources.filter((r) => r.kind === 'Pod').map((r) => r.name)).toEqual(['debug', 'coredns-1', 'kube-proxy-abcde', 'db-0', 'web-1', 'web-2', 'web-3']);
    const podRequests = handle.requests.filter((r) => r.path === '/api/v1/pods');
    expect(podRequests.map((r) => r.query['limit'])).toEqual(['2', '2', '2', '2']);
    expect(podRequests.map((r) => r.query['continue'] !== undefined)).toEqual([false, true, true, true]);
    expect(new Set(podRequests.map((r) => r.query['continue'])).size).toBe(4);
  });

  it('waits and retries when API Priority and Fairness answers 429 with Retry-After, as client-go does', async () => {
    let throttled = 0;
    const handle = await start({ throttle: (request) => (request.path === '/api/v1/pods' && throttled++ < 2 ? 0 : undefined) });
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test') });
    expect(result.problems).toEqual([]);
    expect(result.resources.filter((r) => r.kind === 'Pod')).toHaveLength(7);
    expect(handle.requests.filter((r) => r.path === '/api/v1/pods')).toHaveLength(3);
  });

  it('does not wait out a Retry-After longer than the request timeout, and says which kind was throttled', async () => {
    const handle = await start({ throttle: (request) => (request.path === '/api/v1/pods' ? 60 : undefined) });
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test'), timeoutMs: 5_000 });
    expect(result.problems).toEqual([expect.objectContaining({ code: 'cluster-list-failed', message: expect.stringContaining('Cannot list Pod (GET /api/v1/pods): HTTP 429 TooManyRequests') as unknown })]);
    expect(handle.requests.filter((r) => r.path === '/api/v1/pods')).toHaveLength(1);
    expect(result.resources.filter((r) => r.kind === 'Deployment')).not.toHaveLength(0);
  });

  it('follows a server that returns shorter pages than asked', async () => {
    const handle = await start({ pageSize: 3 });
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test') });
    expect(result.resources.filter((r) => r.kind === 'Pod')).toHaveLength(7);
    expect(handle.requests.filter((r) => r.path === '/api/v1/pods')).toHaveLength(3);
  });

  it('starts a list again, still in pages, when its continue token expires mid-way (410 Expired)', async () => {
    let handle: ApiServerHandle | undefined;
    const compactOnce = { done: false };
    // Pods of some size, as real ones are (a page of two is larger than any discovery document).
    const batchPods = Array.from({ length: 8 }, (_, i) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: `worker-${i}`, namespace: 'batch', annotations: { note: 'x'.repeat(4000) } }, spec: { containers: [{ name: 'w', image: 'busybox' }] },
    }));
    handle = await start({
      objects: [...FIXTURE_OBJECTS, ...batchPods],
      onRequest: (request) => {
        if (request.path === '/api/v1/pods' && request.query['continue'] !== undefined && !compactOnce.done) {
          compactOnce.done = true;
          handle?.compact();
        }
      },
    });
    // Every page fits the response limit; the whole list in one response would not. Lists that
    // outlive a compaction are long ones, where one unpaginated response is too large to read.
    const size = async (query: string): Promise<number> => (await (await fetch(`${handle?.url ?? ''}/api/v1/pods${query}`)).arrayBuffer()).byteLength;
    const pageBytes = await size('?limit=2');
    const fullBytes = await size('');
    expect(fullBytes).toBeGreaterThan(pageBytes + 100);
    const before = handle.requests.length;
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test'), pageSize: 2, limits: { maxFileBytes: pageBytes + 100 } });
    expect(result.problems).toEqual([]);
    const pods = result.resources.filter((r) => r.kind === 'Pod').map((r) => `${r.namespace ?? ''}/${r.name}`);
    expect(pods).toHaveLength(15);
    expect(new Set(pods).size).toBe(15);
    const podRequests = handle.requests.slice(before).filter((r) => r.path === '/api/v1/pods');
    // First page, the expired second, then eight pages from the start.
    expect(podRequests.map((r) => r.query['continue'] !== undefined)).toEqual([false, true, false, true, true, true, true, true, true, true]);
    handle = undefined;
  });

  it('reports a list whose continue tokens keep expiring instead of starting it again forever', async () => {
    let handle: ApiServerHandle | undefined;
    handle = await start({
      onRequest: (request) => {
        if (request.path === '/api/v1/pods' && request.query['continue'] !== undefined) handle?.compact();
      },
    });
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test'), pageSize: 2 });
    expect(result.problems).toEqual([expect.objectContaining({ code: 'cluster-list-failed', message: expect.stringContaining('Cannot list Pod (GET /api/v1/pods): HTTP 410 Expired') as unknown })]);
    expect(handle.requests.filter((r) => r.path === '/api/v1/pods')).toHaveLength(8);
    handle = undefined;
  });

  it('discovers add-on kinds in the preferred version and skips absent ones silently', async () => {
    const cnp = { apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'allow-dns', namespace: 'shop' }, spec: {} };
    const handle = await start({ objects: [...FIXTURE_OBJECTS, cnp] });
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test') });
    expect(result.problems).toEqual([]);
    expect(result.resources.find((r) => r.kind === 'CiliumNetworkPolicy')).toMatchObject({ apiVersion: 'cilium.io/v2', namespace: 'shop', name: 'allow-dns' });
    const discovered = handle.requests.map((r) => r.path);
    expect(discovered).toContain('/apis/cilium.io/v2');
    expect(discovered).not.toContain('/apis/cilium.io/v2alpha1');
    // Groups the scan does not need are never asked about.
    expect(discovered).not.toContain('/apis/autoscaling/v2');
    expect(result.resources.some((r) => r.kind === 'AdminNetworkPolicy')).toBe(false);
  });

  it('reads Cluster API kubeadm objects on a management cluster, so their control planes are judged', async () => {
    const kcp = {
      apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2', kind: 'KubeadmControlPlane', metadata: { name: 'prod', namespace: 'clusters' },
      spec: { version: 'v1.31.0', kubeadmConfigSpec: { clusterConfiguration: { apiServer: { extraArgs: [{ name: 'anonymous-auth', value: 'true' }] } } } },
    };
    const handle = await start({ objects: [...FIXTURE_OBJECTS, kcp] });
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test') });
    expect(result.problems).toEqual([]);
    expect(result.resources.find((r) => r.kind === 'KubeadmControlPlane')).toMatchObject({ apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2', namespace: 'clusters', name: 'prod' });
    expect(handle.requests.map((r) => r.path)).not.toContain('/apis/controlplane.cluster.x-k8s.io/v1beta1');
  });

  it('never lists subresources or kinds outside CLUSTER_KINDS', async () => {
    const handle = await start();
    await loadCluster({ kubeconfig: handle.kubeconfigPath('test') });
    const listed = handle.requests.filter((r) => r.query['limit'] !== undefined).map((r) => r.path);
    expect(listed).not.toContain('/api/v1/events');
    expect(listed).not.toContain('/api/v1/endpoints');
    expect(listed.every((p) => p.split('/').length <= 5)).toBe(true);
    expect(listed).toHaveLength(CLUSTER_KINDS.filter((k) => k.optional === undefined).length);
  });

  it('warns about a forbidden kind and still loads the others', async () => {
    const handle = await start({ forbidden: ['Secret'] });
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test') });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'cluster-list-failed', level: 'warning', file: 'cluster:test' });
    expect(result.problems[0]?.message).toContain('Secret');
    expect(result.problems[0]?.message).toContain('403 Forbidden');
    expect(result.resources.some((r) => r.kind === 'Secret')).toBe(false);
    expect(result.resources.filter((r) => r.kind === 'Pod')).toHaveLength(7);
  });

  it('falls back to the context namespace when only it may be listed', async () => {
    const handle = await start({ forbidden: ['Secret', 'Pod'], namespaceGrants: { Secret: ['shop'] } });
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test', { namespace: 'shop' }) });
    expect(result.resources.filter((r) => r.kind === 'Secret').map((r) => r.namespace)).toEqual(['shop', 'shop']);
    expect(result.resources.some((r) => r.kind === 'Pod')).toBe(false);
    expect(result.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^Cannot list Pod in all namespaces \(GET \/api\/v1\/pods: HTTP 403 Forbidden: .*\) nor in namespace "shop" \(HTTP 403 Forbidden: .*\)$/),
      expect.stringMatching(/^Secret was read in namespace "shop" only; the list across all namespaces was refused \(GET \/api\/v1\/secrets: HTTP 403 Forbidden: /),
    ]);
    expect(handle.requests.map((r) => r.path)).toContain('/api/v1/namespaces/shop/secrets');
  });

  it('lists namespaced kinds only in the chosen namespaces, so namespace-bound credentials suffice', async () => {
    const handle = await start({ forbidden: ['Secret', 'Pod', 'Deployment'], namespaceGrants: { Secret: ['shop', 'kube-system'], Pod: ['shop', 'kube-system'], Deployment: ['shop', 'kube-system'] } });
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test'), namespaces: ['shop', 'kube-system', 'shop'] });
    expect(result.problems).toEqual([]);
    const namespaced = result.resources.filter((r) => r.namespace !== undefined);
    expect(new Set(namespaced.map((r) => r.namespace))).toEqual(new Set(['shop', 'kube-system']));
    expect(result.resources.some((r) => r.kind === 'Node')).toBe(true);
    const listed = handle.requests.map((r) => r.path);
    expect(listed).toContain('/api/v1/namespaces/kube-system/pods');
    expect(listed).toContain('/api/v1/namespaces/shop/secrets');
    expect(listed).not.toContain('/api/v1/pods');
    expect(listed.filter((p) => p === '/api/v1/namespaces/shop/pods')).toHaveLength(1);
  });

  it('sends the bearer token from the kubeconfig', async () => {
    const handle = await start({ token: 'sekret-token' });
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test') });
    expect(result.problems).toEqual([]);
    expect(result.resources.length).toBeGreaterThan(30);
  });

  it('reads the bearer token from a tokenFile relative to the kubeconfig, newline trimmed, as kubectl does', async () => {
    const handle = await start({ token: 'sekret-token' });
    const kubeconfig = tempFile('config', kubeconfigFor(handle.url, 'file-token'));
    writeFileSync(join(dirname(kubeconfig), 'token'), 'sekret-token\n');
    // The kubeconfig's user entry is `user: {}`; give it only a tokenFile.
    writeFileSync(kubeconfig, kubeconfigFor(handle.url, 'file-token').replace('user: {}', 'user:\n      tokenFile: token'));
    const result = await loadCluster({ kubeconfig });
    expect(result.problems).toEqual([]);
    expect(result.resources.length).toBeGreaterThan(30);
  });

  it('reports a tokenFile that cannot be read against the kubeconfig, naming the user', async () => {
    const kubeconfig = tempFile('config', kubeconfigFor('http://127.0.0.1:1', 'file-token').replace('user: {}', 'user:\n      tokenFile: missing-token'));
    const result = await loadCluster({ kubeconfig });
    expect(result.problems).toEqual([expect.objectContaining({ code: 'kubeconfig-invalid', file: kubeconfig, message: expect.stringMatching(/tokenFile of user "test-user".*ENOENT/) as unknown })]);
  });

  it('reports a token Node cannot send (a pasted newline) as a problem, without the token, instead of throwing', async () => {
    const handle = await start({ token: 'sekret-token' });
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test', { token: 'sekret-token\n' }) });
    expect(result.resources).toEqual([]);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'cluster-unreachable', message: expect.stringContaining('contain a newline') as unknown })]);
    expect(JSON.stringify(result.problems)).not.toContain('sekret');
  });

  it('reports rejected credentials as one cluster-unreachable problem', async () => {
    const handle = await start({ token: 'sekret-token' });
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test', { token: 'wrong' }) });
    expect(result.resources).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'cluster-unreachable', level: 'error' });
    expect(result.problems[0]?.message).toContain('401');
    expect(result.problems[0]?.message).toContain('rejected the credentials');
  });

  it('sends a request again when the server closed the kept-alive connection it was reusing', async () => {
    const handle = await start();
    const { port } = new URL(handle.url);
    // In front of the test server: the first request that reuses a connection finds it closed,
    // as when a load balancer drops an idle connection just as the client reuses it.
    let reset = false;
    const served = new WeakMap<Socket, number>();
    const front = http.createServer((req, res) => {
      const count = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, count);
      if (count > 1 && !reset) {
        reset = true;
        req.socket.destroy();
        return;
      }
      const upstream = http.request({ host: '127.0.0.1', port, path: req.url, headers: req.headers, agent: false }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      front.closeAllConnections();
      front.close();
    });
    const kubeconfig = tempFile('config', kubeconfigFor(`http://127.0.0.1:${(front.address() as AddressInfo).port}`, 'reset'));
    const result = await loadCluster({ kubeconfig });
    expect(reset).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.resources.filter((r) => r.kind === 'Pod')).toHaveLength(7);
  });

  it('reports an unreachable server once, with its URL', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => { resolve(); }));
    const kubeconfig = tempFile('config', kubeconfigFor(url, 'gone'));
    const result = await loadCluster({ kubeconfig });
    expect(result.resources).toEqual([]);
    expect(result.inputs).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'cluster-unreachable', file: 'cluster:gone' });
    expect(result.problems[0]?.message).toContain(url);
    expect(result.problems[0]?.message).toContain('ECONNREFUSED');
  });

  it('gives up on a server that never answers', async () => {
    const silent = http.createServer(() => {
      // Accepts the request and never replies.
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      silent.closeAllConnections();
      silent.close();
    });
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const result = await loadCluster({ kubeconfig: tempFile('config', kubeconfigFor(url, 'slow')), timeoutMs: 300 });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.code).toBe('cluster-unreachable');
    expect(result.problems[0]?.message).toContain('no answer within 300 ms');
  });

  it('stops at limits.maxClusterObjects and says so', async () => {
    const handle = await start();
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test'), limits: { maxClusterObjects: 5 } });
    expect(result.resources).toHaveLength(5);
    expect(result.problems.map((p) => p.code)).toEqual(['input-too-large']);
  });

  it('asks again in smaller pages when a page is larger than limits.maxFileBytes, so the kind is still read', async () => {
    // Dashboards in ConfigMaps, Helm releases in Secrets: a few kilobytes to a megabyte each, so
    // a page of 500 can exceed the response limit while each object is well under it.
    const dashboards = Array.from({ length: 6 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `dashboard-${i}`, namespace: 'monitoring' }, data: { 'dashboard.json': 'x'.repeat(3000) } }));
    const handle = await start({ objects: [...FIXTURE_OBJECTS, ...dashboards] });
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test'), limits: { maxFileBytes: 8000 } });
    expect(result.problems).toEqual([]);
    expect(result.resources.filter((r) => r.kind === 'ConfigMap' && r.namespace === 'monitoring')).toHaveLength(6);
    const limits = handle.requests.filter((r) => r.path === '/api/v1/configmaps').map((r) => Number(r.query['limit']));
    expect(limits.slice(0, 3)).toEqual([500, 250, 125]);
    expect(Math.min(...limits)).toBeGreaterThanOrEqual(1);
  });

  it('reports a response larger than limits.maxFileBytes as a failed list, not a crash', async () => {
    // Discovery documents stay under 10 kB; this ConfigMap alone does not.
    const big = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'shop' }, data: { blob: 'x'.repeat(20_000) } };
    const handle = await start({ objects: [...FIXTURE_OBJECTS, big] });
    const result = await loadCluster({ kubeconfig: handle.kubeconfigPath('test'), limits: { maxFileBytes: 10_000 } });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'cluster-list-failed' });
    expect(result.problems[0]?.message).toContain('Cannot list ConfigMap');
    expect(result.problems[0]?.message).toContain('larger than 10000 bytes');
    expect(result.resources.filter((r) => r.kind === 'Pod')).toHaveLength(7);
  });

  it('reports a group whose discovery fails once, naming the kinds it costs', async () => {
    const handle = await start();
    // A server whose apps/v1 discovery answers 503, as an unavailable aggregated API does.
    const { url } = handle;
    const proxy = http.createServer((req, res) => {
      if (req.url === '/apis/apps/v1') {
        res.writeHead(503, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'service unavailable', reason: 'ServiceUnavailable', code: 503 }));
        return;
      }
      void fetch(`${url}${req.url ?? '/'}`).then(async (upstream) => {
        res.writeHead(upstream.status, { 'Content-Type': 'application/json' });
        res.end(await upstream.text());
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      proxy.closeAllConnections();
      proxy.close();
    });
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const result = await loadCluster({ kubeconfig: tempFile('config', kubeconfigFor(proxyUrl, 'test')) });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toBe(
      'Not read: DaemonSet.apps, Deployment.apps, ReplicaSet.apps, StatefulSet.apps; discovery of /apis/apps/v1 failed: HTTP 503 ServiceUnavailable: service unavailable.',
    );
    expect(result.resources.filter((r) => r.kind === 'Pod')).toHaveLength(7);
  });
});

describe('loadCluster kubeconfig problems', () => {
  it('reports a missing context with the available ones', async () => {
    const handle = await start();
    const kubeconfig = handle.kubeconfigPath('staging');
    const result = await loadCluster({ kubeconfig, context: 'production' });
    expect(result.resources).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'context-not-found', level: 'error', file: kubeconfig, message: expect.stringContaining('available: staging') as unknown }),
    ]);
    expect(handle.requests).toEqual([]);
  });

  it('uses --context over the current-context', async () => {
    const handle = await start();
    const text = kubeconfigFor(handle.url, 'a').replace('current-context: a', 'current-context: missing');
    const result = await loadCluster({ kubeconfig: tempFile('config', text), context: 'a' });
    expect(result.problems).toEqual([]);
    expect(result.inputs).toEqual(['cluster:a']);
  });

  it('reports a kubeconfig with no current-context and no --context', async () => {
    const handle = await start();
    const text = kubeconfigFor(handle.url, 'a').replace('current-context: a', '');
    const result = await loadCluster({ kubeconfig: tempFile('config', text) });
    expect(result.problems[0]).toMatchObject({ code: 'context-not-found' });
    expect(result.problems[0]?.message).toContain('--context');
  });

  it('reports a kubeconfig that does not exist', async () => {
    const result = await loadCluster({ kubeconfig: join(tmpdir(), 'palisade-no-such-kubeconfig') });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'kubeconfig-invalid', level: 'error' });
    expect(result.problems[0]?.message).toContain('ENOENT');
  });

  it('reports YAML syntax errors with their line', async () => {
    const kubeconfig = tempFile('config', 'apiVersion: v1\nclusters:\n  - name: x\n   cluster: {server: [}\n');
    const result = await loadCluster({ kubeconfig });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ code: 'kubeconfig-invalid', file: kubeconfig, line: expect.any(Number) as unknown });
    expect(result.problems[0]?.message).not.toContain('\n');
  });

  it.each([
    ['an empty file', ''],
    ['a scalar', 'hello'],
    ['clusters that are not a list', 'clusters: {a: 1}'],
    ['a null entry', 'clusters: [null]'],
    ['a cluster without a server', 'clusters: [{name: c, cluster: {}}]\ncontexts: [{name: x, context: {cluster: c}}]\ncurrent-context: x'],
  ])('reports %s as kubeconfig-invalid, never a stack trace', async (_what, text) => {
    const result = await loadCluster({ kubeconfig: tempFile('config', text) });
    expect(result.problems.map((p) => p.code)).toEqual([expect.stringMatching(/^(kubeconfig-invalid|context-not-found)$/)]);
    expect(result.problems[0]?.message).not.toMatch(/\n|at .*\.js/);
  });

  it('reports a context whose cluster is missing', async () => {
    const text = 'contexts: [{name: x, context: {cluster: nowhere}}]\ncurrent-context: x\n';
    const result = await loadCluster({ kubeconfig: tempFile('config', text) });
    expect(result.problems[0]).toMatchObject({ code: 'kubeconfig-invalid' });
    expect(result.problems[0]?.message).toContain('"nowhere"');
  });

  it('resolves a relative kubeconfig path against cwd', async () => {
    const handle = await start();
    const path = handle.kubeconfigPath('rel');
    const result = await loadCluster({ kubeconfig: basename(path), cwd: dirname(path) });
    expect(result.problems).toEqual([]);
    expect(result.inputs).toEqual(['cluster:rel']);
  });

  it('talks to a plain-HTTP server without insecure-skip-tls-verify, as kubectl does', async () => {
    const handle = await start();
    const text = kubeconfigFor(handle.url, 'plain').replace('insecure-skip-tls-verify: true', 'insecure-skip-tls-verify: false');
    expect(text).toContain('insecure-skip-tls-verify: false');
    const result = await loadCluster({ kubeconfig: tempFile('config', text) });
    expect(result.problems).toEqual([]);
  });

  it('reaches the server through HTTP_PROXY when the kubeconfig names no proxy-url, as kubectl does', async () => {
    const handle = await start();
    const { port } = new URL(handle.url);
    // The API server's name resolves only at the proxy, as an internal name does behind a corporate proxy.
    const proxied: string[] = [];
    // A CONNECT-tunnelling proxy, as Squid is, that resolves every name to the test server.
    const proxy = http.createServer((_req, res) => {
      res.writeHead(405).end();
    });
    proxy.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => {
      proxied.push(req.url ?? '');
      const upstream = connect(Number(port), '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      proxy.closeAllConnections();
      proxy.close();
    });
    restoreEnvAfterTest('HTTP_PROXY', `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
    restoreEnvAfterTest('NO_PROXY', 'elsewhere.example');
    const kubeconfig = tempFile('config', kubeconfigFor(`http://apiserver.palisade.invalid:${port}`, 'proxied'));
    const result = await loadCluster({ kubeconfig });
    expect(result.problems).toEqual([]);
    expect(result.resources.filter((r) => r.kind === 'Pod')).toHaveLength(7);
    expect(new Set(proxied)).toEqual(new Set([`apiserver.palisade.invalid:${port}`]));
  });

  it('reads ~/.kube/config when neither --kubeconfig nor KUBECONFIG is set', async () => {
    const handle = await start();
    const home = mkdtempSync(join(tmpdir(), 'palisade-home-'));
    mkdirSync(join(home, '.kube'));
    writeFileSync(join(home, '.kube', 'config'), kubeconfigFor(handle.url, 'home'));
    restoreEnvAfterTest('HOME', home);
    restoreEnvAfterTest('KUBECONFIG', undefined);
    const result = await loadCluster({});
    expect(result.problems).toEqual([]);
    expect(result.inputs).toEqual(['cluster:home']);
  });

  it('reports a KUBECONFIG whose files all do not exist', async () => {
    restoreEnvAfterTest('KUBECONFIG', join(tmpdir(), 'palisade-missing-a'));
    const result = await loadCluster({});
    expect(result.problems).toEqual([expect.objectContaining({ code: 'kubeconfig-invalid', message: expect.stringContaining('palisade-missing-a') as unknown })]);
  });

  it('reads the KUBECONFIG chain, skipping files that do not exist, first file winning', async () => {
    const handle = await start();
    const first = tempFile('first', kubeconfigFor(handle.url, 'one'));
    const second = tempFile('second', kubeconfigFor('http://127.0.0.1:1', 'one').replace(/test-/g, 'other-').replace('current-context: one', 'current-context: two'));
    restoreEnvAfterTest('KUBECONFIG', [join(tmpdir(), 'palisade-missing'), first, second].join(':'));
    const result = await loadCluster({});
    expect(result.problems).toEqual([]);
    expect(result.inputs).toEqual(['cluster:one']);
  });
});
