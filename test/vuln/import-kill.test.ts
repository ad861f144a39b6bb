/**
 * The atomic import under a real SIGKILL: `palisade db import` (the built CLI) is killed while it
 * writes a large input into its temp copy. The previous store must be byte-identical and usable,
 * and the next import must remove what the killed one left (temp file, stale lock).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importAdvisories, matchPackages, storeStatus } from '../../src/vuln/index.js';
import { osv, tempDirs } from './support/osv.js';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const RECORDS = 150_000;
const temp = tempDirs();
if (!existsSync(MAIN)) console.warn('dist/cli/main.js absent (build first): the SIGKILL import test is skipped');

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const leftovers = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith('db.sqlite.')).sort();

/** A JSON-lines OSV feed big enough that the import is still writing when it is killed. */
function writeBigFeed(file: string): void {
  const lines: string[] = [];
  for (let i = 0; i < RECORDS; i++) {
    lines.push(JSON.stringify(osv(`GHSA-big-${String(i)}`, [{ package: { ecosystem: 'npm', name: `pkg-${String(i % 20_000)}` }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: `${String(1 + (i % 7))}.0.0` }] }] }], {
      aliases: [`CVE-2099-${String(100_000 + i)}`], details: 'x'.repeat(200),
    })));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!existsSync(MAIN))('db import killed with SIGKILL', () => {
  it('leaves the previous store intact and usable; the next import cleans up', async () => {
    const dir = temp();
    const db = join(dir, 'db.sqlite');
    writeFileSync(join(dir, 'small.json'), JSON.stringify(osv('GHSA-keep-0000', [{ package: { ecosystem: 'npm', name: 'kept' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }] }])));
    await importAdvisories(db, join(dir, 'small.json'), { name: 'small' });
    const before = sha(db);
    const bytesBefore = statSync(db).size;
    const big = join(dir, 'big.jsonl');
    writeBigFeed(big);

    const child = spawn(process.execPath, [MAIN, 'db', 'import', big, '--db', db, '--name', 'big', '--quiet'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => { resolve(signal); }));
    // Writing: the temp copy exists and has grown well past the copy of the old store.
    const tempFile = (): string | undefined => readdirSync(dir).find((n) => n.startsWith('db.sqlite.tmp-'));
    await waitFor(() => {
      const name = tempFile();
      if (name === undefined) return false;
      try {
        return statSync(join(dir, name)).size > bytesBefore + 1024 * 1024;
      } catch {
        return false;
      }
    }, 'the import to write its temp store');
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // The old store: same bytes, opens, matches, lists only its source.
    expect(sha(db)).toBe(before);
    expect(matchPackages(db, [{ ecosystem: 'npm', name: 'kept', version: '1.0.0' }]).matches.map((m) => m.id)).toEqual(['GHSA-keep-0000']);
    expect(storeStatus(db).sources.map((s) => s.name)).toEqual(['small']);
    // What the killed import left: its temp file and its lock (pid now dead).
    expect(leftovers(dir).some((n) => n.startsWith('db.sqlite.tmp-'))).toBe(true);
    expect(existsSync(`${db}.lock`)).toBe(true);

    // The next import removes both and succeeds.
    writeFileSync(join(dir, 'small2.json'), JSON.stringify(osv('GHSA-next-0000', [{ package: { ecosystem: 'npm', name: 'next' }, versions: ['1.0.0'] }])));
    await importAdvisories(db, join(dir, 'small2.json'), { name: 'next' });
    expect(leftovers(dir)).toEqual([]);
    expect(storeStatus(db).sources.map((s) => s.name).sort()).toEqual(['next', 'small']);
  }, 240_000);
});
