/**
 * docker:// against a real registry (Debian's docker-registry): anonymous over plain HTTP, basic
 * auth over TLS with a private CA and credentials from REGISTRY_AUTH_FILE, a multi-arch index.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryImage } from '../../src/sdk/index.js';
import { OciWriter, tarOf } from './support/oci-writer.js';
import { push, type Registry, startRegistry } from './support/registry.js';

let layout: string;
let open: Registry;
let secured: Registry;
const osRelease = 'ID=alpine\nVERSION_ID=3.19.1\n';
const apk = (arch: string): string => `P:musl\nV:1.2.4-r2\nA:${arch}\nL:MIT\no:musl\n\nP:zlib\nV:1.3.1-r0\nA:${arch}\nL:Zlib\no:zlib\n`;

beforeAll(async () => {
  layout = mkdtempSync(join(tmpdir(), 'palisade-oci-'));
  const writer = new OciWriter(layout);
  const amd = writer.image([await tarOf({ 'etc/os-release': osRelease }), await tarOf({ 'lib/apk/db/installed': apk('x86_64') })], 'amd64');
  const arm = writer.image([await tarOf({ 'etc/os-release': osRelease, 'lib/apk/db/installed': apk('aarch64') })], 'arm64');
  const index = writer.blob(Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ ...amd, platform: { os: 'linux', architecture: 'amd64' } }, { ...arm, platform: { os: 'linux', architecture: 'arm64' } }],
  })), 'application/vnd.oci.image.index.v1+json');
  writer.index([{ ...index, annotations: { 'org.opencontainers.image.ref.name': 'multi' } }, { ...amd, annotations: { 'org.opencontainers.image.ref.name': 'single' } }]);
  open = await startRegistry();
  await push(`oci:${layout}:multi`, `docker://${open.host}/palisade/multi:1`);
  secured = await startRegistry({ tls: true, basic: { user: 'scanner', password: 's3cret' } });
  await push(`oci:${layout}:single`, `docker://${secured.host}/palisade/single:1`, { creds: 'scanner:s3cret' });
}, 120_000);

afterAll(() => {
  open.stop();
  secured.stop();
});

describe('docker:// registry source', () => {
  it('pulls anonymously over plain HTTP and picks the platform from the index', async () => {
    const amd = await inventoryImage(`docker://${open.host}/palisade/multi:1`, { insecure: true, platform: 'linux/amd64' });
    expect(amd.inventory.packages.map((p) => p.purl)).toEqual([
      'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1',
      'pkg:apk/alpine/zlib@1.3.1-r0?arch=x86_64&distro=alpine-3.19.1',
    ]);
    // Both packages came with the second layer.
    expect(amd.inventory.packages.every((p) => p.layer === amd.inventory.image?.layers[1]?.digest)).toBe(true);
    const arm = await inventoryImage(`docker://${open.host}/palisade/multi:1`, { insecure: true, platform: 'linux/arm64' });
    expect(arm.inventory.image?.architecture).toBe('arm64');
    expect(arm.inventory.packages.map((p) => p.arch)).toEqual(['aarch64', 'aarch64']);
  });

  it('pulls from a plain HTTP registry on a loopback address without --insecure, as docker and crane do', async () => {
    const port = open.host.slice(open.host.lastIndexOf(':') + 1);
    for (const host of [open.host, `localhost:${port}`]) {
      const { inventory } = await inventoryImage(`docker://${host}/palisade/multi:1`, { platform: 'linux/amd64' });
      expect(inventory.packages.map((p) => p.name), host).toEqual(['musl', 'zlib']);
    }
  });

  it('uses basic auth from REGISTRY_AUTH_FILE over TLS with a custom CA', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-auth-'));
    const authFile = join(dir, 'auth.json');
    writeFileSync(authFile, JSON.stringify({ auths: { [secured.host]: { auth: Buffer.from('scanner:s3cret').toString('base64') } } }));
    const previous = process.env.REGISTRY_AUTH_FILE;
    process.env.REGISTRY_AUTH_FILE = authFile;
    try {
      const { inventory } = await inventoryImage(`docker://${secured.host}/palisade/single:1`, { caFile: secured.caFile ?? '' });
      expect(inventory.packages.map((p) => p.name)).toEqual(['musl', 'zlib']);
      expect(inventory.image?.manifestDigest).toMatch(/^sha256:/);
    } finally {
      if (previous === undefined) delete process.env.REGISTRY_AUTH_FILE;
      else process.env.REGISTRY_AUTH_FILE = previous;
    }
  });

  it('refuses without credentials, without the CA, and for a missing tag, with coded errors', async () => {
    const emptyAuth = join(mkdtempSync(join(tmpdir(), 'palisade-auth-')), 'none.json');
    process.env.REGISTRY_AUTH_FILE = emptyAuth;
    try {
      await expect(inventoryImage(`docker://${secured.host}/palisade/single:1`, { caFile: secured.caFile ?? '' })).rejects.toMatchObject({ problem: { code: 'registry-denied' } });
    } finally {
      delete process.env.REGISTRY_AUTH_FILE;
    }
    await expect(inventoryImage(`docker://${secured.host}/palisade/single:1`)).rejects.toMatchObject({ problem: { code: 'registry-unreachable' } });
    await expect(inventoryImage(`docker://${open.host}/palisade/multi:nope`, { insecure: true })).rejects.toMatchObject({ problem: { code: 'image-not-found' } });
  });
});
