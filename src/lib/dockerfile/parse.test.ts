import { describe, expect, it } from 'vitest';
import { MAX_INSTRUCTIONS, parseDockerfile } from './parse.js';
import { expandVariables } from './expand.js';
import { shellCommands } from './shell.js';

describe('parseDockerfile', () => {
  it('reads at most MAX_INSTRUCTIONS instructions and says where it stopped', () => {
    const lines = ['FROM debian:12', ...Array.from({ length: MAX_INSTRUCTIONS + 5 }, (_, i) => `ENV V${String(i)}=x`)];
    const { dockerfile, errors } = parseDockerfile(`${lines.join('\n')}\n`);
    expect(dockerfile.stages[0]?.instructions).toHaveLength(MAX_INSTRUCTIONS - 1);
    expect(errors).toEqual([{ line: MAX_INSTRUCTIONS + 1, column: 1, message: expect.stringContaining(`more than ${String(MAX_INSTRUCTIONS)} instructions`) as string, hint: expect.any(String) as string }]);
  });

  it('splits stages, keeps lines, joins continuations and drops comments inside them', () => {
    const { dockerfile, positions, errors, droppedComments } = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        'ARG TAG=12',
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS Build',
        'RUN apt-get update \\',
        '  # a comment inside',
        '',
        '  && apt-get install -y curl',
        'COPY --from=build --chown=1000:1000 /out /app/',
        'FROM debian:${TAG}',
        'CMD ["/app/server", "--port", "80"]',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(dockerfile.comments).toEqual([]);
    expect(droppedComments).toEqual([{ line: 5, text: 'a comment inside' }]);
    expect(dockerfile.directives).toEqual({ escape: '\\', syntax: 'docker/dockerfile:1', check: null });
    expect(dockerfile.preamble.map((i) => i.cmd)).toEqual(['ARG']);
    expect(dockerfile.stages.map((s) => [s.image, s.resolvedImage, s.name, s.platform])).toEqual([
      ['golang:1.22', 'golang:1.22', 'build', '$BUILDPLATFORM'],
      ['debian:${TAG}', 'debian:12', null, null],
    ]);
    const [run, copy] = dockerfile.stages[0]?.instructions ?? [];
    expect(run).toMatchObject({ cmd: 'RUN', line: 4, endLine: 7, args: ['apt-get update   && apt-get install -y curl'], json: false });
    expect(copy).toMatchObject({ cmd: 'COPY', flags: [{ name: 'from', value: 'build' }, { name: 'chown', value: '1000:1000' }], args: ['/out', '/app/'] });
    expect(dockerfile.stages[1]?.instructions[0]).toMatchObject({ cmd: 'CMD', json: true, args: ['/app/server', '--port', '80'] });
    expect(positions.get('/stages/1/instructions/0')).toEqual({ line: 10, column: 1 });
    expect(positions.nearest('/stages/0/instructions/1/args/0')).toEqual({ pointer: '/stages/0/instructions/1', position: { line: 8, column: 1 } });
  });

  it('honours the escape directive and ends directives at the first other line', () => {
    const { dockerfile } = parseDockerfile('# escape=`\n\n# syntax=ignored\nFROM mcr.microsoft.com/windows\nRUN dir `\n  c:\\\n');
    expect(dockerfile.directives).toEqual({ escape: '`', syntax: null, check: null });
    expect(dockerfile.stages[0]?.instructions[0]?.args).toEqual(['dir   c:\\']);
    expect(dockerfile.comments.map((c) => c.text)).toEqual(['syntax=ignored']);
  });

  it('reads an indented directive, as BuildKit trims leading blanks before matching one', () => {
    const { dockerfile } = parseDockerfile('  # escape=`\n\t# syntax=docker/dockerfile:1\nFROM mcr.microsoft.com/windows/servercore\nCOPY app C:\\app\\\nUSER ContainerUser\n');
    expect(dockerfile.directives).toEqual({ escape: '`', syntax: 'docker/dockerfile:1', check: null });
    expect(dockerfile.stages[0]?.instructions.map((i) => i.cmd)).toEqual(['COPY', 'USER']);
  });

  it('reads here-documents, quoted delimiters and <<- tab stripping', () => {
    const { dockerfile, errors } = parseDockerfile('FROM alpine\nRUN <<EOF\napk add curl\nEOF\nCOPY <<-"END" /etc/motd\n\thello $USER\n\tEND\nRUN echo done\n');
    expect(errors).toEqual([]);
    const [run, copy, last] = dockerfile.stages[0]?.instructions ?? [];
    expect(run?.heredocs).toEqual([{ name: 'EOF', body: 'apk add curl\n', expand: true }]);
    expect(copy?.heredocs).toEqual([{ name: 'END', body: 'hello $USER\n', expand: false }]);
    expect(copy?.endLine).toBe(7);
    expect(last).toMatchObject({ cmd: 'RUN', line: 8 });
  });

  it('parses ENV, LABEL and ARG pairs in both forms, ONBUILD triggers and HEALTHCHECK', () => {
    const { dockerfile } = parseDockerfile(
      'FROM x\nENV A=1 B="two words" C=a\\ b\nENV LEGACY some value\nLABEL "com.example"="v" x=y\nARG ONE TWO=2\nONBUILD RUN make\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\nHEALTHCHECK NONE\n',
    );
    const [env, legacy, label, arg, onbuild, health, none] = dockerfile.stages[0]?.instructions ?? [];
    expect(env?.pairs).toEqual([{ key: 'A', value: '1' }, { key: 'B', value: 'two words' }, { key: 'C', value: 'a b' }]);
    expect(legacy?.pairs).toEqual([{ key: 'LEGACY', value: 'some value' }]);
    expect(label?.pairs).toEqual([{ key: 'com.example', value: 'v' }, { key: 'x', value: 'y' }]);
    expect(arg?.pairs).toEqual([{ key: 'ONE', value: null }, { key: 'TWO', value: '2' }]);
    expect(onbuild?.trigger).toMatchObject({ cmd: 'RUN', args: ['make'] });
    expect(health).toMatchObject({ flags: [{ name: 'interval', value: '5s' }], args: ['CMD', 'curl -f http://localhost/'] });
    expect(none?.args).toEqual(['NONE']);
  });

  it('reports what the builder refuses, with lines, and goes on', () => {
    const { dockerfile, errors } = parseDockerfile('# escape=x\nFROM\nFOO bar\nENV\nRUN <<EOF\nnever closed\n');
    expect(errors).toEqual([
      { line: 1, column: 1, message: 'invalid escape directive "x": the escape character must be \\ or `' },
      { line: 5, column: 1, message: 'here-document "EOF" is never closed: no line "EOF" follows' },
      { line: 2, column: 1, message: 'FROM needs an image: FROM image[:tag] [AS name]' },
      { line: 3, column: 1, message: 'unknown instruction "FOO"' },
      { line: 4, column: 1, message: 'ENV needs at least one key=value pair' },
    ]);
    expect(dockerfile.stages[0]?.instructions.map((i) => i.cmd)).toEqual(['ENV', 'RUN']);
  });

  it('reports the first instruction other than ARG before FROM, and keeps it for the rules', () => {
    const { dockerfile, errors } = parseDockerfile('ARG V=1\nRUN make\nCOPY . /src\nFROM x\n');
    expect(errors).toEqual([{ line: 2, column: 1, message: 'RUN comes before the first FROM; only ARG may precede FROM' }]);
    expect(dockerfile.preamble.map((i) => i.cmd)).toEqual(['ARG', 'RUN', 'COPY']);
  });

  it('parses a hostile input in linear time and bounded output', () => {
    const big = `FROM x\nRUN ${'a \\\n'.repeat(50_000)}b\n${'\\'.repeat(100_000)}\n`;
    const { dockerfile } = parseDockerfile(big);
    expect(dockerfile.stages[0]?.instructions[0]?.endLine).toBe(50_002);
  });
});

describe('hostile input', () => {
  it('never throws on random text and keeps every line inside the file', () => {
    // A fixed linear congruential generator: the same "random" inputs on every run.
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = ['FROM ', 'RUN ', 'COPY ', 'ONBUILD ', 'ENV ', 'ARG ', 'HEALTHCHECK ', '<<EOF', 'EOF', '\\', '`', '\n', '\r\n', '#', ' ', '"', "'", '[', ']', '=', '--', '$', '{', '}', '|', '&&', 'a', '# escape=`\n'];
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: Math.floor(next() * 80) }, () => alphabet[Math.floor(next() * alphabet.length)] ?? '').join('');
      const lineCount = text.split(/\r?\n/).length;
      const { dockerfile, errors } = parseDockerfile(text);
      for (const error of errors) expect(error.line).toBeLessThanOrEqual(lineCount);
      for (const stage of dockerfile.stages) for (const instruction of stage.instructions) expect(instruction.endLine).toBeLessThanOrEqual(lineCount);
      for (const instruction of [...dockerfile.preamble, ...dockerfile.stages.flatMap((stage) => stage.instructions)]) if (instruction.cmd === 'RUN') shellCommands(instruction.args[0] ?? '');
    }
  });
});

describe('expandVariables', () => {
  it('substitutes the builder forms', () => {
    const vars = new Map([['A', 'x'], ['E', '']]);
    const lookup = (name: string): string | undefined => vars.get(name);
    expect(expandVariables('$A-${A}-${B:-d}-${E:-d}-${E-d}-${A:+alt}-${B:+alt}-\\$A', lookup)).toBe('x-x-d-d--alt--$A');
  });
});

describe('shellCommands: process substitution', () => {
  it('keeps <(...) and >(...) inside their word, like $(...)', () => {
    expect(shellCommands('bash <(curl -s https://x/i.sh) && tee >(gzip > a.gz) < in').map((c) => c.words)).toEqual([
      ['bash', '<(curl -s https://x/i.sh)'],
      ['tee', '>(gzip > a.gz)'],
    ]);
  });
});

describe('shellCommands', () => {
  it('splits lists, pipelines and compound commands and drops redirections', () => {
    const commands = shellCommands('set -eux; curl -fsSL https://x.sh 2>&1 | sudo bash -s -- && if [ -f a ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y "a b" > /dev/null; fi # done');
    expect(commands.map((c) => [c.words, c.assignments, c.pipeline, c.stage])).toEqual([
      [['set', '-eux'], [], 0, 0],
      [['curl', '-fsSL', 'https://x.sh'], [], 1, 0],
      [['sudo', 'bash', '-s', '--'], [], 1, 1],
      [['[', '-f', 'a', ']'], [], 2, 0],
      [['apt-get', 'install', '-y', 'a b'], ['DEBIAN_FRONTEND=noninteractive'], 3, 0],
    ]);
  });
});
