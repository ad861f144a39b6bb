// The test API server must answer as kube-apiserver does, or the loader's tests prove nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { startApiServer, type ApiServerHandle, type ApiServerOptions } from '../support/apiserver/server.js';
import { objectsFromYaml } from '../support/apiserver/objects.js';

const FIXTURE = new URL('fixtures/cluster.yaml', import.meta.url).pathname;
let server: ApiServerHandle | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Partial<ApiServerOptions> = {}): Promise<ApiServerHandle> {
  server = await startApiServer({ objects: objectsFromYaml(FIXTURE), ...options });
  return server;
}

async function get(handle: ApiServerHandle, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${handle.url}${path}`, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('test API server discovery', () => {
  it('serves APIVersions, APIGroupList and APIResourceLists with subresources', async () => {
    const handle = await start({ groups: ['cilium.io'] });
    const core = await get(handle, '/api');
    expect(core.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });

    const groups = await get(handle, '/apis');
    expect(groups.body['kind']).toBe('APIGroupList');
    const cilium = (groups.body['groups'] as { name: string }[]).find((g) => g.name === 'cilium.io');
    expect(cilium).toEqual({
      name: 'cilium.io',
      versions: [
        { groupVersion: 'cilium.io/v2', version: 'v2' },
        { groupVersion: 'cilium.io/v2alpha1', version: 'v2alpha1' },
      ],
      preferredVersion: { groupVersion: 'cilium.io/v2', version: 'v2' },
    });

    const v1 = await get(handle, '/api/v1');
    expect(v1.body['apiVersion']).toBeUndefined();
    expect(v1.body['groupVersion']).toBe('v1');
    const names = (v1.body['resources'] as { name: string }[]).map((r) => r.name);
    expect(names).toContain('pods');
    expect(names).toContain('pods/log');

    const apps = await get(handle, '/apis/apps/v1');
    expect(apps.body).toMatchObject({ kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1' });
    expect((apps.body['resources'] as object[]).find((r) => (r as { name: string }).name === 'deployments')).toMatchObject({
      kind: 'Deployment',
      namespaced: true,
      verbs: expect.arrayContaining(['list', 'watch']) as unknown,
    });
  });

  it('does not serve add-on groups that are not installed', async () => {
    const handle = await start();
    const groups = await get(handle, '/apis');
    expect((groups.body['groups'] as { name: string }[]).map((g) => g.name)).not.toContain('cilium.io');
    expect((await get(handle, '/apis/cilium.io/v2')).status).toBe(404);
  });
});

describe('test API server lists', () => {
  it('lists typed items without apiVersion or kind, in namespace/name order', async () => {
    const handle = await start();
    const { status, body } = await get(handle, '/api/v1/pods');
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: expect.any(String) as unknown } });
    const items = body['items'] as { apiVersion?: string; metadata: { namespace: string; name: string } }[];
    expect(items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`)).toEqual([
      'default/debug',
      'kube-system/coredns-1',
      'kube-system/kube-proxy-abcde',
      'shop/db-0',
      'shop/web-1',
      'shop/web-2',
      'shop/web-3',
    ]);
    expect(items.every((i) => i.apiVersion === undefined)).toBe(true);
  });

  it('lists one namespace, and a namespace that does not exist as empty', async () => {
    const handle = await start();
    const shop = await get(handle, '/apis/apps/v1/namespaces/shop/deployments');
    expect((shop.body['items'] as unknown[]).length).toBe(1);
    const none = await get(handle, '/api/v1/namespaces/nowhere/pods');
    expect(none).toMatchObject({ status: 200, body: { kind: 'PodList', items: [] } });
  });

  it('keeps apiVersion and kind on the items of custom resource lists', async () => {
    const handle = await start({
      objects: [{ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: 'p', namespace: 'shop' }, spec: {} }],
    });
    const { body } = await get(handle, '/apis/cilium.io/v2/ciliumnetworkpolicies');
    expect((body['items'] as unknown[])[0]).toMatchObject({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy' });
  });

  it('pages with limit and opaque continue tokens', async () => {
    const handle = await start();
    const first = await get(handle, '/api/v1/pods?limit=3');
    const meta = first.body['metadata'] as { continue: string; remainingItemCount: number; resourceVersion: string };
    expect((first.body['items'] as unknown[]).length).toBe(3);
    expect(meta.remainingItemCount).toBe(4);
    const second = await get(handle, `/api/v1/pods?limit=3&continue=${encodeURIComponent(meta.continue)}`);
    const third = await get(handle, `/api/v1/pods?limit=3&continue=${encodeURIComponent((second.body['metadata'] as { continue: string }).continue)}`);
    expect((third.body['items'] as unknown[]).length).toBe(1);
    expect(third.body['metadata']).toEqual({ resourceVersion: meta.resourceVersion });
  });

  it('answers a malformed continue token with 400 and a compacted one with 410 Expired', async () => {
    const handle = await start();
    const bad = await get(handle, '/api/v1/pods?limit=2&continue=not-a-token');
    expect(bad).toMatchObject({ status: 400, body: { kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400 } });

    const first = await get(handle, '/api/v1/pods?limit=2');
    handle.compact();
    const token = (first.body['metadata'] as { continue: string }).continue;
    const gone = await get(handle, `/api/v1/pods?limit=2&continue=${encodeURIComponent(token)}`);
    expect(gone).toMatchObject({ status: 410, body: { kind: 'Status', apiVersion: 'v1', reason: 'Expired', code: 410 } });
    expect((gone.body['metadata'] as { continue?: string }).continue).toEqual(expect.any(String));
  });
});

describe('test API server errors', () => {
  it('answers unknown resources with a 404 Status', async () => {
    const handle = await start();
    expect(await get(handle, '/api/v1/widgets')).toMatchObject({
      status: 404,
      body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 },
    });
    expect((await get(handle, '/api/v1/namespaces/shop/nodes')).status).toBe(404);
  });

  it('answers a missing object with a 404 naming it', async () => {
    const handle = await start();
    const missing = await get(handle, '/apis/apps/v1/namespaces/shop/deployments/nope');
    expect(missing.body).toMatchObject({ message: 'deployments.apps "nope" not found', reason: 'NotFound', details: { name: 'nope', group: 'apps', kind: 'deployments' } });
    const found = await get(handle, '/api/v1/namespaces/shop');
    expect(found.body).toMatchObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  });

  it('answers forbidden kinds with 403 Forbidden', async () => {
    const handle = await start({ forbidden: ['Secret'] });
    const denied = await get(handle, '/api/v1/secrets');
    expect(denied).toMatchObject({ status: 403, body: { kind: 'Status', reason: 'Forbidden', code: 403, details: { kind: 'secrets' } } });
    expect(denied.body['message']).toMatch(/^secrets is forbidden: User ".+" cannot list resource "secrets" in API group "" at the cluster scope$/);
    expect((await get(handle, '/api/v1/configmaps')).status).toBe(200);
  });

  it('requires the bearer token when one is set', async () => {
    const handle = await start({ token: 'abc' });
    expect(await get(handle, '/api')).toMatchObject({ status: 401, body: { kind: 'Status', reason: 'Unauthorized', code: 401 } });
    expect((await get(handle, '/api', { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await get(handle, '/api', { Authorization: 'Bearer abc' })).status).toBe(200);
  });

  it('stores Secrets as the API server does: stringData folded into data', async () => {
    const handle = await start();
    const { body } = await get(handle, '/api/v1/namespaces/shop/secrets/db-credentials');
    expect(body['stringData']).toBeUndefined();
    expect(body['data']).toEqual({ password: 'aHVudGVyMg==', username: 'YWRtaW4=', extra: Buffer.from('hunter2-plain').toString('base64') });
  });
});
