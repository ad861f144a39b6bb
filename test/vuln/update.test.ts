import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PalisadeError } from '../../src/core/errors.js';
import { importAdvisories, storeStatus } from '../../src/vuln/index.js';
import { updateStore } from '../../src/vuln/update/index.js';
import { npm, osv, tempDirs } from './support/osv.js';
import { writeZip } from './support/zip.js';

const temp = tempDirs();
const files = new Map<string, Buffer>();
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    const body = files.get(request.url ?? '');
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => { resolve(); })));

function publishZip(path: string, ids: string[]): Buffer {
  const dir = temp();
  const zip = join(dir, 'all.zip');
  writeZip(zip, ids.map((id) => ({ name: `${id}.json`, data: JSON.stringify(osv(id, [npm('p', [{ introduced: '0' }])])) })));
  const bytes = readFileSync(zip);
  files.set(path, bytes);
  return bytes;
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PalisadeError) return error.problem.code;
    throw error;
  }
  return 'ok';
}

describe('db update', () => {
  it('downloads with progress, verifies URL.sha256 and swaps the store', async () => {
    const bytes = publishZip('/osv/npm/all.zip', ['U-1', 'U-2']);
    files.set('/osv/npm/all.zip.sha256', Buffer.from(`${sha256(bytes)}  all.zip\n`));
    const db = join(temp(), 'db.sqlite');
    const seen: number[] = [];
    const result = await updateStore(db, { source: `${base}/osv/npm/all.zip`, onProgress: (p) => seen.push(p.received) });
    expect(result.records).toBe(2);
    expect(result.sha256).toBe(sha256(bytes));
    expect(seen.at(-1)).toBe(bytes.length);
    const [source] = storeStatus(db).sources;
    expect(source).toMatchObject({ name: `${base}/osv/npm/all.zip`, sha256: sha256(bytes), records: 2 });
  });

  it('leaves the store unchanged on a checksum mismatch, a missing checksum or a 404', async () => {
    const dir = temp();
    const db = join(dir, 'db.sqlite');
    const seed = join(dir, 'seed.json');
    writeFileSync(seed, JSON.stringify(osv('S-1', [npm('p', [{ introduced: '0' }])])));
    await importAdvisories(db, seed);
    const before = readFileSync(db);
    publishZip('/bad.zip', ['B-1']);
    files.set('/bad.zip.sha256', Buffer.from('0'.repeat(64)));
    expect(await code(updateStore(db, { source: `${base}/bad.zip` }))).toBe('checksum-mismatch');
    publishZip('/nosum.zip', ['B-2']);
    expect(await code(updateStore(db, { source: `${base}/nosum.zip` }))).toBe('checksum-mismatch');
    expect(await code(updateStore(db, { source: `${base}/missing.zip`, sha256: '1'.repeat(64) }))).toBe('download-failed');
    expect(await code(updateStore(db, { source: 'ftp://example.org/x.zip', sha256: '1'.repeat(64) }))).toBe('download-failed');
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('accepts --sha256 and checks a detached signature when a public key is configured', async () => {
    const dir = temp();
    const bytes = publishZip('/signed.zip', ['K-1']);
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, publicKey.export({ type: 'spki', format: 'pem' }));
    const db = join(dir, 'db.sqlite');
    files.set('/signed.zip.sig', Buffer.from(sign(null, Buffer.from('something else'), privateKey).toString('base64')));
    expect(await code(updateStore(db, { source: `${base}/signed.zip`, sha256: sha256(bytes), publicKey: keyFile }))).toBe('checksum-mismatch');
    files.set('/signed.zip.sig', Buffer.from(sign(null, bytes, privateKey).toString('base64')));
    const result = await updateStore(db, { source: `${base}/signed.zip`, sha256: sha256(bytes).toUpperCase(), publicKey: keyFile });
    expect(result.records).toBe(1);
  });
});
