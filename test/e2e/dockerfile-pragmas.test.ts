/** `palisade dockerfile` on the built CLI: hadolint pragmas and ignore-next comments, and a Dockerfile read from standard input. */
import { describe, expect, it } from 'vitest';
import { hasStackTrace, palisade } from '../support/cli.js';

interface JsonReport {
  readonly inputs: readonly string[];
  readonly summary: { readonly findings: number; readonly suppressed: number; readonly failed: boolean };
  readonly findings: readonly {
    readonly ruleId: string;
    readonly message: string;
    readonly suppressed: boolean;
    readonly suppression?: { readonly kind: string; readonly reason: string };
    readonly location: { readonly file: string; readonly line: number };
  }[];
  readonly errors: readonly { readonly code: string; readonly file?: string }[];
  readonly notes: readonly { readonly code: string; readonly file?: string; readonly line?: number; readonly message: string }[];
}

const dockerfile = (...lines: string[]): string => `${lines.join('\n')}\n`;

const PRAGMAS = dockerfile(
  '# hadolint global ignore=DL3057',
  'FROM debian:12.8',
  '# hadolint ignore=DL3008,DL3015',
  'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
  '# palisade.dev/ignore-next: dockerfile-sudo: the vendor installer insists on it',
  'RUN sudo /opt/vendor/install',
  'RUN sudo true',
  '# hadolint ignore=DL3004 because',
  'RUN sudo false',
  'USER 10001',
);

describe('palisade dockerfile - (standard input) with ignore comments', () => {
  it('reads the Dockerfile from stdin, names it "-", and shows what the pragmas suppress and why', () => {
    const run = palisade(['dockerfile', '-', '--format', 'json', '--fail-on', 'low'], { input: PRAGMAS });
    expect(hasStackTrace(run.stderr)).toBe(false);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.inputs).toEqual(['-']);
    expect(report.errors).toEqual([]);
    const suppressed = report.findings.filter((f) => f.suppressed).map((f) => [f.ruleId, f.location.file, f.location.line, f.suppression?.reason]);
    expect(suppressed).toEqual(
      expect.arrayContaining([
        ['dockerfile-unpinned-packages', '-', 4, 'hadolint pragma "# hadolint ignore=DL3008,DL3015" on line 3'],
        ['dockerfile-package-install-flags', '-', 4, 'hadolint pragma "# hadolint ignore=DL3008,DL3015" on line 3'],
        ['dockerfile-sudo', '-', 6, 'the vendor installer insists on it'],
        ['image-healthcheck-missing', '-', expect.any(Number), 'hadolint pragma "# hadolint global ignore=DL3057" on line 1'],
      ]),
    );
    // The sudo on line 7 has no comment, and the pragma on line 8 is unreadable: both stay and fail the run.
    expect(report.findings.filter((f) => !f.suppressed).map((f) => [f.ruleId, f.location.line])).toEqual([
      ['dockerfile-sudo', 7],
      ['dockerfile-sudo', 9],
    ]);
    expect(report.notes.map((n) => [n.code, n.file, n.line])).toEqual([['dockerfile-pragma', '-', 8]]);
    expect(run.status).toBe(1);
  });

  it('prints the suppressed findings with the pragma in the table', () => {
    const run = palisade(['dockerfile', '-', '--fail-on', 'none'], { input: PRAGMAS });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('hadolint pragma "# hadolint ignore=DL3008,DL3015" on line 3');
  });

  it('refuses standard input that is not a Dockerfile with exit 2, and input past limits.maxFileBytes', () => {
    const yaml = palisade(['dockerfile', '-'], { input: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n' });
    expect(yaml.status).toBe(2);
    expect(yaml.stderr).toContain('not-a-dockerfile');
    expect(hasStackTrace(yaml.stderr)).toBe(false);
    const big = palisade(['dockerfile', '-', '--format', 'json'], { input: dockerfile('FROM debian:12.8', `RUN echo ${'x'.repeat(4096)}`), env: { PALISADE_LIMITS_MAX_FILE_BYTES: '1024' } });
    expect(hasStackTrace(big.stderr)).toBe(false);
    expect(big.stderr).toContain('input-too-large');
    expect(big.status).not.toBe(0);
  });

  it('lets palisade scan - read a Dockerfile from stdin too', () => {
    const run = palisade(['scan', '-', '--format', 'json', '--rules', 'dockerfile-sudo'], { input: dockerfile('FROM debian:12.8', 'RUN sudo true') });
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings.map((f) => [f.ruleId, f.location.file, f.location.line])).toEqual([['dockerfile-sudo', '-', 2]]);
  });
});
