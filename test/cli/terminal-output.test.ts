/**
 * Terminal output: colour per no-color.org, and -q on a terminal. A table on screen lists the
 * run's problems itself instead of stderr; with -q it still listed the notes ("README.md
 * skipped"), which -q is documented to hide. An empty NO_COLOR turned colour off, which
 * no-color.org says it must not (only a non-empty value does).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useColor } from '../../src/cli/io.js';
import { palisade, ROOT } from '../support/cli.js';

describe('useColor', () => {
  it.each([
    [true, {}, true],
    [true, { NO_COLOR: '' }, true],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '0' }, false],
    [true, { TERM: 'dumb' }, false],
    [false, {}, false],
  ])('on a terminal %s with %j: %s', (isTTY, env, expected) => {
    expect(useColor({ isTTY }, env)).toBe(expected);
  });
});

/** util-linux `script` runs the command on a pseudo-terminal; its output is the terminal's. */
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

function onTerminal(args: string, noColor = '1'): string {
  const command = `node ${join(ROOT, 'dist/cli/main.js')} ${args}`;
  const run = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: noColor, TERM: 'xterm' } });
  return run.stdout;
}

describe('a table piped to a CI log', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-piped-'));
  writeFileSync(join(dir, 'README.md'), '# not a manifest\n');
  writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  containers: [{name: web, image: "nginx:1.25"}]\n');

  it('with -q, lists no notes on stdout either', () => {
    const run = palisade(['scan', dir, '-q']);
    expect(run.stdout).toContain('1 resource');
    expect(run.stdout + run.stderr).not.toContain('not-a-manifest');
  });

  it('written to a file with -q, is the whole report', () => {
    const out = join(dir, 'report.txt');
    palisade(['scan', dir, '-q', '-o', out]);
    expect(readFileSync(out, 'utf8')).toContain('not-a-manifest');
  });
});

describe.skipIf(!hasScript)('a table on a terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-terminal-'));
  writeFileSync(join(dir, 'README.md'), '# not a manifest\n');
  writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  containers: [{name: web, image: "nginx:1.25"}]\n');

  it('lists the notes', () => {
    expect(onTerminal(`scan ${dir}`)).toContain('note not-a-manifest');
  });

  it('is coloured with NO_COLOR empty, and not with NO_COLOR=1', () => {
    const colour = `${String.fromCharCode(27)}[3`;
    expect(onTerminal(`scan ${dir}`, '')).toContain(colour);
    expect(onTerminal(`scan ${dir}`, '1')).not.toContain(colour);
  });

  it('with -q, leaves them out', () => {
    const screen = onTerminal(`scan ${dir} -q`);
    expect(screen).toContain('1 resource');
    expect(screen).not.toContain('not-a-manifest');
  });
});
