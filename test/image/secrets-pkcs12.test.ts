/**
 * PKCS#12 key stores (.p12, .pfx) in images: binary files the text rules never see, found by their
 * name and their DER header and reported by kind and size only. The key stores are real ones,
 * written by openssl; the image is a real OCI layout read by the SDK.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanFileForSecrets } from '../../src/analyzers/secrets/index.js';
import { secretFinding } from '../../src/sdk/image-scan-findings.js';
import { inventoryImage } from '../../src/sdk/index.js';
import { OciWriter } from './support/oci-writer.js';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** A tar layer of binary files (the shared tarOf writes text). */
async function tarOfBytes(files: Readonly<Record<string, Buffer>>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => {
    pack.on('data', (c) => { chunks.push(c as Buffer); });
    pack.on('end', () => { resolve(); });
  });
  for (const [name, body] of Object.entries(files)) pack.entry({ name, size: body.length }, body);
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

describe.skipIf(!hasOpenssl)('PKCS#12 key stores in images', () => {
  let keyStore: Buffer;
  let certificate: Buffer;
  let layout: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-p12-'));
    const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-subj', '/CN=palisade-test', '-days', '1']);
    run(['pkcs12', '-export', '-inkey', 'key.pem', '-in', 'cert.pem', '-out', 'store.p12', '-passout', 'pass:changeit']);
    run(['x509', '-in', 'cert.pem', '-outform', 'DER', '-out', 'cert.der']);
    keyStore = readFileSync(join(dir, 'store.p12'));
    certificate = readFileSync(join(dir, 'cert.der'));
    layout = mkdtempSync(join(tmpdir(), 'palisade-oci-'));
    const writer = new OciWriter(layout);
    writer.index([writer.image([await tarOfBytes({ 'app/certs/server.pfx': keyStore, 'app/certs/server.crt.p12': certificate })])]);
  });

  it('reports a key store by name and header, with its kind and size only', () => {
    for (const path of ['/app/server.p12', '/opt/IIS/site.PFX']) {
      const [found, ...rest] = scanFileForSecrets(path, keyStore, 'sha256:layer');
      expect(rest).toEqual([]);
      expect(found).toEqual({ rule: 'pkcs12-file', title: 'PKCS#12 key store', severity: 'high', place: 'file', path, layer: 'sha256:layer', redacted: `PKCS#12 key store (${String(keyStore.length)} bytes)` });
    }
  });

  it('reads the BER indefinite-length form, and rejects other versions and other DER', () => {
    const ber = Buffer.from([0x30, 0x80, 0x02, 0x01, 0x03, 0x30, 0x80, 0x06, 0x09]);
    expect(scanFileForSecrets('/k.p12', ber, undefined).map((s) => s.rule)).toEqual(['pkcs12-file']);
    const version2 = Buffer.from([0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x02, 0x30, 0x82]);
    expect(scanFileForSecrets('/k.p12', version2, undefined)).toEqual([]);
    // A DER certificate named .p12: a SEQUENCE, but its first element is a SEQUENCE, not the version.
    expect(scanFileForSecrets('/k.p12', certificate, undefined)).toEqual([]);
  });

  it('does not report a key store under another name, nor a text file named .p12', () => {
    expect(scanFileForSecrets('/app/server.der', keyStore, undefined)).toEqual([]);
    expect(scanFileForSecrets('/app/notes.p12', Buffer.from('not a key store\n'), undefined)).toEqual([]);
  });

  it('finds the key store in an image layer', async () => {
    const result = await inventoryImage(`oci:${layout}`, { secrets: true });
    const secrets = result.secrets ?? [];
    expect(secrets.map((s) => [s.rule, s.path, s.severity])).toEqual([['pkcs12-file', '/app/certs/server.pfx', 'high']]);
    expect(secrets[0]?.layer).toBe(result.inventory.image?.layers[0]?.digest);
    expect(JSON.stringify(secrets)).not.toContain(keyStore.subarray(0, 24).toString('base64'));
    // A key store has no line: the finding names the file alone.
    const [secret] = secrets;
    if (secret !== undefined) expect(secretFinding(secret, { apiVersion: 'palisade.dev/v1', kind: 'Image', name: 'k' }).message).toBe(`PKCS#12 key store in /app/certs/server.pfx: PKCS#12 key store (${String(keyStore.length)} bytes)`);
  });
});
