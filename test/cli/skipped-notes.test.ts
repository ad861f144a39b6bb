/** `palisade scan .` in a source tree: one note per skipped file would bury the lines that matter. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { palisade, ROOT } from '../support/cli.js';

describe('skipped-file notes on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-notes-'));
  writeFileSync(join(dir, 'api.yaml'), readFileSync(join(ROOT, 'examples/manifests/20-api.yaml'), 'utf8'));
  for (let i = 0; i < 30; i++) writeFileSync(join(dir, `source-${String(i).padStart(2, '0')}.ts`), 'export {};\n');
  writeFileSync(join(dir, 'bad.yaml'), 'kind: Pod\nmetadata: {name: x\n');

  it('shows five, counts the rest in one line, and keeps every error', () => {
    const run = palisade(['scan', dir, '-f', 'json']);
    expect(run.status).toBe(1);
    expect(run.stderr.match(/^note not-a-manifest \S+source-\d+\.ts: /gm)).toHaveLength(5);
    expect(run.stderr).toMatch(/^note not-a-manifest: 25 more files skipped alike \(hint: The JSON report lists every one; -q hides notes\.\)$/m);
    expect(run.stderr).toMatch(/^error yaml-syntax \S+bad\.yaml:/m);
    const report = JSON.parse(run.stdout) as { notes: { code: string }[] };
    expect(report.notes.filter((n) => n.code === 'not-a-manifest')).toHaveLength(30);
  });

  it('-q hides them all', () => {
    const run = palisade(['scan', dir, '-q', '-f', 'json']);
    expect(run.stderr).not.toMatch(/^note /m);
  });
});
