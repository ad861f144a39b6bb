/**
 * The parts of the distribution protocol a stock registry does not exercise, against an in-process
 * server that serves a real OCI layout: blobs redirected to another host (a CDN), identity tokens
 * (OAuth2 refresh-token grant), credential helpers, Docker Hub credential keys, a connection that
 * breaks off mid-blob, a registry that sends more than the descriptor or other bytes than the
 * digest it declares, --insecure against HTTPS with a self-signed certificate, and a custom CA
 * that must not replace the system roots.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCredentials } from '../../src/loaders/image/registry/credentials.js';
import { loadCa } from '../../src/loaders/image/registry/http.js';
import { inventoryImage } from '../../src/sdk/index.js';
import { OciWriter, tarOf } from './support/oci-writer.js';
import { selfSignedCert } from './support/registry.js';

const ID_TOKEN = 'refresh-token-from-docker-login';
const work = mkdtempSync(join(tmpdir(), 'palisade-protocol-'));
const layout = join(work, 'layout');
let manifestDigest = '';
let layerDigest = '';
const servers: Server[] = [];
/** Authorization headers seen by the blob CDN, and token requests seen by the realm. */
const cdnAuthorizations: (string | undefined)[] = [];
const tokenRequests: string[] = [];

function blob(digest: string): Buffer {
  return readFileSync(join(layout, 'blobs/sha256', digest.slice('sha256:'.length)));
}

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * /v2/<scenario>/app/...: "open" anonymous; "cdn" wants Basic u:p and redirects blobs to another origin; "idtoken"
 * wants a Bearer token that only the refresh-token grant gives; "broken" cuts the layer short;
 * "overlong" sends more layer bytes than the descriptor.
 */
function registryHandler(cdn: () => string, realm: () => string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://registry');
    const match = /^\/v2\/(\w+)\/app\/(manifests|blobs)\/(.+)$/.exec(url.pathname);
    if (match === null) {
      res.writeHead(url.pathname === '/v2/' ? 200 : 404).end('{}');
      return;
    }
    const [, scenario = '', kind = '', ref = ''] = match;
    if (scenario === 'cdn' && req.headers.authorization !== `Basic ${Buffer.from('u:p').toString('base64')}`) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="fake"' }).end();
      return;
    }
    if (scenario === 'idtoken' && req.headers.authorization !== 'Bearer access-granted') {
      res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${realm()}",service="fake-registry",scope="repository:idtoken/app:pull"` }).end();
      return;
    }
    // "dual" offers Basic first and Bearer second, in two headers, and takes the Bearer token only.
    if (scenario === 'dual' && req.headers.authorization !== 'Bearer access-granted') {
      res.writeHead(401, [['WWW-Authenticate', 'Basic realm="legacy"'], ['WWW-Authenticate', `Bearer realm="${realm()}",service="fake-registry"`]]).end();
      return;
    }
    if (kind === 'manifests') {
      const digest = ref === 'latest' ? manifestDigest : ref;
      // "liar" declares the digest of other bytes than it sends.
      const declared = scenario === 'liar' ? `sha256:${'0'.repeat(64)}` : digest;
      res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json', 'Docker-Content-Digest': declared }).end(blob(digest));
      return;
    }
    if (scenario === 'cdn') {
      res.writeHead(307, { Location: `http://${cdn()}/storage/${ref}` }).end();
      return;
    }
    const bytes = blob(ref);
    if (scenario === 'broken' && ref === layerDigest) {
      res.writeHead(200, { 'Content-Length': String(bytes.length) });
      res.write(bytes.subarray(0, 10));
      setTimeout(() => res.destroy(), 20);
      return;
    }
    if (scenario === 'overlong' && ref === layerDigest) {
      res.writeHead(200).end(Buffer.concat([bytes, Buffer.alloc(4096)]));
      return;
    }
    res.writeHead(200, { 'Content-Length': String(bytes.length) }).end(bytes);
  };
}

let registryHost = '';
let tlsHost = '';
let tlsCert = '';

beforeAll(async () => {
  const writer = new OciWriter(layout);
  const manifest = writer.image([await tarOf({ 'etc/os-release': 'ID=alpine\nVERSION_ID=3.20.0\n', 'lib/apk/db/installed': 'P:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\no:musl\n' })]);
  manifestDigest = manifest.digest;
  layerDigest = (JSON.parse(blob(manifestDigest).toString('utf8')) as { layers: { digest: string }[] }).layers[0]?.digest ?? '';
  const cdnHost = await listen(createHttpServer((req, res) => {
    cdnAuthorizations.push(req.headers.authorization);
    res.writeHead(200).end(blob((req.url ?? '').replace('/storage/', '')));
  }));
  const realmHost = await listen(createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      tokenRequests.push(`${req.method ?? ''} ${body}`);
      const form = new URLSearchParams(body);
      const ok = req.method === 'POST' && form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === ID_TOKEN && form.get('service') === 'fake-registry';
      res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' }).end(ok ? JSON.stringify({ access_token: 'access-granted', expires_in: 300 }) : '{}');
    });
  }));
  registryHost = await listen(createHttpServer(registryHandler(() => cdnHost, () => `http://${realmHost}/token`)));
  const { cert, key } = selfSignedCert(work, 'registry');
  tlsCert = cert;
  tlsHost = await listen(createHttpsServer({ cert: readFileSync(cert), key: readFileSync(key) }, registryHandler(() => cdnHost, () => '')));
}, 60_000);

afterAll(() => {
  for (const server of servers) server.close();
});

const names = async (target: string, options: Parameters<typeof inventoryImage>[1] = {}): Promise<string[]> =>
  (await inventoryImage(target, { insecure: true, env: { HOME: work }, ...options })).inventory.packages.map((p) => p.name);

function authFile(content: object): string {
  const file = join(mkdtempSync(join(work, 'auth-')), 'config.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('registry protocol', () => {
  it('follows a blob redirect to another host without sending it the registry credentials', async () => {
    const file = authFile({ auths: { [registryHost]: { auth: Buffer.from('u:p').toString('base64') } } });
    cdnAuthorizations.length = 0;
    expect(await names(`docker://${registryHost}/cdn/app:latest`, { env: { REGISTRY_AUTH_FILE: file } })).toEqual(['musl']);
    expect(cdnAuthorizations.length).toBeGreaterThan(0);
    expect(cdnAuthorizations.every((a) => a === undefined)).toBe(true);
  });

  it('exchanges an identitytoken at the realm with the refresh-token grant', async () => {
    tokenRequests.length = 0;
    const file = authFile({ auths: { [`https://${registryHost}`]: { auth: '', identitytoken: ID_TOKEN } } });
    expect(await names(`docker://${registryHost}/idtoken/app:latest`, { env: { REGISTRY_AUTH_FILE: file } })).toEqual(['musl']);
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]).toMatch(/^POST .*grant_type=refresh_token/);
  });

  it('answers the Bearer challenge when a registry offers Basic and Bearer in two headers', async () => {
    const file = authFile({ auths: { [registryHost]: { identitytoken: ID_TOKEN } } });
    expect(await names(`docker://${registryHost}/dual/app:latest`, { env: { REGISTRY_AUTH_FILE: file } })).toEqual(['musl']);
  });

  it('runs the credential helper the configuration names, and names it when it is missing', async () => {
    const bin = mkdtempSync(join(work, 'bin-'));
    const helper = join(bin, 'docker-credential-fake');
    writeFileSync(helper, `#!/bin/sh\nread server\necho "{\\"ServerURL\\":\\"$server\\",\\"Username\\":\\"<token>\\",\\"Secret\\":\\"${ID_TOKEN}\\"}"\n`);
    chmodSync(helper, 0o755);
    const withHelper = authFile({ auths: { [registryHost]: {} }, credHelpers: { [registryHost]: 'fake' } });
    const env = { REGISTRY_AUTH_FILE: withHelper, PATH: `${bin}:${process.env.PATH ?? ''}` };
    expect(await names(`docker://${registryHost}/idtoken/app:latest`, { env })).toEqual(['musl']);
    const missing = authFile({ auths: { 'https://index.docker.io/v1/': {} }, credsStore: 'desktop-not-installed' });
    await expect(names(`docker://${registryHost}/idtoken/app:latest`, { env: { REGISTRY_AUTH_FILE: missing } }))
      .rejects.toMatchObject({ problem: { code: 'registry-denied', message: expect.stringContaining('docker-credential-desktop-not-installed') as unknown } });
    // A public image needs no credentials, so a broken helper does not stop it.
    expect(await names(`docker://${registryHost}/open/app:latest`, { env: { REGISTRY_AUTH_FILE: missing } })).toEqual(['musl']);
  });

  it('finds Docker Hub credentials under docker.io, index.docker.io or the legacy URL, and namespaced keys', () => {
    const auth = (user: string): { auth: string } => ({ auth: Buffer.from(`${user}:pw`).toString('base64') });
    for (const key of ['docker.io', 'index.docker.io', 'https://index.docker.io/v1/', 'registry-1.docker.io']) {
      expect(findCredentials('docker.io', 'library/alpine', { REGISTRY_AUTH_FILE: authFile({ auths: { [key]: auth('hub') } }), HOME: work }), key).toMatchObject({ username: 'hub' });
    }
    const file = authFile({ auths: { 'quay.io': auth('any'), 'quay.io/team': auth('team'), 'quay.io/team/app': auth('app'), 'quay.io/other': auth('other') } });
    const user = (repository: string): unknown => findCredentials('quay.io', repository, { REGISTRY_AUTH_FILE: file, HOME: work });
    expect(user('team/app')).toMatchObject({ username: 'app' });
    expect(user('team/tool')).toMatchObject({ username: 'team' });
    expect(user('teams/tool')).toMatchObject({ username: 'any' });
  });

  it('reads podman\'s per-user auth.json, and only REGISTRY_AUTH_FILE when it is set, as podman does', () => {
    const home = mkdtempSync(join(work, 'home-'));
    mkdirSync(join(home, '.config/containers'), { recursive: true });
    writeFileSync(join(home, '.config/containers/auth.json'), JSON.stringify({ auths: { 'quay.io': { auth: Buffer.from('podman:pw').toString('base64') } } }));
    expect(findCredentials('quay.io', 'team/app', { HOME: home, XDG_RUNTIME_DIR: join(home, 'run') })).toMatchObject({ username: 'podman' });
    const other = authFile({ auths: { 'ghcr.io': { auth: Buffer.from('gh:pw').toString('base64') } } });
    expect(findCredentials('quay.io', 'team/app', { HOME: home, XDG_RUNTIME_DIR: join(home, 'run'), REGISTRY_AUTH_FILE: other })).toBeUndefined();
  });

  it('checks a manifest fetched by tag against the Docker-Content-Digest the registry declares', async () => {
    expect(await names(`docker://${registryHost}/open/app:latest`)).toEqual(['musl']);
    await expect(names(`docker://${registryHost}/liar/app:latest`)).rejects.toMatchObject({ problem: { code: 'digest-mismatch' } });
  });

  it('codes a connection that breaks off mid-blob and a blob longer than its descriptor', async () => {
    await expect(names(`docker://${registryHost}/broken/app:latest`)).rejects.toMatchObject({ problem: { code: 'registry-unreachable' } });
    await expect(names(`docker://${registryHost}/overlong/app:latest`)).rejects.toMatchObject({ problem: { code: 'digest-mismatch' } });
  });

  it('with --insecure speaks HTTPS without checking the certificate; without it refuses the certificate', async () => {
    expect(await names(`docker://${tlsHost}/open/app:latest`)).toEqual(['musl']);
    await expect(names(`docker://${tlsHost}/open/app:latest`, { insecure: false })).rejects.toMatchObject({ problem: { code: 'registry-unreachable' } });
    expect(await names(`docker://${tlsHost}/open/app:latest`, { insecure: false, caFile: tlsCert })).toEqual(['musl']);
  });

  it('adds a custom CA to the system roots instead of replacing them', () => {
    const roots = loadCa(tlsCert) ?? [];
    expect(roots.length).toBeGreaterThan(100);
    expect(roots.at(-1)).toBe(readFileSync(tlsCert, 'utf8'));
  });

  it('refuses an invalid registry host with a coded error', async () => {
    await expect(names('docker://a b.c/x')).rejects.toMatchObject({ problem: { code: 'image-not-found' } });
  });
});
