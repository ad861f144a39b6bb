/**
 * A broken credentials file (a hand edit that left a trailing comma) is named, as podman and skopeo
 * name it, instead of being skipped: skipped, the pull went on anonymously and was "denied" with
 * nothing pointing at the file. The file's content (a password) is never quoted; an empty file
 * holds no credentials.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCredentials } from '../../src/loaders/image/registry/credentials.js';
import { ImageError } from '../../src/loaders/image/problems.js';

const work = mkdtempSync(join(tmpdir(), 'palisade-credentials-'));

function file(name: string, content: string): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

describe('registry credentials files', () => {
  it('names a file that is not JSON, without quoting it', () => {
    const secret = Buffer.from('robot:hunter2-very-secret').toString('base64');
    const broken = file('broken.json', `{"auths": {"quay.io": {"auth": "${secret}"},}}`);
    let error: unknown;
    try {
      findCredentials('quay.io', 'team/app', { REGISTRY_AUTH_FILE: broken, HOME: work });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ImageError);
    expect(error).toMatchObject({ code: 'registry-denied', message: expect.stringContaining(`${broken} is not valid JSON`) as unknown });
    expect((error as Error).message).not.toContain(secret);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('reads an empty file as no credentials, and a JSON array as an error', () => {
    expect(findCredentials('quay.io', 'team/app', { REGISTRY_AUTH_FILE: file('empty.json', '\n'), HOME: work })).toBeUndefined();
    expect(() => findCredentials('quay.io', 'team/app', { REGISTRY_AUTH_FILE: file('array.json', '[]'), HOME: work })).toThrow(/not a JSON object/);
  });
});
