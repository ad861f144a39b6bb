/**
 * The README's command examples that run on the bundled examples/ must work as written and show
 * what they are there to show: a result, not an empty answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade, ROOT } from '../support/cli.js';

function exampleCommands(markdown: string): string[][] {
  const blocks = [...markdown.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '');
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('palisade ') && line.includes('examples/') && !line.includes('|'))
    .map((line) => line.split(/\s+/).slice(1));
}

const COMMANDS = exampleCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'));

describe('README examples on examples/', () => {
  it('finds the examples', () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(3);
  });

  it.each(COMMANDS.map((args) => [args.join(' '), args]))('palisade %s', (_line, args) => {
    const run = palisade(args);
    // 0 or 1: a scan gate; never a usage error or a bug.
    expect([0, 1], run.stderr).toContain(run.status);
    expect(hasStackTrace(run.stderr)).toBe(false);
    expect(run.stdout.trim()).not.toBe('');
    expect(run.stdout).not.toMatch(/^No attack path|^No escalation paths|nobody \(through RBAC\)/m);
  });
});
