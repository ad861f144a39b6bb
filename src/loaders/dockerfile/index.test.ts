import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../index.js';
import { locate } from '../../core/locate.js';
import { dockerfileResource, isDockerfileName, looksLikeDockerfile } from './index.js';

describe('isDockerfileName', () => {
  it('knows the names builders use', () => {
    expect(['Dockerfile', 'Containerfile', 'dockerfile', 'Dockerfile.prod', 'api.Dockerfile', 'web.containerfile'].every(isDockerfileName)).toBe(true);
    expect(['Dockerfile.dockerignore', 'Dockerfiles', 'notes.md', 'deploy.yaml', 'MyDockerfile', 'dockerfile.ts', 'dockerfile.md', 'Dockerfile.md', 'Dockerfile.tmpl', 'dockerfile.test.ts', 'dockerfile.prod'].filter(isDockerfileName)).toEqual([]);
  });
});

describe('looksLikeDockerfile', () => {
  it('knows a Dockerfile on stdin by its first instruction, after directives, comments and blank lines', () => {
    expect(['FROM debian:12\n', '\uFEFF# syntax=docker/dockerfile:1\n\n# a comment\r\nARG V=1\nFROM x:$V\n', 'from alpine', '  RUN make\n'].every(looksLikeDockerfile)).toBe(true);
  });

  it('does not take manifests, JSON or text for one', () => {
    expect(['apiVersion: v1\nkind: Pod\n', '# FROM x\n---\nkind: Pod\n', '{"kind": "Pod"}', 'FROM: x\n', 'FROM\n', 'hello world\n', '', '# only comments\n'].filter(looksLikeDockerfile)).toEqual([]);
  });
});

describe('dockerfileResource', () => {
  it('makes one located Dockerfile resource and turns an ignore comment into the ignore annotation', () => {
    const loaded = dockerfileResource('FROM debian:12\n# palisade.dev/ignore: dockerfile-healthcheck-missing: a batch job\nUSER 1000\n', 'svc/Dockerfile');
    expect(loaded.problems).toEqual([]);
    const resource = loaded.resource;
    expect(resource).toMatchObject({ apiVersion: 'palisade.dev/v1', kind: 'Dockerfile', name: 'Dockerfile' });
    expect(resource?.object['metadata']).toEqual({ name: 'Dockerfile', annotations: { 'palisade.dev/ignore': 'dockerfile-healthcheck-missing: a batch job' } });
    if (resource === undefined) return;
    expect(locate(resource, '/stages/0/instructions/0/args/0')).toMatchObject({ file: 'svc/Dockerfile', line: 3 });
  });

  it('writes the line-scoped ignore comments under /ignores and reports those that hide nothing', () => {
    const loaded = dockerfileResource('FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install -y curl\n# hadolint ignore=DL9008\nRUN true\n', 'Dockerfile');
    expect(loaded.resource?.object['ignores']).toEqual([
      { line: 2, fromLine: 3, toLine: 3, naming: 'hadolint', ids: ['DL3008'], reason: 'hadolint pragma "# hadolint ignore=DL3008" on line 2' },
      { line: 4, fromLine: 5, toLine: 5, naming: 'hadolint', ids: ['DL9008'], reason: 'hadolint pragma "# hadolint ignore=DL9008" on line 4' },
    ]);
    expect(loaded.problems.map((p) => [p.code, p.level, p.line])).toEqual([['dockerfile-pragma', 'note', 4]]);
  });

  it('reports an empty file and syntax errors with their lines', () => {
    expect(dockerfileResource('# nothing\n', 'Dockerfile').problems.map((p) => [p.code, p.line])).toEqual([['dockerfile-syntax', 1]]);
    const bad = dockerfileResource('FROM x\nFROBNICATE y\n', 'Dockerfile');
    expect(bad.resource).toBeDefined();
    expect(bad.problems.map((p) => [p.code, p.line, p.message])).toEqual([['dockerfile-syntax', 2, 'unknown instruction "FROBNICATE"']]);
  });
});

describe('loadInputs with Dockerfiles', () => {
  it('picks Dockerfiles up in directories next to manifests, and reads one named explicitly', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'palisade-dockerfile-'));
    mkdirSync(path.join(dir, 'web'));
    writeFileSync(path.join(dir, 'web', 'Dockerfile'), 'FROM nginx:1.27\n');
    writeFileSync(path.join(dir, 'worker.Dockerfile'), 'FROM python:3.12\n');
    writeFileSync(path.join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n');
    const loaded = await loadInputs({ paths: [dir] });
    expect(loaded.problems).toEqual([]);
    expect(loaded.resources.map((r) => `${r.kind}/${r.name}`).sort()).toEqual(['Dockerfile/Dockerfile', 'Dockerfile/worker.Dockerfile', 'Pod/p']);
    const single = await loadInputs({ paths: [path.join(dir, 'web', 'Dockerfile')] });
    expect(single.resources.map((r) => r.kind)).toEqual(['Dockerfile']);
  });
});
