import { describe, expect, it } from 'vitest';
import { NodeArena } from './node-tracker.js';
import { parseFloor, parseStream } from './parse.js';

/** Where a pointer is in a one-document text, as "line:column". */
function at(text: string, pointer: string, documentIndex = 0): string | undefined {
  const document = parseStream(text).documents[documentIndex];
  const position = document?.positions.get(pointer);
  return position === undefined ? undefined : `${position.line}:${position.column}`;
}

describe('parseStream positions', () => {
  const block = [
    'apiVersion: apps/v1', //  1
    'kind: Deployment', //  2
    'metadata:', //  3
    '  name: web # trailing comment', //  4
    'spec:', //  5
    '  template:', //  6
    '    spec:', //  7
    '      # a comment line', //  8
    '      containers:', //  9
    '      - name: app', // 10
    '        image: nginx', // 11
    '        args:', // 12
    '          - --a', // 13
    '          -   --b', // 14
    '        securityContext:', // 15
    '          privileged: true', // 16
    '      - name: sidecar', // 17
    '        command: |', // 18
    '          multi', // 19
    '          line', // 20
    '        "quoted/key~x": 1', // 21
    '',
  ].join('\n');

  it('points block-style keys at the key and items at their first character', () => {
    expect(at(block, '')).toBe('1:1');
    expect(at(block, '/metadata/name')).toBe('4:3');
    expect(at(block, '/spec/template/spec/containers')).toBe('9:7');
    expect(at(block, '/spec/template/spec/containers/0')).toBe('10:9');
    expect(at(block, '/spec/template/spec/containers/0/image')).toBe('11:9');
    expect(at(block, '/spec/template/spec/containers/0/args/1')).toBe('14:15');
    expect(at(block, '/spec/template/spec/containers/0/securityContext/privileged')).toBe('16:11');
    expect(at(block, '/spec/template/spec/containers/1/command')).toBe('18:9');
    expect(at(block, '/spec/template/spec/containers/1/quoted~1key~0x')).toBe('21:9');
  });

  it('falls back to the nearest ancestor for missing values', () => {
    const document = parseStream(block).documents[0];
    expect(document?.positions.get('/spec/template/spec/containers/0/securityContext/runAsUser')).toBeUndefined();
    expect(document?.positions.nearest('/spec/template/spec/containers/0/securityContext/runAsUser')).toEqual({
      pointer: '/spec/template/spec/containers/0/securityContext',
      position: { line: 15, column: 9 },
    });
    expect(document?.positions.nearest('/spec/template/spec/containers/7/image')?.pointer).toBe('/spec/template/spec/containers');
    expect(document?.positions.nearest('/nope')?.pointer).toBe('');
  });

  it('answers the same after releasing what lookups cached', () => {
    const positions = parseStream(block).documents[0]?.positions;
    const privileged = '/spec/template/spec/containers/0/securityContext/privileged';
    const before = positions?.get(privileged);
    positions?.releaseCache?.();
    expect(positions?.get(privileged)).toEqual(before);
    expect(before).toEqual({ line: 16, column: 11 });
  });

  it('answers each lookup alone, whatever lookups came before on the same document', () => {
    // A walk resumes below the steps it shares with the previous lookup: every order must agree
    // with a fresh document per pointer, for hits, misses and shared prefixes alike.
    const pointers = [
      '/spec/template/spec/containers/0/image',
      '/spec/template/spec/containers/0/securityContext/runAsUser',
      '/spec/template/spec/containers/0/securityContext/privileged',
      '/spec/template/spec/containers/1/command',
      '/spec/template/spec/containers/7/image',
      '/spec/template/spec/containers/0/args/1',
      '/spec/template/spec/containers/1/quoted~1key~0x',
      '/spec/template/spec/containers/0',
      '/spec/template/spec/containers/0',
      '/nope/deeper',
      '/metadata/name',
      '',
    ];
    const alone = pointers.map((pointer) => parseStream(block).documents[0]?.positions.nearest(pointer));
    const positions = parseStream(block).documents[0]?.positions;
    for (const order of [pointers.map((_, i) => i), pointers.map((_, i) => pointers.length - 1 - i), [3, 0, 9, 1, 4, 2, 8, 5, 11, 6, 10, 7]]) {
      for (const i of order) expect(positions?.nearest(pointers[i] ?? '')).toEqual(alone[i]);
    }
  });

  it('locates flow style, nested flow, and JSON', () => {
    const flow = 'a: {b: [1, {c: x, "d e": [y, z]}], f: g}\n';
    expect(at(flow, '/a/b')).toBe('1:5');
    expect(at(flow, '/a/b/1')).toBe('1:12');
    expect(at(flow, '/a/b/1/c')).toBe('1:13');
    expect(at(flow, '/a/b/1/d e/1')).toBe('1:30');
    expect(at(flow, '/a/f')).toBe('1:36');
    const json = '{\n  "kind": "Pod",\n  "spec": {\n    "containers": [\n      {"name": "a"},\n      {"name": "b", "image": "c"}\n    ]\n  }\n}\n';
    const document = parseStream(json, { json: true }).documents[0];
    expect(document?.positions.get('/spec/containers/1/image')).toEqual({ line: 6, column: 21 });
    expect(document?.positions.get('/kind')).toEqual({ line: 2, column: 3 });
  });

  it('gives each document of a stream its own lines, across markers, directives and end markers', () => {
    const stream = 'a: 1\n---\nb: 2\n...\n%YAML 1.2\n---\nc:\n  d: 3\n--- \n# only comments\n---\ne: 5\n';
    const result = parseStream(stream);
    expect(result.errors).toEqual([]);
    expect(result.documents.map((d) => [d.index, d.value, d.position.line])).toEqual([
      [0, { a: 1 }, 1],
      [1, { b: 2 }, 3],
      [2, { c: { d: 3 } }, 7],
      [3, null, 11], // an empty document sits where the parser found nothing: the next marker
      [4, { e: 5 }, 12],
    ]);
    expect(result.documents[2]?.positions.get('/c/d')).toEqual({ line: 8, column: 3 });
  });

  it('handles CRLF line ends, a byte order mark and tabs after values', () => {
    const text = '\ufeffa: 1\r\nb:\r\n  - x\r\n  - y\t# tab then comment\r\nc: z\r\n';
    expect(at(text, '/a')).toBe('1:1');
    expect(at(text, '/b/1')).toBe('4:5');
    expect(at(text, '/c')).toBe('5:1');
  });

  it('aligns sequence items when some are empty, and handles compact nested sequences', () => {
    const text = 'items:\n  -\n  - second\n  - - inner0\n    - inner1\n  - {k: v}\n';
    expect(parseStream(text).documents[0]?.value).toEqual({ items: [null, 'second', ['inner0', 'inner1'], { k: 'v' }] });
    expect(at(text, '/items/0')).toBeUndefined();
    expect(at(text, '/items/1')).toBe('3:5');
    expect(at(text, '/items/2/1')).toBe('5:7');
    expect(at(text, '/items/3/k')).toBe('6:6');
  });

  it('keeps positions with anchors, tags, merge keys and integer-like keys', () => {
    const text = 'base: &b\n  x: 1\nuse:\n  <<: *b\n  y: !!str 2\n  &k "3": three\n"10": ten\n';
    const document = parseStream(text).documents[0];
    // `y` is a YAML 1.1 boolean, even as a key: kubectl sends the key "true", and so do we.
    expect(document?.value).toEqual({ base: { x: 1 }, use: { x: 1, true: '2', '3': 'three' }, '10': 'ten' });
    expect(at(text, '/base/x')).toBe('2:3');
    expect(at(text, '/use/true')).toBe('5:3');
    expect(at(text, '/use/3')).toBe('6:3');
    expect(at(text, '/10')).toBe('7:1');
    // A merged key has no position of its own: its mapping stands in.
    expect(document?.positions.nearest('/use/x')?.pointer).toBe('/use');
  });
});

describe('parseStream values follow kubectl (YAML 1.1 scalars)', () => {
  it('reads yes/no/on/off as booleans and 0644 as octal, and keeps timestamps as strings', () => {
    const value = parseStream('a: yes\nb: Off\nc: 0644\nd: "yes"\ne: 2024-01-01T00:00:00Z\nf: 0x10\ng: 1.5\nh: ~\n').documents[0]?.value;
    expect(value).toEqual({ a: true, b: false, c: 420, d: 'yes', e: '2024-01-01T00:00:00Z', f: 16, g: 1.5, h: null });
  });
});

describe('parseStream errors', () => {
  it('locates a syntax error and keeps the documents around it', () => {
    const result = parseStream('a: 1\n---\nb: [1, 2\nc: 3\n---\nd: 4\n---\ne: "unterminated\n---\nf: 6\n');
    expect(result.documents.map((d) => [d.index, d.value])).toEqual([
      [0, { a: 1 }],
      [2, { d: 4 }],
      [4, { f: 6 }],
    ]);
    expect(result.errors.map((e) => [e.kind, e.line])).toEqual([
      ['syntax', 4],
      ['syntax', 9],
    ]);
  });

  it('reads duplicate keys with the last value, as kubectl does, and reports the duplicate', () => {
    // `kubectl label --local -f` prints the last value of a duplicated key: it does not refuse.
    const result = parseStream('a: 1\nb: 2\na: 3\n---\nc: 4\n');
    expect(result.errors).toMatchObject([{ kind: 'duplicate-key', line: 3, column: 1 }]);
    expect(result.documents.map((d) => [d.index, d.value])).toEqual([[0, { a: 3, b: 2 }], [1, { c: 4 }]]);
    expect(result.documents[0]?.positions.get('/b')).toEqual({ line: 2, column: 1 });
  });

  it('rejects what YAML accepts but JSON does not, for JSON input', () => {
    expect(parseStream('{"a": 1,}', { json: true }).errors).toMatchObject([{ kind: 'syntax', line: 1, column: 9 }]);
    expect(parseStream('{"a": 1,}').errors).toEqual([]);
  });
});

describe('parseFloor', () => {
  it('is the plain parse of the same stream', () => {
    expect(parseFloor('a: 1\n---\nb: 2\n')).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

describe('parseStream over many nodes', () => {
  it('keeps exact positions past the first storage chunks, with one arena shared by several streams', () => {
    const doc = (i: number): string => `kind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  a: "1"\n  b: [x, y, {z: ${i}}]\n`;
    const text = Array.from({ length: 3000 }, (_, i) => doc(i)).join('---\n');
    const arena = new NodeArena();
    parseStream('warm: up\n', { arena });
    const result = parseStream(text, { arena });
    expect(arena.size).toBeGreaterThan(40_000);
    const last = result.documents[2999];
    expect(last?.value).toMatchObject({ metadata: { name: 'cm-2999' } });
    // Each document is 7 lines (6 + the marker): the last one starts at line 2999 * 7 + 1.
    expect(last?.positions.get('/data/b/2/z')).toEqual({ line: 2999 * 7 + 6, column: 14 });
  });
});

describe('key lookups', () => {
  const text = [
    '"na\\u006De": escaped', // 1
    '!!str tagged: t', // 2
    '.inf: infinity', // 3
    "'it''s': q", // 4
    '"quoted": d', // 5
    'nulls:', // 6
    '  -', // 7
    '  - a', // 8
    '  -', // 9
    '  - {b: 1}', // 10
    'big:', // 11
    ...Array.from({ length: 40 }, (_, i) => `  k${i}: v${i}`), // 12..51
    'seq:', // 52
    ...Array.from({ length: 40 }, (_, i) => `  - i${i}`), // 53..92
  ].join('\n');
  const positions = parseStream(`${text}\n`).documents[0]?.positions;
  const line = (pointer: string): number | undefined => positions?.get(pointer)?.line;

  it('finds keys however they are spelt: escaped, tagged, special, quoted', () => {
    expect([line('/name'), line('/tagged'), line('/Infinity'), line("/it's"), line('/quoted')]).toEqual([1, 2, 3, 4, 5]);
    expect(positions?.get('/quoted~1')).toBeUndefined();
  });

  it('skips the empty items of a sequence that has no node for them', () => {
    expect([line('/nulls/1'), line('/nulls/3/b')]).toEqual([8, 10]);
  });

  it('finds entries of large mappings and sequences, before and after indexing them', () => {
    expect([line('/big/k39'), line('/big/k0'), line('/big/k17'), line('/seq/39'), line('/seq/0')]).toEqual([51, 12, 29, 92, 53]);
    expect(positions?.get('/big/k40')).toBeUndefined();
  });
});
