/**
 * A registry that answers a transient status for a moment (Docker Hub's 429 pull rate limit, a 503
 * from a restarting proxy) must not fail a scan: the request is repeated with a bounded backoff,
 * following Retry-After, and a registry that stays down or asks for a long wait is reported with
 * what it said. Served in-process from a real OCI layout.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/loaders/image/registry/http.js';
import { inventoryImage } from '../../src/sdk/index.js';
import { OciWriter, tarOf } from './support/oci-writer.js';

const work = mkdtempSync(join(tmpdir(), 'palisade-retries-'));
const layout = join(work, 'layout');
let manifestDigest = '';
let server: Server | undefined;
let host = '';
/** Requests seen per scenario and path. */
const seen = new Map<string, number>();

const blob = (digest: string): Buffer => readFileSync(join(layout, 'blobs/sha256', digest.slice('sha256:'.length)));

/**
 * /v2/<scenario>/app/...: "flaky" answers every path 503 once (no Retry-After), "limited" 429 twice
 * with Retry-After: 0, "down" always 503, "hourly" 429 asking for an hour, "tokenflaky" needs a
 * token from a realm that answers 502 once.
 */
function handle(url: URL): { status: number; headers?: Record<string, string>; body?: Buffer } {
  if (url.pathname === '/token') {
    const count = bump(`token ${url.search}`);
    return count === 1 ? { status: 502 } : { status: 200, body: Buffer.from(JSON.stringify({ token: 'ok' })) };
  }
  const match = /^\/v2\/(\w+)\/app\/(manifests|blobs)\/(.+)$/.exec(url.pathname);
  if (match === null) return { status: 404 };
  const [, scenario = '', kind = '', ref = ''] = match;
  const count = bump(`${scenario} ${kind}/${ref}`);
  if (scenario === 'flaky' && count === 1) return { status: 503 };
  if (scenario === 'limited' && count <= 2) return { status: 429, headers: { 'Retry-After': '0' }, body: Buffer.from('{"errors":[{"code":"TOOMANYREQUESTS"}]}') };
  if (scenario === 'down') return { status: 503, headers: { 'Retry-After': '0' } };
  if (scenario === 'hourly') return { status: 429, headers: { 'Retry-After': '3600' } };
  const digest = ref === 'latest' ? manifestDigest : ref;
  const type = kind === 'manifests' ? { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json', 'Docker-Content-Digest': digest } : {};
  return { status: 200, headers: type, body: blob(digest) };
}

function bump(key: string): number {
  const count = (seen.get(key) ?? 0) + 1;
  seen.set(key, count);
  return count;
}

beforeAll(async () => {
  const writer = new OciWriter(layout);
  manifestDigest = writer.image([await tarOf({ 'etc/os-release': 'ID=alpine\nVERSION_ID=3.20.0\n', 'lib/apk/db/installed': 'P:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\no:musl\n' })]).digest;
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://registry');
    if (url.pathname.startsWith('/v2/tokenflaky/') && req.headers.authorization !== 'Bearer ok') {
      res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://${host}/token",service="retries"` }).end();
      return;
    }
    const { status, headers = {}, body } = handle(url);
    res.writeHead(status, headers).end(body);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => { server?.close(); });

const names = async (scenario: string): Promise<string[]> =>
  (await inventoryImage(`docker://${host}/${scenario}/app:latest`, { env: { HOME: work } })).inventory.packages.map((p) => p.name);

describe('registry answers that pass', () => {
  it('repeats a request the registry answered 503 once, and one rate-limited with Retry-After', async () => {
    expect(await names('flaky')).toEqual(['musl']);
    expect(seen.get('flaky manifests/latest')).toBe(2);
    expect(await names('limited')).toEqual(['musl']);
    expect(seen.get('limited manifests/latest')).toBe(3);
  });

  it('repeats a token request the token service answered 502', async () => {
    expect(await names('tokenflaky')).toEqual(['musl']);
  });

  it('gives up after a bounded number of attempts, and does not wait out a long Retry-After', async () => {
    await expect(names('down')).rejects.toMatchObject({ problem: { code: 'registry-unreachable', message: expect.stringContaining('HTTP 503') as unknown } });
    expect(seen.get('down manifests/latest')).toBe(4);
    await expect(names('hourly')).rejects.toMatchObject({ problem: { code: 'registry-unreachable', message: expect.stringMatching(/429.*wait 3600 s/) as unknown } });
    expect(seen.get('hourly manifests/latest')).toBe(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    expect(retryAfterMs('5', now)).toBe(5000);
    expect(retryAfterMs('Sun, 29 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});
