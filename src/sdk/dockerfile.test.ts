import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lintDockerfiles, lintDockerfileText } from './dockerfile.js';

const text = (...lines: string[]): string => `${lines.join('\n')}\n`;
const visible = (findings: readonly { ruleId: string; suppressed: boolean }[]) => findings.filter((f) => !f.suppressed).map((f) => f.ruleId);

describe('lintDockerfileText with ignore comments', () => {
  it('suppresses only the hadolint check a pragma names, on the instruction below it, and says which pragma', () => {
    const { findings, problems } = lintDockerfileText(
      text('FROM debian:12', '# hadolint ignore=DL3008', 'RUN apt-get install -y --no-install-recommends curl && pip install flask', 'RUN apt-get install -y --no-install-recommends wget'),
      { rules: ['dockerfile-unpinned-packages'] },
    );
    expect(problems).toEqual([]);
    const shown = findings.map((f) => [f.location.line, f.message.split(' ')[0], f.suppressed, f.suppression?.reason]);
    expect(shown).toEqual([
      [3, 'apt-get', true, 'hadolint pragma "# hadolint ignore=DL3008" on line 2'],
      [3, expect.stringMatching(/^pip/), false, undefined],
      [4, 'apt-get', false, undefined],
    ]);
  });

  it('honours global and stage pragmas and the ignore-next comment, and the file-wide ignore comment', () => {
    const { findings } = lintDockerfileText(
      text(
        '# hadolint global ignore=DL3004',
        '# palisade.dev/ignore: image-healthcheck-missing: probes live in the Deployment',
        'FROM debian:12 AS build',
        'RUN sudo make',
        '# hadolint stage ignore=DL3002',
        'FROM debian:12',
        'USER root',
        '# palisade.dev/ignore-next: dockerfile-cd-instead-of-workdir: the script expects it',
        'RUN cd /app && ./configure',
        'RUN cd /srv',
      ),
      { rules: ['dockerfile-sudo', 'image-runs-as-root', 'image-healthcheck-missing', 'dockerfile-cd-instead-of-workdir'] },
    );
    expect(findings.filter((f) => f.suppressed).map((f) => [f.ruleId, f.suppression?.kind])).toEqual(
      expect.arrayContaining([
        ['dockerfile-sudo', 'annotation'],
        ['image-runs-as-root', 'annotation'],
        ['image-healthcheck-missing', 'annotation'],
        ['dockerfile-cd-instead-of-workdir', 'annotation'],
      ]),
    );
    expect(visible(findings)).toEqual(['dockerfile-cd-instead-of-workdir']);
    expect(findings.find((f) => !f.suppressed)?.location.line).toBe(10);
  });

  it('does not suppress when the pragma cannot be read or is not directly above', () => {
    for (const pragma of [['# hadolint ignore=crazy,DL3002'], ['# hadolint ignore=DL3002', '']]) {
      const { findings, problems } = lintDockerfileText(text('FROM scratch', ...pragma, 'USER root'), { rules: ['image-runs-as-root'] });
      expect(findings.filter((f) => f.message.includes('switches to USER')).map((f) => f.suppressed)).toEqual([false]);
      expect(problems.map((p) => [p.code, p.line])).toEqual([['dockerfile-pragma', 2]]);
    }
  });

  it('names an unknown Palisade rule id in ignore-next with a suggestion', () => {
    const { findings, problems } = lintDockerfileText(text('FROM debian:12', '# palisade.dev/ignore-next: dockerfile-sudoo: vendor script', 'RUN sudo true'), { rules: ['dockerfile-sudo'] });
    expect(visible(findings)).toEqual(['dockerfile-sudo']);
    expect(problems.map((p) => [p.code, p.line, p.hint])).toEqual([['annotation-unknown-rule', 2, expect.stringContaining('Did you mean "dockerfile-sudo"?')]]);
  });
});

describe('lintDockerfiles from standard input', () => {
  const stdin = (body: string) => Readable.from([body]);

  it('reads a Dockerfile from "-", named "-" in findings', async () => {
    const report = await lintDockerfiles(['-'], { stdin: stdin(text('FROM debian:12', 'RUN sudo true')), rules: ['dockerfile-sudo'] });
    expect(report.errors).toEqual([]);
    expect(report.findings.map((f) => [f.ruleId, f.location.file, f.location.line, f.resource.name])).toEqual([['dockerfile-sudo', '-', 2, 'Dockerfile']]);
  });

  it('refuses standard input that is no Dockerfile, or larger than limits.maxFileBytes', async () => {
    const yaml = await lintDockerfiles(['-'], { stdin: stdin('apiVersion: v1\nkind: Pod\n') });
    expect(yaml.errors.map((p) => [p.code, p.file])).toContainEqual(['not-a-dockerfile', '-']);
    const big = await lintDockerfiles(['-'], { stdin: stdin(text('FROM debian:12', `RUN echo ${'x'.repeat(2000)}`)), settings: { limitsMaxFileBytes: 1000 } });
    expect(big.errors.map((p) => [p.code, p.file])).toContainEqual(['input-too-large', '-']);
    expect(big.findings).toEqual([]);
  });
});

describe('lintDockerfiles over paths', () => {
  it('reads only the Dockerfiles of a directory, charts and overlays included, and renders nothing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'palisade-dockerfiles-'));
    try {
      mkdirSync(join(root, 'chart', 'templates'), { recursive: true });
      writeFileSync(join(root, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 0.1.0\n');
      writeFileSync(join(root, 'chart', 'Containerfile'), text('FROM debian:12', 'USER 1000'));
      writeFileSync(join(root, 'Dockerfile'), text('FROM debian:12', 'USER 1000'));
      writeFileSync(join(root, 'deploy.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
      const report = await lintDockerfiles([root]);
      expect(report.inputs.map((input) => input.slice(root.length))).toEqual(['/Dockerfile', '/chart/Containerfile']);
      expect([...report.errors, ...report.notes]).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('says a missing path is missing, not that it is no Dockerfile', async () => {
    const report = await lintDockerfiles(['/nonexistent/notes.txt']);
    expect(report.errors.map((p) => p.code)).toContain('input-not-found');
    expect(report.errors.map((p) => p.code)).not.toContain('not-a-dockerfile');
  });
});
