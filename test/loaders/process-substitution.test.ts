/**
 * `palisade scan <(helm template chart)`: the shell passes /dev/fd/63, a link to an anonymous pipe
 * ("pipe:[123]") that realpath cannot resolve although the pipe opens and reads fine.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

describe('inputs given by process substitution', () => {
  it('reads the pipe the shell names, as a file of its own', () => {
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${MAIN}" scan <(cat examples/manifests/00-namespaces.yaml) -f json --fail-on none`], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/input-not-found|no-input/);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { summary: { resources: number }; findings: { location: { file: string } }[] };
    expect(report.summary.resources).toBeGreaterThan(0);
    expect(new Set(report.findings.map((f) => f.location.file))).toEqual(new Set([expect.stringMatching(/^\/dev\/fd\/\d+$/) as string]));
  });
});
