/**
 * SBOM files as input are attacker-controlled (they come with the image): they are read as a
 * stream with bounds on what is kept, and a document that is not JSON, or is beyond a bound, is one
 * located problem naming the file, the place and the bound, never a crash or quoted content.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PalisadeError } from '../../src/core/errors.js';
import type { Problem } from '../../src/model/problem.js';
import { readSbomInventory, type SbomLimits } from '../../src/loaders/image/sbom-input.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'palisade-sbom-hostile-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let written = 0;
function write(text: string | Buffer): string {
  const file = path.join(dir, `sbom-${written++}.json`);
  writeFileSync(file, text);
  return file;
}

const cdx = (components: unknown[], extra: object = {}): string => JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, ...extra, components }, null, 2);
const npm = (name: string, version = '1.0.0'): object => ({ type: 'library', name, version, purl: `pkg:npm/${name}@${version}` });

/** The problem readSbomInventory threw (it must throw one). */
function refusal(file: string, limits: Partial<SbomLimits> = {}): Problem {
  try {
    readSbomInventory(file, limits);
  } catch (error) {
    if (error instanceof PalisadeError) return error.problem;
    throw error;
  }
  throw new Error(`${file} was read`);
}

describe('bounds on what an SBOM makes Palisade keep', () => {
  it('more packages than the bound: input-too-large, located just after the one too many', () => {
    const file = write(cdx([npm('a'), npm('b'), npm('c'), npm('d')]));
    const p = refusal(file, { maxPackages: 3 });
    expect(p).toMatchObject({ code: 'input-too-large', file, line: 29, column: 6 });
    expect(p.message).toBe('SBOM over a limit: more than 3 packages');
    expect(readSbomInventory(file, { maxPackages: 4 }).packages).toHaveLength(4);
  });

  it('entries that are not kept do not count: purls of other types, entries without a purl', () => {
    const file = write(cdx([npm('a'), { type: 'file', name: 'x' }, { type: 'library', purl: 'pkg:generic/x@1' }, npm('b')]));
    expect(readSbomInventory(file, { maxPackages: 2 }).packages.map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('a field that is kept and longer than the bound is refused; the same size where nothing is read costs nothing', () => {
    const huge = 'x'.repeat(1024 * 1024 + 1);
    const refused = refusal(write(cdx([npm('a'), { type: 'library', name: 'b', purl: `pkg:npm/b@1.0.0?q=${huge}` }])));
    expect(refused).toMatchObject({ code: 'input-too-large', line: 15 });
    expect(refused.message).toBe('SBOM over a limit: a purl, name, version or licence longer than 1048576 bytes (the string ending here)');
    // Licence texts, evidence, hashes, metadata and unknown keys are skipped unread, whatever their size.
    const skipped = write(cdx(
      [{ ...npm('a'), evidence: { identity: { field: 'purl', concludedValue: huge } }, licenses: [{ license: { name: 'Custom', text: { content: huge } } }], hashes: [{ alg: 'SHA-256', content: huge }] }],
      { metadata: { component: { type: 'container', name: 'img', description: huge } }, [huge.slice(0, 300_000)]: huge },
    ));
    const { packages } = readSbomInventory(skipped);
    expect(packages.map((p) => [p.name, p.licenses])).toEqual([['a', ['Custom']]]);
  });

  it('entries skipped for their purl say what to do about an SBOM, not about an image archive', () => {
    const { problems } = readSbomInventory(write(cdx([{ type: 'library', name: 'x', version: '1' }, { type: 'library', purl: 'pkg:npm/y' }])));
    expect(problems.map((p) => [p.code, p.hint])).toEqual([
      ['image-invalid', 'A purl is pkg:TYPE/[NAMESPACE/]NAME@VERSION with its parts percent-encoded (purl-spec); fix or regenerate the SBOM.'],
      ['file-not-read', 'Packages without a purl cannot be matched against advisories; have the tool that wrote the SBOM record purls, or scan the image itself.'],
    ]);
  });

  it('a malformed purl is quoted without the credentials of a URL in it', () => {
    const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';
    const file = write(cdx([{ type: 'library', purl: `pkg:npm/x?vcs_url=git%2Bhttps:%2F%2Fbot:${token}%40github.com%2Fo%2Fx.git` }, { type: 'library', purl: `pkg:npm/y?download_url=https://${token}@example.com/y.tgz` }]));
    const { problems } = readSbomInventory(file);
    expect(problems.map((p) => p.message)).toEqual([
      'SBOM entry with a malformed or versionless purl "pkg:npm/x?vcs_url=git%2Bhttps:%2F%2F***%40github.com%2Fo%2Fx.git" skipped',
      'SBOM entry with a malformed or versionless purl "pkg:npm/y?download_url=https://***@example.com/y.tgz" skipped',
    ]);
  });

  it('purl types Palisade does not match are named up to a bound, the rest counted in one note', () => {
    const components = Array.from({ length: 50_000 }, (_, i) => ({ type: 'library', purl: `pkg:t${i}/x@1` }));
    const { problems } = readSbomInventory(write(cdx([...components, npm('a')])));
    expect(problems).toHaveLength(33);
    expect(problems.at(-1)).toMatchObject({ code: 'analyzer-unsupported', level: 'note', message: '49968 more SBOM entries with other purl types are not matched against advisories' });
  });

  it('components nested beyond the bound are refused at the level that passes it, not read into memory', () => {
    const depth = 200_000;
    const [start, level] = ['{"bomFormat":"CycloneDX","specVersion":"1.6","components":[', '{"purl":"pkg:npm/d@1.0.0","components":['];
    const file = write(`${start}${level.repeat(depth)}${']}'.repeat(depth)}]}`);
    const p = refusal(file);
    // At the 501st component's '{'.
    expect(p).toMatchObject({ code: 'input-too-large', line: 1, column: start.length + 500 * level.length + 1 });
    expect(p.message).toBe('SBOM over a limit: CycloneDX components nested deeper than 500 levels');
    // Nesting within the bound is read, every level of it.
    const levels = Array.from({ length: 499 }, (_, i) => `{"purl":"pkg:npm/d${i}@1.0.0","components":[`).join('');
    const nested = write(`{"bomFormat":"CycloneDX","components":[${levels}{"purl":"pkg:npm/leaf@2.0.0"}${']}'.repeat(499)}]}`);
    const { packages } = readSbomInventory(nested);
    expect(packages).toHaveLength(500);
    expect(packages.filter((q) => q.name === 'leaf')).toHaveLength(1);
  });

  it('arrays nested in a field that is not read are bounded too', () => {
    const start = '{"bomFormat":"CycloneDX","metadata":';
    const file = write(`${start}${'['.repeat(100_000)}${']'.repeat(100_000)},"components":[]}`);
    // The document's object is the first level: the 2000th '[' is one too many.
    expect(refusal(file)).toMatchObject({ code: 'input-too-large', line: 1, column: start.length + 2000, message: 'SBOM over a limit: objects and arrays nested deeper than 2000 levels' });
  });
});

describe('documents that are not one JSON SBOM', () => {
  it('a syntax error is json-syntax at its line and column, without quoting the document', () => {
    const file = write('{\n  "bomFormat": "CycloneDX",\n  "components": [\n    {"name": "hunter2-secret-value" "purl": "pkg:npm/a@1"}\n  ]\n}\n');
    const p = refusal(file);
    expect(p).toMatchObject({ code: 'json-syntax', file, line: 4, column: 37 });
    expect(p.message).toBe('not a JSON SBOM: expected \',\' or \'}\', found \'"\'');
    expect(JSON.stringify(p)).not.toContain('hunter2');
  });

  it('truncated documents, trailing commas, bad escapes, raw control characters, bad numbers and literals', () => {
    const cases: [string, RegExp][] = [
      ['{"bomFormat":"CycloneDX","components":[{"purl":"pkg:npm/a@1', /ends inside a string/],
      ['{"bomFormat":"CycloneDX","components":[{"purl":"pkg:npm/a@1"}', /ends inside a value/],
      ['{"bomFormat":"CycloneDX","components":[{"purl":"pkg:npm/a@1"},]}', /trailing ','/],
      ['{"bomFormat":"CycloneDX","components":[],}', /trailing ','/],
      ['{"bomFormat":"CycloneDX","components":[{"name":"a\\x"}]}', /invalid escape \\x/],
      ['{"bomFormat":"CycloneDX","components":[{"name":"a\\u12"}]}', /invalid escape \\u/],
      ['{"bomFormat":"CycloneDX","components":[{"name":"a\tb"}]}', /control character \(U\+0009\)/],
      ['{"bomFormat":"CycloneDX","version":01,"components":[]}', /expected ',' or '\}', found '1'/],
      ['{"bomFormat":"CycloneDX","version":1.,"components":[]}', /malformed number/],
      ['{"bomFormat":"CycloneDX","version":-,"components":[]}', /malformed number/],
      ['{"bomFormat":"CycloneDX","flag":tru,"components":[]}', /unexpected 't'/],
      ['{"bomFormat":"CycloneDX",components:[]}', /expected a string key, found 'c'/],
      ['{"bomFormat":"CycloneDX","components"[]}', /expected ':' after a key/],
      ['', /not a JSON object/],
    ];
    for (const [text, message] of cases) {
      expect(() => JSON.parse(text) as unknown).toThrow();
      const p = refusal(write(text));
      expect(p.code, text).toBe('json-syntax');
      expect(p.message, text).toMatch(message);
      expect(p.line, text).toBe(1);
    }
    expect(refusal(write('["CycloneDX"]'))).toMatchObject({ code: 'json-syntax', message: 'not a JSON SBOM: not a JSON object' });
  });

  it('JSON Lines (one document per line) is refused by name: one SBOM per file', () => {
    const one = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [npm('a')] });
    const p = refusal(write(`${one}\n${one}\n`));
    expect(p).toMatchObject({ code: 'json-syntax', line: 2, column: 1 });
    expect(p.message).toMatch(/more than one JSON value .*not JSON Lines/);
  });

  it('a UTF-8 byte order mark before the document is allowed (Windows tools write one), and not counted in columns', () => {
    const file = write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cdx([npm('a')]))]));
    expect(readSbomInventory(file).packages.map((p) => p.purl)).toEqual(['pkg:npm/a@1.0.0']);
    expect(refusal(write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a" 1}')])))).toMatchObject({ line: 1, column: 6 });
  });
});

describe('what JSON.parse made of a document, the stream makes too', () => {
  it('a valid SBOM of an image without packages (no components, no packages array) is an empty inventory', () => {
    const noComponents = write(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, metadata: { component: { type: 'container', name: 'scratch-app' } } }));
    expect(readSbomInventory(noComponents)).toMatchObject({ packages: [], problems: [] });
    const noPackages = write(JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', name: 'x', dataLicense: 'CC0-1.0' }));
    expect(readSbomInventory(noPackages)).toMatchObject({ packages: [], problems: [] });
  });

  it('a package listed twice (a merged SBOM, a repeated bom-ref or SPDXID) is one package; at another file it is another', () => {
    const again = { ...npm('a'), 'bom-ref': 'a' };
    const elsewhere = { ...npm('a'), properties: [{ name: 'palisade:package:file', value: '/other/package.json' }] };
    const file = write(cdx([again, npm('b'), again, { ...npm('a'), 'bom-ref': 'a-2' }, elsewhere]));
    expect(readSbomInventory(file).packages.map((p) => `${p.name} ${p.file === file ? 'sbom' : p.file}`)).toEqual(['a /other/package.json', 'a sbom', 'b sbom']);
    const spdxPackage = { name: 'a', SPDXID: 'SPDXRef-a', downloadLocation: 'NOASSERTION', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:npm/a@1.0.0' }] };
    const spdx = write(JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', name: 'x', packages: [spdxPackage, spdxPackage] }));
    expect(readSbomInventory(spdx).packages).toHaveLength(1);
  });

  it('the last of repeated keys counts, as in JSON.parse', () => {
    const file = write('{"bomFormat":"CycloneDX","components":[{"purl":"pkg:npm/gone@1"}],"components":[{"purl":"pkg:npm/a@1","purl":"pkg:npm/b@2"}]}');
    expect(readSbomInventory(file).packages.map((p) => p.purl)).toEqual(['pkg:npm/b@2']);
  });

  it('strings: escapes, surrogate pairs, and multi-byte characters wherever the reading window cuts them', () => {
    // Names of every UTF-8 length, each offset so that some fall across a 1 MiB window edge.
    const names = Array.from({ length: 40_000 }, (_, i) => `Py${'é€😀'.repeat(i % 7)}_${i}${i % 3 === 0 ? '\\"' : ''}`);
    const components = names.map((name, i) => ({ type: 'library', name, purl: `pkg:pypi/${encodeURIComponent(name.toLowerCase())}@${i}` }));
    // Some written as escapes: \u00e9, and the surrogate pair \ud83d\ude00.
    const text = cdx(components).replace(/é|😀/g, (c, at: number) => (at % 2 === 1 ? c : c === 'é' ? '\\u00e9' : '\\ud83d\\ude00'));
    const expected = (JSON.parse(text) as { components: { name: string }[] }).components.map((c) => c.name).sort();
    const { packages, problems } = readSbomInventory(write(text));
    expect(problems).toEqual([]);
    expect(packages.map((p) => p.name).sort()).toEqual(expected);
  });
});
