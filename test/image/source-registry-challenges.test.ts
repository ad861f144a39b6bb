/**
 * WWW-Authenticate as RFC 9110 writes it: one header may carry several challenges, quoted values
 * keep their commas and escapes, and a challenge may name several scopes (space-separated), which
 * the token API takes as repeated scope parameters. Served in-process from a real OCI layout.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChallenges } from '../../src/loaders/image/registry/http.js';
import { inventoryImage } from '../../src/sdk/index.js';
import { OciWriter, tarOf } from './support/oci-writer.js';

const work = mkdtempSync(join(tmpdir(), 'palisade-challenges-'));
const layout = join(work, 'layout');
let manifestDigest = '';
let server: Server | undefined;
let host = '';
const tokenScopes: string[][] = [];

const blob = (digest: string): Buffer => readFileSync(join(layout, 'blobs/sha256', digest.slice('sha256:'.length)));

beforeAll(async () => {
  const writer = new OciWriter(layout);
  manifestDigest = writer.image([await tarOf({ 'etc/os-release': 'ID=alpine\nVERSION_ID=3.20.0\n', 'lib/apk/db/installed': 'P:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\no:musl\n' })]).digest;
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://registry');
    if (url.pathname === '/token') {
      tokenScopes.push(url.searchParams.getAll('scope'));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: 'anonymous-ok' }));
      return;
    }
    if (req.headers.authorization !== 'Bearer anonymous-ok') {
      // Both challenges in one header, Basic first; the scope names two repositories.
      res.writeHead(401, { 'WWW-Authenticate': `Basic realm="legacy, v1", Bearer realm="http://${host}/token",service="multi",scope="repository:multi/app:pull repository:base/os:pull"` }).end();
      return;
    }
    const match = /^\/v2\/multi\/app\/(manifests|blobs)\/(.+)$/.exec(url.pathname);
    if (match === null) {
      res.writeHead(404).end();
      return;
    }
    const [, kind = '', ref = ''] = match;
    const digest = ref === 'latest' ? manifestDigest : ref;
    res.writeHead(200, kind === 'manifests' ? { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' } : {}).end(blob(digest));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => { server?.close(); });

describe('WWW-Authenticate challenges', () => {
  it('reads several challenges from one header, with quoted commas and escapes', () => {
    const [basic, bearer, more] = parseChallenges('Basic realm="a, b", Bearer realm="https://auth.example/token",service=registry.example,scope="repository:x/y:pull,push",error="say \\"no\\""');
    expect(basic).toEqual({ scheme: 'basic', params: new Map([['realm', 'a, b']]) });
    expect(bearer?.scheme).toBe('bearer');
    expect(Object.fromEntries(bearer?.params ?? [])).toEqual({ realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:x/y:pull,push', error: 'say "no"' });
    expect(more).toBeUndefined();
    expect(parseChallenges('Bearer realm=https://auth.example/token?x=1')[0]?.params.get('realm')).toBe('https://auth.example/token?x=1');
  });

  it('answers the Bearer challenge of a header that offers Basic first, asking each scope as its own parameter', async () => {
    const report = await inventoryImage(`docker://${host}/multi/app:latest`, { env: { HOME: work } });
    expect(report.inventory.packages.map((p) => p.name)).toEqual(['musl']);
    expect(tokenScopes[0]).toEqual(['repository:multi/app:pull', 'repository:base/os:pull']);
  });
});
