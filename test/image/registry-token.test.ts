/**
 * The Bearer token flow against a real registry: docker-registry configured for token auth trusts
 * a test token service (an RS256 JWT with the x5c chain the registry verifies), which hands out
 * tokens only for the right Basic credentials, as Docker Hub's and Harbor's token services do.
 */
import { createSign, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryImage } from '../../src/sdk/index.js';
import { OciWriter, tarOf } from './support/oci-writer.js';
import { freePort, push, type Registry, selfSignedCert, startRegistry } from './support/registry.js';

const USER = 'robot';
const PASSWORD = 'token-pass';
let registry: Registry;
let tokens: Server;
let authFile: string;
const issued: string[] = [];

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function jwt(key: Buffer, cert: Buffer, claims: object): string {
  const der = new X509Certificate(cert).raw.toString('base64');
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [der] }));
  const body = b64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(key);
  return `${header}.${body}.${b64url(signature)}`;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-token-'));
  const { cert, key } = selfSignedCert(dir, 'signer');
  const port = await freePort();
  const realm = `http://127.0.0.1:${port}/token`;
  tokens = createServer((req, res) => {
    const url = new URL(req.url ?? '/', realm);
    const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      res.writeHead(401).end();
      return;
    }
    const scope = url.searchParams.get('scope') ?? '';
    issued.push(scope);
    const [, name = ''] = scope.split(':');
    const now = Math.floor(Date.now() / 1000);
    const token = jwt(readFileSync(key), readFileSync(cert), {
      iss: 'palisade-test-issuer', sub: USER, aud: 'palisade-registry', exp: now + 300, nbf: now - 10, iat: now, jti: `${now}-${issued.length}`,
      access: [{ type: 'repository', name, actions: ['pull', 'push'] }],
    });
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => tokens.listen(port, '127.0.0.1', resolve));
  registry = await startRegistry({ token: { realm, service: 'palisade-registry', issuer: 'palisade-test-issuer', rootCert: cert } });
  const layout = mkdtempSync(join(tmpdir(), 'palisade-oci-'));
  const writer = new OciWriter(layout);
  writer.index([{ ...writer.image([await tarOf({ 'etc/os-release': 'ID=alpine\nVERSION_ID=3.20.0\n', 'lib/apk/db/installed': 'P:busybox\nV:1.36.1-r29\nA:x86_64\nL:GPL-2.0-only\no:busybox\n' })]), annotations: { 'org.opencontainers.image.ref.name': 'app' } }]);
  await push(`oci:${layout}:app`, `docker://${registry.host}/team/app:2`, { creds: `${USER}:${PASSWORD}` });
  authFile = join(dir, 'config.json');
  writeFileSync(authFile, JSON.stringify({ auths: { [`http://${registry.host}`]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } }));
}, 120_000);

afterAll(() => {
  registry.stop();
  tokens.close();
});

describe('docker:// with the Bearer token flow', () => {
  it('fetches a pull token from the realm with the stored credentials', async () => {
    issued.length = 0;
    const { inventory } = await inventoryImage(`docker://${registry.host}/team/app:2`, { insecure: true, env: { REGISTRY_AUTH_FILE: authFile } });
    expect(inventory.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['busybox@1.36.1-r29']);
    expect(issued).toEqual(['repository:team/app:pull']);
  });

  it('is denied without credentials', async () => {
    await expect(inventoryImage(`docker://${registry.host}/team/app:2`, { insecure: true, env: { REGISTRY_AUTH_FILE: join(tmpdir(), 'palisade-no-such-auth.json'), HOME: tmpdir() } }))
      .rejects.toMatchObject({ problem: { code: 'registry-denied' } });
  });
});
