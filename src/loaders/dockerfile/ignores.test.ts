import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../lib/dockerfile/index.js';
import { dockerfileIgnores } from './ignores.js';

function ignoresOf(lines: readonly string[]) {
  const text = `${lines.join('\n')}\n`;
  const { dockerfile, droppedComments } = parseDockerfile(text);
  return dockerfileIgnores(dockerfile, lines.length + 1, 'Dockerfile', droppedComments);
}

const scopes = (lines: readonly string[]) => ignoresOf(lines).ignores.map((i) => [i.naming, i.ids.join(','), i.fromLine, i.toLine]);
const notes = (lines: readonly string[]) => ignoresOf(lines).problems.map((p) => [p.code, p.line, p.message]);

describe('hadolint pragmas', () => {
  it('covers the instruction starting on the very next line, continuation lines included', () => {
    expect(scopes(['FROM debian:12', '# hadolint ignore=DL3008,DL3009', 'RUN apt-get update \\', '  && apt-get install -y curl', 'USER 1000'])).toEqual([['hadolint', 'DL3008,DL3009', 3, 4]]);
  });

  it('covers nothing when a blank line or another comment separates it from the instruction, and says so', () => {
    expect(scopes(['FROM debian:12', '# hadolint ignore=DL3008', '', 'RUN apt-get install -y curl'])).toEqual([]);
    expect(notes(['FROM debian:12', '# hadolint ignore=DL3008', '# another comment', 'RUN apt-get install -y curl'])).toEqual([
      ['dockerfile-pragma', 2, '"# hadolint ignore=DL3008" applies to no instruction: hadolint applies it only to an instruction that starts on the very next line'],
    ]);
  });

  it('covers the rest of the stage with stage ignore, and the whole file with global ignore', () => {
    const file = ['# hadolint global ignore=DL3006', 'FROM ubuntu', 'EXPOSE 80000', '# hadolint stage ignore=DL3011', 'FROM ubuntu AS two', 'EXPOSE 80000', 'RUN true', 'FROM ubuntu', 'EXPOSE 80000'];
    expect(scopes(file)).toEqual([
      ['hadolint', 'DL3006', 1, 10],
      ['hadolint', 'DL3011', 5, 7],
    ]);
    expect(scopes(['FROM ubuntu', 'EXPOSE 1', '# hadolint stage ignore=DL3011', 'EXPOSE 80000'])).toEqual([['hadolint', 'DL3011', 4, 5]]);
  });

  it('reports a pragma hadolint cannot read, and ids that are no hadolint check, with a suggestion', () => {
    const found = ignoresOf(['FROM scratch', '# hadolint ignore=crazy,DL3002', 'USER root', '# hadolint ignore=DL3080,DL3059,SC2086', 'RUN true']);
    expect(found.ignores.map((i) => i.ids)).toEqual([['DL3080', 'DL3059', 'SC2086']]);
    expect(found.problems.map((p) => [p.code, p.line, p.message, p.hint])).toEqual([
      ['dockerfile-pragma', 2, '"# hadolint ignore=crazy,DL3002" is not a hadolint pragma hadolint can read ("crazy" is not a hadolint rule id (DLnnnn or SCnnnn)): it ignores nothing', expect.any(String)],
      ['dockerfile-pragma', 4, '"DL3080" in "# hadolint ignore=DL3080,DL3059,SC2086" is no hadolint check: it ignores nothing', expect.stringContaining('Did you mean "DL3000"?')],
    ]);
  });

  it('notes an ignore comment inside a continued instruction, which the builder drops', () => {
    const file = ['FROM debian:12', 'RUN apt-get update \\', '# hadolint ignore=DL3008', '  # an ordinary remark', '# palisade.dev/ignore-next: dockerfile-sudo: x', '  && sudo apt-get install -y curl'];
    const found = ignoresOf(file);
    expect(found.ignores).toEqual([]);
    expect(found.problems.map((p) => [p.code, p.line])).toEqual([
      ['dockerfile-pragma', 3],
      ['dockerfile-pragma', 5],
    ]);
    expect(found.problems[0]?.message).toContain('inside a continued instruction');
  });

  it('leaves ordinary comments and the shell pragma alone, and names the pragma in the reason', () => {
    const found = ignoresOf(['# hadolint shell=powershell', 'FROM ubuntu', '# just a note', '# hadolint ignore=DL3002 # root needed for the agent', 'USER root']);
    expect(found.problems).toEqual([]);
    expect(found.ignores).toEqual([{ line: 4, fromLine: 5, toLine: 5, naming: 'hadolint', ids: ['DL3002'], reason: 'hadolint pragma "# hadolint ignore=DL3002 # root needed for the agent" on line 4' }]);
  });
});

describe('palisade.dev/ignore-next', () => {
  it('covers the next instruction, across other comments, with its reason', () => {
    const found = ignoresOf(['FROM debian:12', '# palisade.dev/ignore-next: dockerfile-sudo,dockerfile-pipefail: the vendor script needs it', '# hadolint ignore=DL3004', 'RUN sudo ./install.sh | tee log \\', '  && true']);
    expect(found.problems).toEqual([]);
    expect(found.ignores.map((i) => [i.naming, i.ids, i.fromLine, i.toLine, i.reason])).toEqual([
      ['palisade', ['dockerfile-sudo', 'dockerfile-pipefail'], 4, 5, 'the vendor script needs it'],
      ['hadolint', ['DL3004'], 4, 5, 'hadolint pragma "# hadolint ignore=DL3004" on line 3'],
    ]);
  });

  it('reports a comment without a reason, and one that no instruction follows', () => {
    expect(notes(['FROM debian:12', '# palisade.dev/ignore-next: dockerfile-sudo', 'RUN sudo true', '# palisade.dev/ignore-next: dockerfile-sudo: why', '', 'RUN sudo true', '# palisade.dev/ignore-next: dockerfile-sudo: at the end'])).toEqual([
      ['annotation-invalid', 2, 'the palisade.dev/ignore-next comment on line 2 suppresses nothing: no reason: expected "<rule-id>[,<rule-id>]: <reason>"'],
      ['dockerfile-pragma', 4, 'the palisade.dev/ignore-next comment on line 4 applies to no instruction: it covers the next instruction, with only comment lines in between'],
      ['dockerfile-pragma', 7, 'the palisade.dev/ignore-next comment on line 7 applies to no instruction: it covers the next instruction, with only comment lines in between'],
    ]);
  });
});

describe('hostile input', () => {
  it('places eighteen thousand pragmas among half as many instructions, near the parser limit (binary searches, not scans)', () => {
    const lines = ['FROM debian:12'];
    for (let i = 0; i < 9_000; i++) lines.push('# palisade.dev/ignore-next: dockerfile-sudo: x', '# hadolint ignore=DL3004', 'RUN sudo true');
    const found = ignoresOf(lines);
    expect(found.ignores).toHaveLength(18_000);
    expect(found.problems).toEqual([]);
    expect(found.ignores.at(-1)).toMatchObject({ fromLine: 27_001, toLine: 27_001 });
  });
});
