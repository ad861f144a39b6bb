/**
 * Registries behind an HTTP proxy, as docker, skopeo and Trivy reach them: HTTPS_PROXY for https
 * (a CONNECT tunnel, TLS and its certificate check end to end), HTTP_PROXY for plain http (absolute
 * URLs), NO_PROXY hosts and loopback addresses direct. The registry is named registry.test, a name
 * only the in-process proxy resolves, so a request that bypasses the proxy cannot succeed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyFromEnvironment } from '../../src/loaders/image/registry/proxy.js';
import { inventoryImage } from '../../src/sdk/index.js';
import { OciWriter, tarOf } from './support/oci-writer.js';

const work = mkdtempSync(join(tmpdir(), 'palisade-proxy-'));
const layout = join(work, 'layout');
let manifestDigest = '';
const servers: Server[] = [];
let tlsPort = 0;
let plainPort = 0;
let proxyUrl = '';
/** What the proxy was asked: CONNECT authorities and absolute URLs, with their Proxy-Authorization. */
const asked: { what: string; auth: string | undefined }[] = [];

const blob = (digest: string): Buffer => readFileSync(join(layout, 'blobs/sha256', digest.slice('sha256:'.length)));

function registry(req: IncomingMessage, res: ServerResponse): void {
  const match = /^\/v2\/open\/app\/(manifests|blobs)\/(.+)$/.exec(req.url ?? '');
  if (match === null) {
    res.writeHead(404).end();
    return;
  }
  const [, kind = '', ref = ''] = match;
  res.writeHead(200, kind === 'manifests' ? { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' } : {}).end(blob(ref === 'latest' ? manifestDigest : ref));
}

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** *.test names resolve to 127.0.0.1, for the proxy only. */
const upstream = (host: string): string => (host.endsWith('.test') ? '127.0.0.1' : host);

beforeAll(async () => {
  manifestDigest = new OciWriter(layout).image([await tarOf({ 'etc/os-release': 'ID=alpine\nVERSION_ID=3.20.0\n', 'lib/apk/db/installed': 'P:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\no:musl\n' })]).digest;
  const cert = join(work, 'registry.crt');
  const key = join(work, 'registry.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=registry.test', '-addext', 'subjectAltName=DNS:registry.test', '-keyout', key, '-out', cert], { stdio: 'pipe' });
  tlsPort = await listen(createHttpsServer({ cert: readFileSync(cert), key: readFileSync(key) }, registry));
  plainPort = await listen(createServer(registry));
  const proxy = createServer((req, res) => {
    asked.push({ what: req.url ?? '', auth: req.headers['proxy-authorization'] });
    const target = new URL(req.url ?? '');
    const forward = request({ host: upstream(target.hostname), port: target.port, path: target.pathname, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    asked.push({ what: `CONNECT ${req.url ?? ''}`, auth: req.headers['proxy-authorization'] });
    const [host = '', port = ''] = (req.url ?? '').split(':');
    const socket = connect(Number(port), upstream(host), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      socket.write(head);
      socket.pipe(client);
      client.pipe(socket);
    });
    socket.on('error', () => client.destroy());
    client.on('error', () => socket.destroy());
  });
  proxyUrl = `http://alice:s%40cret@127.0.0.1:${await listen(proxy)}`;
});

afterAll(() => {
  for (const server of servers) server.close();
});

const names = async (target: string, env: NodeJS.ProcessEnv, options: Parameters<typeof inventoryImage>[1] = {}): Promise<string[]> =>
  (await inventoryImage(target, { env: { HOME: work, ...env }, ...options })).inventory.packages.map((p) => p.name);

describe('registries behind a proxy', () => {
  it('tunnels HTTPS through HTTPS_PROXY with its credentials, checking the registry certificate end to end', async () => {
    asked.length = 0;
    expect(await names(`docker://registry.test:${tlsPort}/open/app:latest`, { HTTPS_PROXY: proxyUrl }, { caFile: join(work, 'registry.crt') })).toEqual(['musl']);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((a) => a.what === `CONNECT registry.test:${tlsPort}` && a.auth === `Basic ${Buffer.from('alice:s@cret').toString('base64')}`)).toBe(true);
    // Without the CA the certificate is refused inside the tunnel, as it would be directly.
    await expect(names(`docker://registry.test:${tlsPort}/open/app:latest`, { https_proxy: proxyUrl })).rejects.toMatchObject({ problem: { code: 'registry-unreachable', message: expect.stringMatching(/certificate/) as unknown } });
  });

  it('asks HTTP_PROXY for plain-HTTP registries (--insecure) in absolute form', async () => {
    asked.length = 0;
    expect(await names(`docker://registry.test:${plainPort}/open/app:latest`, { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl }, { insecure: true })).toEqual(['musl']);
    expect(asked.some((a) => a.what.startsWith(`http://registry.test:${plainPort}/v2/open/app/`))).toBe(true);
  });

  it('goes direct for NO_PROXY hosts and loopback addresses', async () => {
    await expect(names(`docker://registry.test:${tlsPort}/open/app:latest`, { HTTPS_PROXY: proxyUrl, NO_PROXY: 'example.com,.test' }, { caFile: join(work, 'registry.crt') }))
      .rejects.toMatchObject({ problem: { code: 'registry-unreachable', message: expect.stringMatching(/ENOTFOUND|EAI_AGAIN/) as unknown } });
    asked.length = 0;
    expect(await names(`docker://127.0.0.1:${plainPort}/open/app:latest`, { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl })).toEqual(['musl']);
    expect(asked).toEqual([]);
  });

  it('reads the proxy variables as Go does', () => {
    const proxyFor = (env: NodeJS.ProcessEnv, url: string): string | undefined => proxyFromEnvironment(env)(new URL(url))?.host;
    expect(proxyFor({ https_proxy: 'proxy.corp:3128' }, 'https://ghcr.io/v2/')).toBe('proxy.corp:3128');
    expect(proxyFor({ HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:1' }, 'https://ghcr.io/v2/')).toBe('upper:1');
    expect(proxyFor({ HTTP_PROXY: 'http://p:1' }, 'https://ghcr.io/v2/')).toBeUndefined();
    const env = { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'internal.corp, registry.example:5000, 10.0.0.0/8, *.svc' };
    expect(proxyFor(env, 'https://harbor.internal.corp/v2/')).toBeUndefined();
    expect(proxyFor(env, 'https://internal.corp/v2/')).toBeUndefined();
    expect(proxyFor(env, 'https://notinternal.corp/v2/')).toBe('p:1');
    expect(proxyFor(env, 'https://registry.example:5000/v2/')).toBeUndefined();
    expect(proxyFor(env, 'https://registry.example/v2/')).toBe('p:1');
    expect(proxyFor(env, 'https://10.1.2.3/v2/')).toBeUndefined();
    expect(proxyFor(env, 'https://11.1.2.3/v2/')).toBe('p:1');
    expect(proxyFor(env, 'https://registry.ns.svc/v2/')).toBeUndefined();
    expect(proxyFor(env, 'https://localhost:5000/v2/')).toBeUndefined();
    expect(proxyFor({ HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, 'https://ghcr.io/v2/')).toBeUndefined();
    expect(() => proxyFromEnvironment({ HTTPS_PROXY: 'socks5://p:1' })).toThrow(/only http/);
  });
});
