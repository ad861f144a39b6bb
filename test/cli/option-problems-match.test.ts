/**
 * The checks the CLI runs before reading inputs (src/sdk/validate-options.ts) must say what the
 * commands themselves say after reading them: the same problems, word for word. Should scan()
 * change how it builds its configuration or selects rules, these tests tell the two apart.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attackPaths, attackPathsOptionProblems, dockerfileOptionProblems, lintDockerfiles, PalisadeError, scan, scanOptionProblems, type Problem, type ScanOptions } from '../../src/sdk/index.js';
import { ROOT } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-option-problems-'));
writeFileSync(join(dir, 'bad.yaml'), 'failOn: sometimes\nrules:\n  no-such-rule: {enabled: false}\nattackPaths:\n  jewels: [crown]\n');
writeFileSync(join(dir, 'Dockerfile'), 'FROM debian:12\nUSER 1000\n');
const manifests = join(ROOT, 'examples/manifests/20-api.yaml');

const key = (p: Problem): string => JSON.stringify(p);

/** The codes of problems that come from the options and configuration alone, never from an input. */
const OPTION_CODES = new Set(['vex-invalid', 'config-invalid', 'config-not-found', 'unknown-rule', 'unknown-framework', 'invalid-pss-version', 'attack-bad-entry', 'attack-bad-target']);

/** The early checks find exactly the option problems the command reports: none missed, none made up. */
function sameProblems(early: readonly Problem[], late: readonly Problem[]): void {
  expect(early.length).toBeGreaterThan(0);
  expect(early.map(key).sort()).toEqual(late.filter((p) => OPTION_CODES.has(p.code)).map(key).sort());
}

describe('early option problems are the problems the command reports', () => {
  it.each<[string, ScanOptions]>([
    ['--rules', { rules: ['no-such-rule', 'privileged-*'] }],
    ['--exclude-rules', { excludeRules: ['nope-*'] }],
    ['--framework', { framework: 'cis' }],
    ['--pss-version', { framework: 'pss-restricted', pssVersion: 'v2' }],
    ['configuration file', { configFile: join(dir, 'bad.yaml') }],
    ['missing configuration file', { configFile: join(dir, 'missing.yaml') }],
    ['environment', { env: { PALISADE_FAIL_ON: 'sometimes', PALISADE_LIMITS_MAX_DOCUMENTS: 'many' } }],
    ['setting flags', { settings: { limitsMaxFileBytes: 'lots', attackPathsEntries: ['the-internet'] } }],
    ['--namespace', { namespaces: [] }],
    ['--vex, with an image', { paths: [manifests, 'oci-archive:/nonexistent/app.tar'], images: { vex: [join(dir, 'Dockerfile')] } }],
  ])('scan: %s', async (_name, options) => {
    const full = { paths: [manifests], ...options, now: new Date('2026-01-01T00:00:00Z') };
    // A bad VEX file stops the scan: its problem is thrown rather than reported.
    const late = await scan(full).then(
      (report) => report.errors,
      (error: unknown) => {
        if (error instanceof PalisadeError) return [error.problem];
        throw error;
      },
    );
    sameProblems(scanOptionProblems(full), late);
  });

  it('dockerfile: --rules and the configuration', async () => {
    const options = { rules: ['DL9999'], configFile: join(dir, 'bad.yaml') };
    const paths = [join(dir, 'Dockerfile')];
    sameProblems(dockerfileOptionProblems(paths, options), (await lintDockerfiles(paths, options)).errors);
  });

  it.each([
    ['--to', { to: ['crown'] }],
    ['--from', { from: ['pod/web'] }],
  ])('attack-paths: %s', async (_name, options) => {
    const early = attackPathsOptionProblems({ paths: [manifests], ...options });
    const thrown = await attackPaths({ paths: [manifests], ...options }).then(
      () => undefined,
      (error: unknown) => (error instanceof PalisadeError ? error.problem : undefined),
    );
    expect(early).toEqual(thrown === undefined ? [] : [thrown]);
    expect(early).toHaveLength(1);
  });
});
