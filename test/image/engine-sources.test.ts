/**
 * docker-daemon: (podman's Docker-compatible API on a private socket) and containers-storage:
 * (the store read directly) give exactly the image that `podman save` exports: same layers, same
 * merged file system. A store changed under the reader is a digest mismatch, never a silent change.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, closeSync, writeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage, type ImageRead } from '../../src/loaders/image/index.js';
import { parseTarget } from '../../src/loaders/image/target.js';
import { type Podman, startPodman } from './support/podman.js';

let podman: Podman;
let service: ChildProcess | undefined;
let socket: string;
let imageId: string;
let reference: ImageRead;
const wants = (p: string): boolean => p.startsWith('/etc/');

beforeAll(async () => {
  podman = startPodman();
  const context = mkdtempSync(join(podman.dir, 'ctx-'));
  copyFileSync('/bin/busybox', join(context, 'busybox'));
  writeFileSync(join(context, 'Containerfile'), [
    'FROM scratch',
    'COPY busybox /bin/busybox',
    'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
    'RUN ["/bin/sh", "-c", "mkdir -p /etc/app && echo one > /etc/app/a && echo gone > /etc/gone && ln -s /etc/app/a /etc/link"]',
    'RUN ["/bin/sh", "-c", "rm /etc/gone && echo two > /etc/app/b"]',
    '',
  ].join('\n'));
  podman.build(context, 'localhost/palisade-engine:1');
  imageId = podman.run(['image', 'inspect', '--format', '{{.Id}}', 'localhost/palisade-engine:1']).trim();
  reference = await readImage(`oci-archive:${podman.save('localhost/palisade-engine:1', 'oci-archive')}`, { wants });
  socket = join(podman.dir, 'api.sock');
  service = spawn('podman', ['system', 'service', '--time=0', `unix://${socket}`], { env: podman.env, stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(socket); i += 1) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(socket)) throw new Error('podman system service did not open its socket');
}, 300_000);

afterAll(() => {
  service?.kill();
  podman.cleanup();
});

function sameImage(read: ImageRead): void {
  expect(read.image?.layers.map((l) => l.diffId)).toEqual(reference.image?.layers.map((l) => l.diffId));
  expect(read.image?.configDigest).toBe(reference.image?.configDigest);
  expect(read.fs.read('/etc/app/a')?.toString()).toBe('one\n');
  expect(read.fs.read('/etc/app/b')?.toString()).toBe('two\n');
  expect(read.fs.read('/etc/link')?.toString()).toBe('one\n');
  expect(read.fs.resolve('/etc/gone')).toBeUndefined();
  expect(read.fs.resolve('/bin/sh')?.path).toBe('/bin/busybox');
  expect(read.stats.entries).toBe(reference.stats.entries);
}

describe('docker-daemon: through the Docker Engine API (podman system service)', () => {
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, DOCKER_HOST: `unix://${socket}` });

  it('reads the engine export of a named image and removes its spool', async () => {
    const progress: number[] = [];
    const read = await readImage('docker-daemon:localhost/palisade-engine:1', { wants, env: env(), onProgress: (p) => { if (p.phase === 'fetch') progress.push(p.bytes); } });
    sameImage(read);
    expect(read.image?.repoTags).toContain('localhost/palisade-engine:1');
    expect(progress.at(-1)).toBeGreaterThan(1_000_000);
    // The export carries no manifest digest; the engine's RepoDigests give the one it records,
    // so an SBOM can name the image by purl.
    const digest = podman.run(['image', 'inspect', '--format', '{{.Digest}}', 'localhost/palisade-engine:1']).trim();
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(read.image?.manifestDigest).toBe(digest);
  });

  it('names an image exported by its short id from the engine\'s record (the export names none)', async () => {
    const read = await readImage(`docker-daemon:${imageId.slice(0, 12)}`, { wants, env: env() });
    sameImage(read);
    expect(read.image?.repoTags).toEqual(['localhost/palisade-engine:1']);
    expect(read.image?.manifestDigest).toBe(podman.run(['image', 'inspect', '--format', '{{.Digest}}', 'localhost/palisade-engine:1']).trim());
  });

  it('finds the engine through the current docker context, as the docker CLI does (rootless Docker, Docker Desktop)', async () => {
    const home = mkdtempSync(join(podman.dir, 'home-'));
    const meta = join(home, '.docker/contexts/meta', createHash('sha256').update('podman-ctx').digest('hex'));
    mkdirSync(meta, { recursive: true });
    writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: 'podman-ctx', Endpoints: { docker: { Host: `unix://${socket}`, SkipTLSVerify: false } } }));
    writeFileSync(join(home, '.docker/config.json'), JSON.stringify({ auths: {}, currentContext: 'podman-ctx' }));
    const rest = { ...process.env };
    delete rest.DOCKER_HOST;
    sameImage(await readImage('docker-daemon:localhost/palisade-engine:1', { wants, env: { ...rest, HOME: home } }));
    await expect(readImage('docker-daemon:localhost/palisade-engine:1', { wants, env: { ...rest, HOME: home, DOCKER_CONTEXT: 'gone' } }))
      .rejects.toMatchObject({ code: 'engine-unreachable', message: expect.stringContaining('docker context "gone"') as unknown });
  });

  it('names a missing image and an unreachable engine with coded errors', async () => {
    await expect(readImage('docker-daemon:localhost/nope:1', { wants, env: env() })).rejects.toMatchObject({ code: 'image-not-found' });
    await expect(readImage('docker-daemon:alpine', { wants, env: { DOCKER_HOST: `unix://${podman.dir}/none.sock` } })).rejects.toMatchObject({ code: 'engine-unreachable' });
  });
});

describe('containers-storage: the podman store read directly', () => {
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, CONTAINERS_STORAGE_CONF: podman.env.CONTAINERS_STORAGE_CONF });

  it('finds the image by full name, short name, id prefix and an explicit store', async () => {
    sameImage(await readImage('containers-storage:localhost/palisade-engine:1', { wants, env: env() }));
    sameImage(await readImage('containers-storage:palisade-engine:1', { wants, env: env() }));
    sameImage(await readImage(`containers-storage:${imageId.slice(0, 12)}`, { wants, env: env() }));
    sameImage(await readImage(`containers-storage:[vfs@${podman.dir}/graph+${podman.dir}/run]localhost/palisade-engine:1`, { wants }));
    await expect(readImage('containers-storage:palisade-engine:2', { wants, env: env() })).rejects.toMatchObject({ code: 'image-not-found' });
  });

  it('refuses a store whose layer files changed (the rebuilt tar no longer matches its diff id)', async () => {
    const dirs = join(podman.dir, 'graph', 'vfs', 'dir');
    // The layer that wrote /etc/app/a (third layer) keeps it in its own directory; flip one byte.
    const layer = readdirSync(dirs).find((d) => existsSync(join(dirs, d, 'etc/app/a')) && !existsSync(join(dirs, d, 'etc/app/b')));
    expect(layer).toBeDefined();
    const fd = openSync(join(dirs, layer ?? '', 'etc/app/a'), 'r+');
    writeSync(fd, 'O', 0);
    closeSync(fd);
    await expect(readImage('containers-storage:localhost/palisade-engine:1', { wants, env: env() })).rejects.toMatchObject({ code: 'digest-mismatch' });
  });
});

describe('containers-storage: an overlay store (layer files in overlay/ID/diff, whiteouts as devices)', () => {
  let overlay: Podman;
  let exported: ImageRead;
  beforeAll(async () => {
    overlay = startPodman({ driver: 'overlay' });
    const context = mkdtempSync(join(overlay.dir, 'ctx-'));
    copyFileSync('/bin/busybox', join(context, 'busybox'));
    writeFileSync(join(context, 'Containerfile'), [
      'FROM scratch', 'COPY busybox /bin/busybox', 'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
      'RUN ["/bin/sh", "-c", "mkdir -p /etc/app && echo one > /etc/app/a && echo gone > /etc/gone"]',
      'RUN ["/bin/sh", "-c", "rm /etc/gone && rm -r /etc/app && mkdir /etc/app && echo two > /etc/app/b"]', '',
    ].join('\n'));
    overlay.build(context, 'localhost/palisade-overlay:1');
    exported = await readImage(`docker-archive:${overlay.save('localhost/palisade-overlay:1', 'docker-archive')}`, { wants });
  }, 300_000);
  afterAll(() => {
    overlay.cleanup();
  });

  it('rebuilds every layer exactly (diff ids verified) and applies whiteouts and opaque directories', async () => {
    const read = await readImage(`containers-storage:[overlay@${overlay.dir}/graph]localhost/palisade-overlay:1`, { wants });
    expect(read.image?.layers.map((l) => l.diffId)).toEqual(exported.image?.layers.map((l) => l.diffId));
    expect(read.fs.resolve('/etc/gone')).toBeUndefined();
    expect(read.fs.resolve('/etc/app/a')).toBeUndefined();
    expect(read.fs.read('/etc/app/b')?.toString()).toBe('two\n');
    expect(read.stats.entries).toBe(exported.stats.entries);
  });
});

describe('bare references', () => {
  it('resolve as docker:// when no such path exists', () => {
    expect(parseTarget('alpine:3.20')).toEqual({ transport: 'docker', reference: 'alpine:3.20' });
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseTarget(`registry:5000/x/y@${digest}`)).toEqual({ transport: 'docker', reference: `registry:5000/x/y@${digest}` });
    expect(() => parseTarget('./no/such/File.tar')).toThrow(/no such file/);
    expect(() => parseTarget('./no/Such')).toThrow(/neither an existing path/);
  });

  it('take a missing archive or SBOM name for a mistyped file, not a Docker Hub image', () => {
    for (const name of ['app.tar', 'build/app.tar.gz', 'bom.cdx.json', 'APP.TGZ']) expect(() => parseTarget(name), name).toThrow(/: no such file \(a name ending in \.\S+ is read as a file; write docker:\/\//);
    expect(parseTarget('docker://library/app.tar')).toEqual({ transport: 'docker', reference: 'library/app.tar' });
  });
});
