import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/loaders/image/index.js';
import { type Podman, startPodman } from './support/podman.js';

let podman: Podman;
const exports: Record<string, string> = {};

beforeAll(() => {
  podman = startPodman();
  const context = mkdtempSync(join(podman.dir, 'ctx-'));
  copyFileSync('/bin/busybox', join(context, 'busybox'));
  writeFileSync(join(context, 'Containerfile'), [
    'FROM scratch',
    'COPY busybox /bin/busybox',
    'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
    'RUN ["/bin/sh", "-c", "mkdir -p /etc/app && echo one > /etc/app/a && echo two > /etc/app/b && echo gone > /etc/gone"]',
    'RUN ["/bin/sh", "-c", "rm /etc/gone /bin/ls && rm -r /etc/app && mkdir /etc/app && echo three > /etc/app/c && ln -s /etc/app/c /etc/link && ln /etc/app/c /etc/hard"]',
    '',
  ].join('\n'));
  podman.build(context, 'localhost/palisade-busybox:1');
  for (const format of ['oci-dir', 'oci-archive', 'docker-archive'] as const) exports[format] = podman.save('localhost/palisade-busybox:1', format);
});

afterAll(() => {
  podman.cleanup();
});

describe.each(['oci-dir', 'oci-archive', 'docker-archive'] as const)('busybox image from %s', (format) => {
  const target = (): string => `${format === 'oci-dir' ? 'oci' : format}:${exports[format] ?? ''}`;

  it('applies every layer with whiteouts and opaque directories', async () => {
    const read = await readImage(target(), { wants: (p) => p.startsWith('/etc/') });
    expect(read.stats.layers).toBe(4);
    expect(read.fs.read('/etc/app/c')?.toString()).toBe('three\n');
    expect(read.fs.resolve('/etc/app/a')).toBeUndefined();
    expect(read.fs.resolve('/etc/gone')).toBeUndefined();
    expect(read.fs.resolve('/bin/ls')).toBeUndefined();
    expect(read.fs.resolve('/bin/sh')?.path).toBe('/bin/busybox');
    expect(read.fs.read('/etc/link')?.toString()).toBe('three\n');
    expect(read.fs.read('/etc/hard')?.toString()).toBe('three\n');
    expect(read.image?.layers).toHaveLength(4);
    expect(read.image?.architecture).toBe('amd64');
  });

  it('auto-detects the format from the path alone', async () => {
    const read = await readImage(exports[format] ?? '', { wants: () => false });
    expect(read.stats.layers).toBe(4);
  });
});
