/**
 * `db update --source` downloads over HTTP(S). A local feed given there used to be refused as
 * "./feed.zip.sha256 is not a URL" (a file the user never named); it is now said to be no URL,
 * with the `db import` command that reads it, before anything is fetched or the store touched.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-db-source-'));
const SHA = '0'.repeat(64);

describe('db update --source that is not an http(s) URL', () => {
  it.each([
    ['a relative path', ['--source', './feed.zip'], '"./feed.zip"', 'palisade db import ./feed.zip'],
    ['a path, with --sha256', ['--source', './feed.zip', '--sha256', SHA], '"./feed.zip"', 'palisade db import ./feed.zip'],
    ['a path with a space', ['--source', 'my feeds/osv.zip'], '"my feeds/osv.zip"', "palisade db import 'my feeds/osv.zip'"],
    ['a file: URL', ['--source', 'file:///srv/feeds/osv.zip'], '"file:///srv/feeds/osv.zip"', 'palisade db import /srv/feeds/osv.zip'],
    ['an ftp: URL', ['--source', 'ftp://mirror.example/osv.zip'], '"ftp://mirror.example/osv.zip"', 'palisade db import PATH'],
  ])('%s: exit 2, says what --source takes and how to import a local file', (_name, flags, quoted, command) => {
    const db = join(dir, `${_name.replace(/\W+/g, '-')}.sqlite`);
    const run = palisade(['db', 'update', ...flags, '--db', db]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`error download-failed: --source ${quoted} is not an http(s) URL: db update downloads a feed (hint: Give an http:// or https:// URL; import a local file or directory with \`${command}\`.)\n`);
    expect(run.stdout).toBe('');
    expect(hasStackTrace(run.stderr)).toBe(false);
    expect(existsSync(db)).toBe(false);
  });

  it('a --public-key that cannot be read: its hint is about the key, not about a download that has not happened', () => {
    const run = palisade(['db', 'update', '--source', 'https://127.0.0.1:1/feed.zip', '--public-key', dir, '--db', join(dir, 'key.sqlite')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error checksum-mismatch \S+: cannot read the public key \S+: EISDIR.* \(hint: Give --public-key a PEM public key file \(Ed25519, ECDSA or RSA\); the store was left unchanged\.\)\n$/);
    expect(run.stderr).not.toContain('does not match its published sha256');
  });
});
