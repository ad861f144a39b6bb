import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';

const fixtures = fileURLToPath(new URL('../fixtures/loaders/', import.meta.url));
let dir: string;

const configMap = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

/** The classic "billion laughs": each level aliases the previous one nine times. */
function aliasBomb(levels: number): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= levels; i++) {
    const refs = Array.from({ length: 9 }, () => `*a${i - 1}`).join(',');
    lines.push(`a${i}: &a${i} [${refs}]`);
  }
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-hostile-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

describe('hostile and broken input', () => {
  it('reads ordinary anchors under the default limits: sixty containers sharing one', async () => {
    const containers = Array.from({ length: 60 }, (_, i) => (i === 0 ? '      - &app {name: c0, image: "nginx:1", resources: &res {limits: {cpu: "1"}}}' : `      - {<<: *app, name: c${i}, resources: *res}`)).join('\n');
    const file = write('anchors.yaml', `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: many\nspec:\n  template:\n    spec:\n      containers:\n${containers}\n`);
    const loaded = await loadInputs({ paths: [file] });
    expect(loaded.problems).toEqual([]);
    expect(loaded.resources).toHaveLength(1);
  });

  it('refuses a file over maxFileBytes from its size, without reading it', async () => {
    const huge = path.join(dir, 'huge', 'huge.yaml');
    mkdirSync(path.dirname(huge), { recursive: true });
    writeFileSync(huge, '');
    truncateSync(huge, 200 * 1024 * 1024); // sparse: 200 MB of NULs that take no disk
    write('huge/small.yaml', configMap('small'));
    const result = await loadInputs({ paths: [path.join(dir, 'huge')] });
    expect(result.problems).toMatchObject([{ code: 'input-too-large', level: 'error', file: huge }]);
    expect(result.resources.map((r) => r.name)).toEqual(['small']);
    const limited = await loadInputs({ paths: [path.join(dir, 'huge', 'small.yaml')], limits: { maxFileBytes: 10 } });
    expect(limited.problems[0]?.code).toBe('input-too-large');
  });

  it('stops an alias bomb and keeps the other documents of the file', async () => {
    const file = write('bomb.yaml', `${configMap('first')}---\n${aliasBomb(9)}---\n${configMap('last')}`);
    const result = await loadInputs({ paths: [file] });
    expect(result.resources.map((r) => r.name)).toEqual(['first', 'last']);
    expect(result.problems).toMatchObject([{ code: 'yaml-alias-limit', level: 'error', file }]);
    expect(result.problems[0]?.line).toBeGreaterThan(5);
  });

  it('accepts ordinary anchors and merge keys under the limit', async () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: anchors\n  labels: &labels {app: web}\n  annotations:\n    <<: *labels\n    extra: "1"\ndata: {a: &v value, b: *v}\n`;
    const result = await loadInputs({ paths: [write('anchors.yaml', text)] });
    expect(result.problems).toEqual([]);
    expect(result.resources[0]?.object).toMatchObject({ metadata: { annotations: { app: 'web', extra: '1' } }, data: { a: 'value', b: 'value' } });
    const strict = await loadInputs({ paths: [write('anchors2.yaml', text)], limits: { maxAliasCount: 1 } });
    expect(strict.problems[0]?.code).toBe('yaml-alias-limit');
  });

  it('rejects a self-referencing anchor (a cycle no walker could finish)', async () => {
    const result = await loadInputs({ paths: [write('cycle.yaml', `${configMap('cyc')}data: &d {self: *d}\n`)] });
    expect(result.resources).toEqual([]);
    expect(result.problems[0]?.code).toBe('yaml-alias-limit');
  });

  it('reports deep nesting as yaml-too-deep instead of overflowing the stack', async () => {
    const flow = `${configMap('deep')}data:\n  x: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    let block = `${configMap('deep-block')}data:\n`;
    for (let i = 1; i <= 400; i++) block += `${'  '.repeat(i)}k${i}:\n`;
    const result = await loadInputs({ paths: [write('deep/flow.yaml', flow), write('deep/block.yaml', block), write('deep/json.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`)] });
    expect(result.problems.map((p) => [p.code, path.basename(p.file ?? '')])).toEqual([
      ['yaml-too-deep', 'flow.yaml'],
      ['yaml-too-deep', 'block.yaml'],
      ['yaml-too-deep', 'json.json'],
    ]);
  });

  it('notes binary files and skips non-manifests in a directory of binaries', async () => {
    write('bin/image.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]));
    write('bin/utf32.yaml', Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]));
    write('bin/random.bin', Buffer.from([0, 1, 2, 3, 255]));
    write('bin/ok.yml', configMap('ok'));
    const result = await loadInputs({ paths: [path.join(dir, 'bin')] });
    expect(result.resources.map((r) => r.name)).toEqual(['ok']);
    expect(result.problems.map((p) => [p.code, p.level, path.basename(p.file ?? '')])).toEqual([
      ['binary-file', 'note', 'image.yaml'],
      ['not-a-manifest', 'note', 'random.bin'],
      ['binary-file', 'note', 'utf32.yaml'],
    ]);
  });

  it('does not follow symlinks out of the tree and survives link loops', async () => {
    write('links/real/a.yaml', configMap('linked'));
    symlinkSync('..', path.join(dir, 'links', 'real', 'loop'));
    symlinkSync(path.join(dir, 'bin'), path.join(dir, 'links', 'outside'));
    symlinkSync('real/a.yaml', path.join(dir, 'links', 'alias.yaml'));
    symlinkSync('missing.yaml', path.join(dir, 'links', 'dangling.yaml'));
    const result = await loadInputs({ paths: [path.join(dir, 'links')] });
    // alias.yaml and real/a.yaml are one file: read once.
    expect(result.resources.map((r) => [r.name, path.relative(dir, r.source.file)])).toEqual([['linked', path.join('links', 'alias.yaml')]]);
    expect(result.problems.map((p) => [p.code, path.basename(p.file ?? '')])).toEqual([['not-a-manifest', 'outside']]);
  });

  it('never lets a bad file hide good ones, and never modifies inputs', async () => {
    const bad = path.join(fixtures, 'bad');
    const digest = (): string[] => readdirSync(bad).map((name) => createHash('sha256').update(readFileSync(path.join(bad, name))).digest('hex') + String(statSync(path.join(bad, name)).mtimeMs));
    const before = digest();
    const result = await loadInputs({ paths: ['bad'], cwd: fixtures });
    expect(digest()).toEqual(before);
    expect(result.resources.map((r) => `${r.name}@${path.basename(r.source.file)}#${r.source.documentIndex}`)).toEqual(['survivor@good.yaml#0', 'before@mixed.yaml#0', 'after@mixed.yaml#7']);
    expect(result.problems.map((p) => `${p.code}@${path.basename(p.file ?? '')}:${p.line}:${p.column}`)).toEqual([
      'json-syntax@broken.json:5:21',
      'yaml-syntax@mixed.yaml:11:1',
      'not-an-object@mixed.yaml:14:1',
      'not-an-object@mixed.yaml:17:1',
      'missing-field@mixed.yaml:19:1',
      'yaml-syntax@tabs.yaml:4:1',
    ]);
    expect(result.problems.find((p) => p.code === 'missing-field')?.message).toContain('metadata.name');
  });

  it('reads a document with a duplicate key as kubectl does (last value), with a located warning', async () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: hidden\nspec:\n  containers:\n  - name: a\n    image: nginx\n    securityContext:\n      privileged: false\n      privileged: true\n`;
    const flow = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flow, name: flow2}\n`;
    const file = write('duplicates.yaml', `${configMap('first')}---\n${pod}---\n${flow}---\n${configMap('last')}`);
    const result = await loadInputs({ paths: [file] });
    expect(result.resources.map((r) => [r.name, r.source.documentIndex])).toEqual([['first', 0], ['hidden', 1], ['flow2', 2], ['last', 3]]);
    expect(result.resources[1]?.object).toMatchObject({ spec: { containers: [{ securityContext: { privileged: true } }] } });
    expect(result.problems.map((p) => [p.code, p.level, p.line, p.column])).toEqual([
      ['yaml-syntax', 'warning', 16, 7],
      ['yaml-syntax', 'warning', 20, 24],
    ]);
    expect(result.problems[0]?.message).toBe('duplicated mapping key; the document was read with the last value, as kubectl reads it');
    // A duplicate in a document that is broken anyway still loses that document only.
    const broken = await loadInputs({ paths: [write('duplicates-broken.yaml', `${configMap('ok')}---\na: 1\na: 2\nb: [\n---\n${configMap('after')}`)] });
    expect(broken.resources.map((r) => r.name)).toEqual(['ok', 'after']);
    expect(broken.problems.map((p) => [p.code, p.level])).toEqual([['yaml-syntax', 'error']]);
  });

  it('bounds a document count', async () => {
    const text = Array.from({ length: 5 }, (_, i) => configMap(`m${i}`)).join('---\n');
    const result = await loadInputs({ paths: [write('many.yaml', text)], limits: { maxDocuments: 3 } });
    expect(result.resources.map((r) => r.name)).toEqual(['m0', 'm1', 'm2']);
    expect(result.problems).toMatchObject([{ code: 'input-too-large' }]);
  });

  it('places a JSON syntax error at its token and never quotes the text around it (it may be a secret)', async () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "Secret",\n  "metadata": {"name": "db"},\n  "stringData": {"password": hunter2-s3cret}\n}\n';
    const result = await loadInputs({ paths: ['-'], stdin: Readable.from([text]) });
    expect(result.problems).toMatchObject([{ code: 'json-syntax', file: '-', line: 5, column: 30 }]);
    expect(result.problems[0]?.message).toBe('Unexpected token \'h\' is not valid JSON');
  });

  it('reads stdin, bounded, and names it "-"', async () => {
    const result = await loadInputs({ paths: ['-'], stdin: Readable.from([configMap('piped'), '---\n', configMap('second')]) });
    expect(result.resources.map((r) => [r.name, r.source.file, r.source.position.line])).toEqual([
      ['piped', '-', 1],
      ['second', '-', 6],
    ]);
    expect(result.inputs).toEqual(['-']);
    const json = await loadInputs({ paths: ['-'], stdin: Readable.from(['{"apiVersion": "v1", "kind": "List", "items": [']) });
    expect(json.problems[0]).toMatchObject({ code: 'json-syntax', file: '-' });
    const big = await loadInputs({ paths: ['-'], stdin: Readable.from([Buffer.alloc(4096, 0x20)]), limits: { maxFileBytes: 1000 } });
    expect(big.problems[0]?.code).toBe('input-too-large');
  });
});
