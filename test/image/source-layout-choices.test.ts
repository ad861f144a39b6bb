/**
 * A layout of several images and no name given: the image-ambiguous error lists each image by name
 * or, when it has none (skopeo copy into a shared layout without a tag, oras), by the position that
 * `:@N` names, so the user can always name one.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImage } from '../../src/loaders/image/index.js';
import { OciWriter, tarOf } from './support/oci-writer.js';

const wants = (p: string): boolean => p.startsWith('/etc/');

describe('choosing among the images of a layout', () => {
  it('lists untagged images by position and reads the one :@N names', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'palisade-choices-')), 'layout');
    const writer = new OciWriter(dir);
    const first = writer.image([await tarOf({ 'etc/which': 'first\n' })]);
    const second = writer.image([await tarOf({ 'etc/which': 'second\n' })]);
    const tagged = writer.image([await tarOf({ 'etc/which': 'tagged\n' })]);
    writer.index([first, second, { ...tagged, annotations: { 'org.opencontainers.image.ref.name': 'v1' } }]);
    const error: unknown = await readImage(`oci:${dir}`, { wants }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'image-ambiguous' });
    const message = (error as Error).message;
    expect(message).toContain('@0 (untagged), @1 (untagged), @2 v1');
    expect(message).toContain(':@N');
    expect((await readImage(`oci:${dir}:@1`, { wants })).fs.read('/etc/which')?.toString()).toBe('second\n');
  });
});
