/**
 * Naming images: references as distribution/reference normalises them, platforms as containerd
 * chooses them from an index, transports' PATH:TAG splitting, and picking one image of a layout or
 * archive by name.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PalisadeError } from '../../src/core/errors.js';
import { chooseManifest, normalizePlatform, parsePlatform } from '../../src/loaders/image/platform.js';
import { normalizedName, parseReference } from '../../src/loaders/image/registry/reference.js';
import { parseTarget, pickNamed } from '../../src/loaders/image/target.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

/** The problem code of what `run` throws (undefined for anything that is not a coded problem). */
function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof PalisadeError ? error.problem.code : undefined;
  }
  return undefined;
}

describe('image references', () => {
  it('normalises Docker Hub however it is written, and sends the API to registry-1.docker.io', () => {
    for (const text of ['alpine', 'docker.io/alpine', 'docker.io/library/alpine', 'index.docker.io/library/alpine', 'registry-1.docker.io/library/alpine']) {
      expect(parseReference(text)).toEqual({ registry: 'registry-1.docker.io', domain: 'docker.io', repository: 'library/alpine', reference: 'latest' });
    }
    expect(parseReference('docker.io/bitnami/redis:7')).toMatchObject({ registry: 'registry-1.docker.io', repository: 'bitnami/redis', reference: '7' });
  });

  it('reads hosts with ports, localhost, IPv6 and uppercase as registries', () => {
    expect(parseReference('localhost:5000/a/b:tag')).toEqual({ registry: 'localhost:5000', domain: 'localhost:5000', repository: 'a/b', reference: 'tag' });
    expect(parseReference('localhost/app')).toMatchObject({ registry: 'localhost', repository: 'app', reference: 'latest' });
    expect(parseReference('[::1]:5000/team/app:2')).toMatchObject({ registry: '[::1]:5000', repository: 'team/app', reference: '2' });
    expect(parseReference('Registry/team/app')).toMatchObject({ registry: 'registry', domain: 'registry', repository: 'team/app' });
  });

  it('lets a digest win over a tag, as containerd and skopeo do', () => {
    expect(parseReference(`localhost:5000/a/b:tag@${DIGEST}`)).toMatchObject({ registry: 'localhost:5000', repository: 'a/b', reference: DIGEST });
  });

  it('refuses what the grammar refuses, with a coded error and no exception of another kind', () => {
    for (const text of ['Alpine', 'docker.io/Library/alpine', 'a b.c/x', 'bad_host.io:x/app', 'alpine:-tag', `alpine@sha256:${'a'.repeat(10)}`, 'registry.io/', `x.io/${'a'.repeat(260)}`]) {
      expect(codeOf(() => parseReference(text)), text).toBe('image-not-found');
    }
    expect(() => parseReference('Alpine')).toThrow(/must be lowercase/);
  });

  it('gives the normalised name docker compares', () => {
    expect(normalizedName('alpine:3.20')).toBe('docker.io/library/alpine:3.20');
    expect(normalizedName('docker.io/library/alpine:3.20')).toBe('docker.io/library/alpine:3.20');
    expect(normalizedName('localhost/app:1')).toBe('localhost/app:1');
    expect(normalizedName('Not A Name')).toBeUndefined();
  });
});

describe('platform selection', () => {
  const index = (platforms: readonly (readonly [string, string, string?])[]): { digest: string; platform: { os: string; architecture: string; variant?: string } }[] =>
    platforms.map(([os, architecture, variant], i) => ({ digest: String(i), platform: { os, architecture, ...(variant === undefined ? {} : { variant }) } }));
  const pick = (entries: ReturnType<typeof index>, want: string): string => chooseManifest(entries, parsePlatform(want), 'img').digest;

  it('reads arm64/v8 as arm64 and arm as arm/v7, whichever side writes them', () => {
    const entries = index([['linux', 'amd64'], ['linux', 'arm', 'v6'], ['linux', 'arm', 'v7'], ['linux', 'arm64', 'v8']]);
    expect(pick(entries, 'linux/arm64')).toBe('3');
    expect(pick(entries, 'linux/arm64/v8')).toBe('3');
    expect(pick(entries, 'linux/arm')).toBe('2');
    expect(pick(entries, 'linux/arm/v6')).toBe('1');
    expect(pick(index([['linux', 'arm64']]), 'linux/arm64/v8')).toBe('0');
    expect(normalizePlatform({ os: 'linux', architecture: 'aarch64' })).toEqual({ os: 'linux', architecture: 'arm64', variant: '' });
  });

  it('falls back to an older variant, best first, never to a newer one', () => {
    expect(pick(index([['linux', 'arm', 'v5'], ['linux', 'arm', 'v6']]), 'linux/arm/v7')).toBe('1');
    expect(() => pick(index([['linux', 'arm', 'v7']]), 'linux/arm/v6')).toThrow(/no image for linux\/arm\/v6/);
    expect(pick(index([['linux', 'amd64'], ['linux', 'amd64', 'v3']]), 'linux/amd64')).toBe('0');
    expect(pick(index([['linux', 'amd64'], ['linux', 'amd64', 'v2']]), 'linux/amd64/v3')).toBe('1');
  });

  it('never picks a BuildKit attestation manifest, nor lists one as available', () => {
    const entries = index([['unknown', 'unknown'], ['linux', 'arm64']]);
    expect(() => chooseManifest(entries, parsePlatform('linux/amd64'), 'img')).toThrow('no image for linux/amd64 (available: linux/arm64)');
  });
});

describe('PATH:TAG of layouts and archives', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-names-'));
  const layout = join(dir, 'with:colon');
  mkdirSync(layout);
  writeFileSync(join(dir, 'image.tar'), '');

  it('keeps a colon in the tag (podman names images by full reference)', () => {
    expect(parseTarget(`oci:${layout}:localhost/app:1`)).toEqual({ transport: 'oci', path: layout, tag: 'localhost/app:1' });
    expect(parseTarget(`docker-archive:${dir}/image.tar:docker.io/library/alpine:3.20`)).toEqual({ transport: 'docker-archive', path: `${dir}/image.tar`, tag: 'docker.io/library/alpine:3.20' });
    expect(parseTarget(`oci:${layout}`)).toEqual({ transport: 'oci', path: layout });
    expect(parseTarget(`oci-archive:${dir}/image.tar:v2`)).toEqual({ transport: 'oci-archive', path: `${dir}/image.tar`, tag: 'v2' });
    expect(parseTarget('oci:/no/such:dir:tag')).toEqual({ transport: 'oci', path: '/no/such', tag: 'dir:tag' });
  });

  it('picks by exact, normalised, short name or bare tag, and refuses an ambiguous one', () => {
    const images = [['alpine:3.20'], ['localhost/app:1'], ['localhost/tool:1', 'localhost/tool:latest']];
    const pickOne = (wanted: string): string | undefined => pickNamed(images, (i) => i, wanted, 'a.tar')?.[0];
    expect(pickOne('docker.io/library/alpine:3.20')).toBe('alpine:3.20');
    expect(pickOne('app:1')).toBe('localhost/app:1');
    expect(pickOne('tool')).toBe('localhost/tool:1');
    expect(pickOne('3.20')).toBe('alpine:3.20');
    expect(pickOne('nope')).toBeUndefined();
    expect(pickOne('@1')).toBe('localhost/app:1');
    expect(pickOne('@3')).toBeUndefined();
    expect(codeOf(() => pickOne('1'))).toBe('image-ambiguous');
  });
});
