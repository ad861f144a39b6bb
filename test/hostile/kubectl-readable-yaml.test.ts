/**
 * YAML and JSON that kubectl applies must be scanned, not skipped: a document Palisade refuses but
 * kubectl reads is a way to deploy a privileged Pod past the gate. These inputs are read as kubectl
 * reads them (go-yaml via sigs.k8s.io/yaml; a JSON stream decoded value after value).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { parseStream } from '../../src/lib/yaml/index.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-kubectl-yaml-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const privilegedPod = (securityContext: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: evil\nspec:\n  containers:\n  - name: c\n    image: nginx\n    securityContext:${securityContext}\n`;
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n';

async function load(name: string, text: string | Buffer): ReturnType<typeof loadInputs> {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return loadInputs({ paths: [file] });
}

describe('a byte order mark opening a later document', () => {
  it('is dropped, as kubectl drops it from each document it splits off, and lines stay put', async () => {
    // `cat a.yaml b.yaml` of files saved by a Windows editor, joined by a `---` line.
    const result = await load('bom.yaml', `${configMap}---\n\ufeff${privilegedPod('\n      privileged: true')}`);
    expect(result.problems).toEqual([]);
    const pod = result.resources.find((r) => r.kind === 'Pod');
    expect(pod?.object).toMatchObject({ spec: { containers: [{ securityContext: { privileged: true } }] } });
    expect(pod?.source.position.line).toBe(6);
    expect(pod?.source.positions.get('/spec/containers/0/securityContext/privileged')?.line).toBe(15);
  });

  it('is dropped after a marker line with a comment and CRLF line ends', () => {
    const { documents, errors } = parseStream('a: 1\r\n--- # next\r\n\ufeffkind: Pod\r\n');
    expect(errors).toEqual([]);
    expect(documents.map((d) => d.value)).toEqual([{ a: 1 }, { kind: 'Pod' }]);
  });

  it('stays content inside a quoted value', () => {
    expect(parseStream('a: "\ufeffx"\n').documents[0]?.value).toEqual({ a: '\ufeffx' });
  });
});

describe('tags go-yaml ignores', () => {
  it('reads a tagged securityContext as the mapping it is, instead of skipping the Pod', async () => {
    const result = await load('tagged.yaml', privilegedPod(' !Custom\n      privileged: true'));
    expect(result.problems).toEqual([]);
    expect(result.resources[0]?.object).toMatchObject({ spec: { containers: [{ securityContext: { privileged: true } }] } });
  });

  it('reads tagged scalars as the strings they spell, sequences as sequences, !!binary decoded', () => {
    const text = 'a: !Ref web\nb: !x true\nc: !x [1, 2]\nd: !!python/object:os.system {x: 1}\ne: !!binary aGVsbG8=\nf: !!binary |\n  aGVs\n  bG8=\ng: !<tag:example.com,2026:x> 3\nh: !x\n!x key: 1\n';
    const { documents, errors } = parseStream(text);
    expect(errors).toEqual([]);
    expect(documents[0]?.value).toEqual({ a: 'web', b: 'true', c: [1, 2], d: { x: 1 }, e: 'hello', f: 'hello', g: '3', h: '', key: 1 });
    expect(documents[0]?.positions.get('/key')?.line).toBe(11);
  });

  it('still refuses a known tag its value does not fit, located, as go-yaml does', () => {
    expect(parseStream('a: !!int abc\n').errors).toMatchObject([{ kind: 'syntax', line: 1, column: 13 }]);
    expect(parseStream('a: !!binary "not base64!"\n').errors).toMatchObject([{ kind: 'syntax', line: 1 }]);
  });
});

describe('a JSON file holding a stream of objects', () => {
  const pod = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"nginx","securityContext":{"privileged":true}}]}}';
  const cm = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}';

  it('reads every object, one per line as jq -c writes them, each placed on its own line', async () => {
    const result = await load('stream.json', `${cm}\n${pod}\n`);
    expect(result.problems).toEqual([]);
    expect(result.resources.map((r) => `${r.kind}/${r.name}:${r.source.position.line}`)).toEqual(['ConfigMap/a:1', 'Pod/p:2']);
    expect(result.resources[1]?.source.positions.get('/spec/containers/0/securityContext/privileged')).toMatchObject({ line: 2 });
  });

  it('reads objects written back to back, and keeps those before a broken one', () => {
    const { documents, errors } = parseStream(`${cm}${cm}\n  {"a": 1,}`, { json: true });
    expect(documents.map((d) => d.index)).toEqual([0, 1]);
    expect(errors).toMatchObject([{ kind: 'syntax', line: 2, column: 11 }]);
  });

  it('still refuses an empty or non-JSON input as JSON, located', () => {
    expect(parseStream('', { json: true }).errors).toMatchObject([{ kind: 'syntax', line: 1, column: 1 }]);
    expect(parseStream('{"a": 1}\nkind: Pod\n', { json: true })).toMatchObject({ documents: [{ value: { a: 1 } }], errors: [{ kind: 'syntax', line: 2, column: 1 }] });
  });

  it('bounds the number of texts', () => {
    const { documents, errors } = parseStream('{}'.repeat(5), { json: true, limits: { maxDocuments: 3 } });
    expect(documents).toHaveLength(3);
    expect(errors).toMatchObject([{ kind: 'too-many-documents', line: 1, column: 7 }]);
  });
});

describe('an API server audit log among the inputs', () => {
  it('is one note naming what it is, not an object or a warning per recorded request', async () => {
    const event = (verb: string): string => `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"${verb}","verb":"${verb}","user":{"username":"alice"}}`;
    const result = await load('audit.json', `${event('get')}\n${event('list')}\n${event('watch')}\n`);
    expect(result.resources).toEqual([]);
    expect(result.problems).toMatchObject([{ code: 'not-a-manifest', level: 'note', line: 1, message: expect.stringContaining('3 audit events') as unknown }]);
  });
});

describe('UTF-16 with a byte order mark (Windows PowerShell `>`)', () => {
  const text = `${configMap}---\n${privilegedPod('\n      privileged: true')}`;

  it('is read as kubectl reads it (it transcodes every file), little- and big-endian, lines intact', async () => {
    const little = await load('utf16le.yaml', Buffer.from(`\ufeff${text}`, 'utf16le'));
    const big = await load('utf16be.yaml', Buffer.from(`\ufeff${text}`, 'utf16le').swap16());
    for (const result of [little, big]) {
      expect(result.problems).toEqual([]);
      expect(result.resources.map((r) => `${r.kind}/${r.name}:${r.source.position.line}`)).toEqual(['ConfigMap/first:1', 'Pod/evil:6']);
      expect(result.resources[1]?.object).toMatchObject({ spec: { containers: [{ securityContext: { privileged: true } }] } });
    }
  });

  it('is still binary without the mark', async () => {
    const result = await load('nomark.yaml', Buffer.from(text, 'utf16le'));
    expect(result.problems).toMatchObject([{ code: 'binary-file' }]);
  });
});

describe('a YAML-named file that starts with "{"', () => {
  it('is read as a JSON stream when it is one, as kubectl picks JSON from the content (jq -c > pods.yaml)', async () => {
    const pod = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"nginx","securityContext":{"privileged":true}}]}}';
    const result = await load('lines.yaml', `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}\n${pod}\n`);
    expect(result.problems).toEqual([]);
    expect(result.resources.map((r) => `${r.kind}/${r.name}:${r.source.position.line}`)).toEqual(['ConfigMap/a:1', 'Pod/p:2']);
  });

  it('keeps its YAML reading and error when it is flow YAML or broken JSON', () => {
    expect(parseStream('{a: 1}\n').documents.map((d) => d.value)).toEqual([{ a: 1 }]);
    expect(parseStream('{"a": 1}\n{"b": \n').errors).toMatchObject([{ kind: 'syntax' }]);
  });
});
