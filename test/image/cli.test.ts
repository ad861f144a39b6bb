/**
 * The built CLI on hand-written OCI layouts: multi-platform selection, JSON and SBOM output, and
 * coded errors (no stack traces) for tampered, missing and unsupported inputs.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';
import { OciWriter, tarOf } from './support/oci-writer.js';

const apkDb = (arch: string, version: string): string => `P:musl\nV:${version}\nA:${arch}\nL:MIT\no:musl\n\n`;
let multi: string;

beforeAll(async () => {
  multi = mkdtempSync(join(tmpdir(), 'palisade-oci-'));
  const writer = new OciWriter(multi);
  const osRelease = 'ID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME="Alpine Linux v3.19"\n';
  const amd = writer.image([await tarOf({ 'etc/os-release': osRelease, 'lib/apk/db/installed': apkDb('x86_64', '1.2.4-r1') })], 'amd64');
  const arm = writer.image([await tarOf({ 'etc/os-release': osRelease, 'lib/apk/db/installed': apkDb('aarch64', '1.2.4-r2') })], 'arm64');
  const nested = writer.blob(Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ ...amd, platform: { os: 'linux', architecture: 'amd64' } }, { ...arm, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }],
  })), 'application/vnd.oci.image.index.v1+json');
  writer.index([{ ...nested, annotations: { 'org.opencontainers.image.ref.name': 'multi' } }]);
});

describe('palisade image scan / sbom', () => {
  it('chooses the platform of a multi-arch index', () => {
    const run = palisade(['image', 'scan', `oci:${multi}:multi`, '--platform', 'linux/arm64', '--format', 'inventory']);
    expect(run.status).toBe(0);
    const inventory = JSON.parse(run.stdout) as { packages: { purl: string }[]; image: { architecture: string } };
    expect(inventory.image.architecture).toBe('arm64');
    expect(inventory.packages.map((p) => p.purl)).toEqual(['pkg:apk/alpine/musl@1.2.4-r2?arch=aarch64&distro=alpine-3.19.1']);
    const missing = palisade(['image', 'scan', `oci:${multi}`, '--platform', 'linux/s390x']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/error image-not-found: .*no image for linux\/s390x \(available: linux\/amd64, linux\/arm64\/v8\)/);
  });

  it('summarises the image and writes SBOMs', () => {
    const summary = palisade(['image', 'scan', multi, '--platform', 'linux/amd64']);
    expect(summary.stdout).toMatch(/OS: Alpine Linux v3.19/);
    expect(summary.stdout).toMatch(/Packages: 1 \(apk 1\)/);
    const sbom = palisade(['sbom', `oci:${multi}`, '--platform', 'linux/amd64', '-f', 'cyclonedx']);
    expect(sbom.status).toBe(0);
    expect((JSON.parse(sbom.stdout) as { specVersion: string }).specVersion).toBe('1.6');
  });

  it('refuses a tampered blob with a coded error and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-oci-'));
    const writer = new OciWriter(dir);
    const manifest = writer.image([Buffer.alloc(1024)]);
    writer.index([manifest]);
    const blobs = readdirSync(join(dir, 'blobs/sha256'));
    const target = blobs.find((b) => `sha256:${b}` === manifest.digest) ?? '';
    writeFileSync(join(dir, 'blobs/sha256', target), '{"schemaVersion":2}');
    const run = palisade(['sbom', `oci:${dir}`]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error digest-mismatch: /);
    expect(hasStackTrace(run.stderr)).toBe(false);
  });

  it('names unreachable engines and registries and missing paths clearly', () => {
    const engine = palisade(['image', 'scan', 'docker-daemon:alpine', '-f', 'inventory'], { env: { DOCKER_HOST: 'unix:///no/such/docker.sock' } });
    expect(engine.status).toBe(2);
    expect(engine.stderr).toMatch(/error engine-unreachable: unix:\/\/\/no\/such\/docker.sock/);
    const store = palisade(['sbom', `containers-storage:[vfs@${mkdtempSync(join(tmpdir(), 'palisade-store-'))}]alpine`]);
    expect(store.stderr).toMatch(/error image-not-found: containers-storage:alpine/);
    // A bare reference is a registry reference: here, one nothing listens for.
    const bare = palisade(['sbom', '127.0.0.1:9/palisade/none:1', '--insecure']);
    expect(bare.stderr).toMatch(/error registry-unreachable: http:\/\/127.0.0.1:9/);
    const missing = palisade(['sbom', '/no/such/image.tar']);
    expect(missing.stderr).toMatch(/error image-not-found/);
    expect(hasStackTrace(missing.stderr + engine.stderr + store.stderr + bare.stderr)).toBe(false);
  });
});
