import { describe, expect, it } from 'vitest';
import { parseDockerfile, type ShellCommand } from '../../lib/dockerfile/index.js';
import { commandsOf, unwrapped } from './dockerfile.js';

/** The words of every command the RUN on the file's second line runs. */
function commands(text: string): string[][] {
  const run = parseDockerfile(`FROM debian:12\n${text}`).dockerfile.stages[0]?.instructions[0];
  return run === undefined ? [] : commandsOf(run).map((command) => command.words);
}

describe('commandsOf with here-documents', () => {
  it('runs a document fed to a shell on standard input as part of the script', () => {
    expect(commands('RUN bash <<EOF\napt-get install -y curl\nEOF\n')).toEqual([['bash'], ['apt-get', 'install', '-y', 'curl']]);
    expect(commands('RUN <<EOF sh -e\nmake\nEOF\n')).toEqual([['sh', '-e'], ['make']]);
    expect(commands('RUN sudo bash -o pipefail -s -- x <<EOF\nmake\nEOF\n')).toEqual([['sudo', 'bash', '-o', 'pipefail', '-s', '--', 'x'], ['make']]);
    // Two documents: standard input is the last one.
    expect(commands('RUN cat <<A > /a && bash <<B\nrm -rf /\nA\nmake\nB\n')).toEqual([['cat'], ['bash'], ['make']]);
    // Documents go to the redirections in order, each once, even under one name.
    expect(commands('RUN bash <<EOF && bash <<EOF\nmake\nEOF\nmake install\nEOF\n')).toEqual([['bash'], ['make'], ['bash'], ['make', 'install']]);
  });

  it('keeps documents a program reads as data out of the script', () => {
    expect(commands('RUN python3 <<EOF\nimport os\nEOF\n')).toEqual([['python3']]);
    // The -c script runs (cat), and cat reads the document as data.
    expect(commands("RUN sh -c 'cat' <<EOF\nmake\nEOF\n")).toEqual([['sh', '-c', 'cat'], ['cat']]);
    expect(commands('RUN bash ./setup.sh <<EOF\nyes\nEOF\n')).toEqual([['bash', './setup.sh']]);
  });

  it('runs a document that is the whole RUN with its #! interpreter', () => {
    expect(commands('RUN <<EOF\napt-get update\nEOF\n')).toEqual([['apt-get', 'update']]);
    expect(commands('RUN <<EOF\n#!/usr/bin/env -S bash -e\napt-get update\nEOF\n')).toEqual([['apt-get', 'update']]);
    expect(commands('RUN <<EOF\n#!/usr/bin/env python3\nprint("apt-get update | sh")\nEOF\n')).toEqual([]);
  });
});

describe('commandsOf with JSON-form RUN', () => {
  it('finds the -c script however the shell options are written', () => {
    expect(commands('RUN ["sh", "-ec", "apt-get update"]')).toEqual([['apt-get', 'update']]);
    expect(commands('RUN ["/bin/bash", "-lc", "make && make install"]')).toEqual([['make'], ['make', 'install']]);
    expect(commands('RUN ["/bin/bash", "-euo", "pipefail", "-c", "make"]')).toEqual([['make']]);
    expect(commands('RUN ["bash", "-o", "pipefail", "-c", "--", "make"]')).toEqual([['make']]);
    // Without -c the shell runs a script file: the words are the command.
    expect(commands('RUN ["bash", "-e", "./build.sh"]')).toEqual([['bash', '-e', './build.sh']]);
    expect(commands('RUN ["make", "-C", "src"]')).toEqual([['make', '-C', 'src']]);
  });
});

describe('commandsOf with a shell started by the RUN', () => {
  it('reads the -c script of a shell (or su USER -c) as the commands it runs, after the shell', () => {
    expect(commands('RUN bash -c "apt-get update && apt-get install -y curl" && rm -rf /var/lib/apt/lists/*')).toEqual([
      ['bash', '-c', 'apt-get update && apt-get install -y curl'], ['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl'], ['rm', '-rf', '/var/lib/apt/lists/*'],
    ]);
    expect(commands("RUN su app -c 'npm ci'")).toEqual([['su', 'app', '-c', 'npm ci'], ['npm', 'ci']]);
    expect(commands('RUN sudo -E /bin/sh -ec "make install"')).toEqual([['sudo', '-E', '/bin/sh', '-ec', 'make install'], ['make', 'install']]);
    // A script file is not read; only a -c script is.
    expect(commands('RUN bash ./install.sh')).toEqual([['bash', './install.sh']]);
  });

  it('gives the nested commands pipelines of their own, and stops nesting at a bounded depth', () => {
    const run = parseDockerfile('FROM debian:12\nRUN curl -fsSL https://x.example | bash -c "tar xz | sh"\n').dockerfile.stages[0]?.instructions[0];
    const found = run === undefined ? [] : commandsOf(run);
    expect(found.map((c) => [c.words[0], c.pipeline, c.stage])).toEqual([['curl', 0, 0], ['bash', 0, 1], ['tar', 1, 0], ['sh', 1, 1]]);
    expect(found[2]?.shell?.words[0]).toBe('bash');
    // Ten shells deep: read four levels down, not ten (each level is parsed again).
    let script = 'make';
    for (let i = 0; i < 10; i++) script = `sh -c '${script.replace(/'/g, `'\\''`)}'`;
    expect(commands(`RUN ${script}`).map((words) => words[0])).toEqual(['sh', 'sh', 'sh', 'sh', 'sh']);
  });
});

describe('unwrapped', () => {
  const command = (line: string): ShellCommand => ({ words: line.split(' '), assignments: [], pipeline: 0, stage: 0, heredocs: [] });
  it('removes wrappers with the values of their options (sudo -u app is not the program app)', () => {
    expect(unwrapped(command('sudo -u app npm install -g typescript')).words).toEqual(['npm', 'install', '-g', 'typescript']);
    expect(unwrapped(command('sudo -E -H --user=app env -u HOME PIP_NO_CACHE_DIR=1 nohup pip install flask')).words).toEqual(['pip', 'install', 'flask']);
    expect(unwrapped(command('sudo -- apt-get install -y curl')).words).toEqual(['apt-get', 'install', '-y', 'curl']);
  });
});
