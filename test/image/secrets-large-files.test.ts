/**
 * Files over 1 MiB are data to the secret search and are not read; the scan says how many it
 * passed over and names the largest, so a user is never told "no secrets" about files nobody read.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { inventoryImage } from '../../src/sdk/index.js';

const root = mkdtempSync(join(tmpdir(), 'palisade-large-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(relative: string, content: string): void {
  mkdirSync(join(root, relative, '..'), { recursive: true });
  writeFileSync(join(root, relative), content);
}

it('counts the files too large to search, names the largest, and still searches the others', async () => {
  // Built from parts, so this file is not itself a finding of secret scanners.
  const key = ['AKIA', 'QYLPMN5HHHFPZAM2'].join('');
  write('app/config.env', `AWS_ACCESS_KEY_ID=${key}\n`);
  write('app/bundle.js', `const k = "${key}";\n${'x'.repeat(2 * 1024 * 1024)}\n`);
  write('app/data.json', `{"a": "${'y'.repeat(1536 * 1024)}"}\n`);
  // Skipped by kind, not by size: not counted.
  write('usr/lib/libbig.so', 'z'.repeat(2 * 1024 * 1024));
  const result = await inventoryImage(`dir:${root}`, { secrets: true });
  expect(result.secrets?.map((s) => s.path)).toEqual(['/app/config.env']);
  const notes = result.inventory.problems.filter((p) => p.code === 'secrets-not-searched');
  expect(notes.map((p) => p.message)).toEqual(['2 files over 1 MiB not searched for secrets (the largest: /app/bundle.js, 2.0 MiB)']);
  expect(notes[0]?.level).toBe('note');
});
