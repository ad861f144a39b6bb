import { describe, expect, it } from 'vitest';
import { effectiveTag, parseImageRef, readImageRef } from './image-ref.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImageRef', () => {
  it.each([
    ['nginx', { registry: 'docker.io', repository: 'library/nginx', explicitRegistry: false }],
    ['nginx:1.25', { registry: 'docker.io', repository: 'library/nginx', tag: '1.25', explicitRegistry: false }],
    ['bitnami/redis:7', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7', explicitRegistry: false }],
    ['docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx', explicitRegistry: true }],
    ['index.docker.io/library/nginx:latest', { registry: 'docker.io', repository: 'library/nginx', tag: 'latest', explicitRegistry: true }],
    ['localhost/app', { registry: 'localhost', repository: 'app', explicitRegistry: true }],
    ['localhost:5000/team/app:v2', { registry: 'localhost:5000', repository: 'team/app', tag: 'v2', explicitRegistry: true }],
    ['registry.example.com:8443/app', { registry: 'registry.example.com:8443', repository: 'app', explicitRegistry: true }],
    ['Registry.Example.com/app', { registry: 'registry.example.com', repository: 'app', explicitRegistry: true }],
    ['[::1]:5000/app:1', { registry: '[::1]:5000', repository: 'app', tag: '1', explicitRegistry: true }],
    [`ghcr.io/org/app@${DIGEST}`, { registry: 'ghcr.io', repository: 'org/app', digest: DIGEST, explicitRegistry: true }],
    [`ghcr.io/org/app:1.0@${DIGEST}`, { registry: 'ghcr.io', repository: 'org/app', tag: '1.0', digest: DIGEST, explicitRegistry: true }],
    // go-digest, which containerd and CRI-O parse references with, registers sha384 beside sha256 and sha512.
    [`ghcr.io/org/app@sha384:${'b'.repeat(96)}`, { registry: 'ghcr.io', repository: 'org/app', digest: `sha384:${'b'.repeat(96)}`, explicitRegistry: true }],
  ])('parses %s', (image, expected) => {
    expect(parseImageRef(image)).toEqual(expected);
  });

  it.each([`nginx@sha256:${'A'.repeat(64)}`, 'nginx@sha256:abc', `nginx@sha512:${'a'.repeat(32)}`, `nginx@blake3:${'a'.repeat(63)}`, `nginx@md5:${'a'.repeat(32)}`, `nginx@sha384:${'a'.repeat(64)}`])('rejects the invalid digest %s', (image) => {
    expect(parseImageRef(image)).toBeUndefined();
  });

  it.each(['', 'UPPER', 'nginx:', 'nginx@sha256:short', 'a//b', 'host:5000/', 'nginx:tag with space', 'bad host!/app'])('rejects %j', (image) => {
    expect(parseImageRef(image)).toBeUndefined();
  });

  it('rejects names over the grammar\'s 255 characters and says why a reference is invalid', () => {
    expect(parseImageRef(`x.io/${'a'.repeat(251)}`)).toBeUndefined();
    expect(parseImageRef(`x.io/${'a'.repeat(250)}`)).toBeDefined();
    expect(readImageRef('Alpine')).toEqual({ invalid: 'repository names must be lowercase' });
    expect(readImageRef('alpine:-x')).toEqual({ invalid: '"-x" is not a valid tag' });
    expect(readImageRef('bad_host.io:1/app')).toEqual({ invalid: '"bad_host.io:1" is not a registry host[:port]' });
    expect(readImageRef('Index.Docker.IO/alpine')).toMatchObject({ ref: { registry: 'docker.io', repository: 'library/alpine' } });
  });

  it('knows the tag the runtime pulls', () => {
    expect(effectiveTag(parseImageRef('nginx') ?? { registry: '', repository: '', explicitRegistry: false })).toBe('latest');
    const pinned = parseImageRef(`nginx@${DIGEST}`);
    expect(pinned && effectiveTag(pinned)).toBeUndefined();
  });
});
