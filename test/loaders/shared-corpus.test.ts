/**
 * Positions checked over every YAML and JSON file of the shared external suites (thousands of
 * manifests written by other projects): every value of every document must have a position, a
 * mapping entry's position must be where its key is written, and the values must be exactly what
 * js-yaml's plain parse gives.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { escapeToken } from '../../src/lib/json-pointer.js';
import { parseStream, type ParsedDocument } from '../../src/lib/yaml/index.js';
import { KUBERNETES_SCHEMA } from '../../src/lib/yaml/schema.js';

const testdata = fileURLToPath(new URL('../../../shared/testdata/', import.meta.url));
const present = existsSync(testdata);
if (!present) console.warn(`shared testdata not found at ${testdata}: corpus position checks skipped`);

function* manifestFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* manifestFiles(full);
    else if (/\.(ya?ml|json)$/i.test(name)) yield full;
  }
}

/** Where a key may legitimately start: the key itself, a quote, an anchor, a tag or a YAML 1.1 spelling. */
function keyWrittenAt(lineText: string, column: number, key: string): boolean {
  const at = lineText.slice(column - 1);
  return at.startsWith(key) || /^["'&!]/.test(at) || (/^(?:true|false|null|\d+)$/.test(key) && /^[\w~.+-]/.test(at));
}

function problemsOf(document: ParsedDocument, lines: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (value: unknown, pointer: string, depth: number): void => {
    if (depth > 40 || value === null || typeof value !== 'object') return;
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, i) => [String(i), item]) : Object.entries(value);
    for (const [key, child] of entries) {
      const childPointer = `${pointer}/${escapeToken(key)}`;
      const position = document.positions.get(childPointer);
      if (position === undefined) {
        if (!(Array.isArray(value) && child === null)) found.push(`no position for ${childPointer}`);
      } else if (!Array.isArray(value) && !keyWrittenAt(lines[position.line - 1] ?? '', position.column, key)) {
        found.push(`${childPointer} at ${position.line}:${position.column} is not its key`);
      }
      visit(child, childPointer, depth + 1);
    }
  };
  visit(document.value, '', 0);
  return found;
}

/**
 * What JSON.parse makes of a .json file: one text, or one object per line (JSON Lines: falco's
 * audit traces, `jq -c` output), which kubectl applies object by object too.
 */
function jsonValues(text: string, documents: number): unknown[] {
  const body = text.replace(/^\ufeff/, '');
  if (documents === 1) return [JSON.parse(body) as unknown];
  return body.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as unknown);
}

describe.skipIf(!present)('positions over the shared suites', () => {
  it('gives every value of every document an exact position and js-yaml\'s value', () => {
    let documents = 0;
    const failures: string[] = [];
    for (const file of manifestFiles(path.join(testdata, 'k8s'))) {
      const text = readFileSync(file, 'utf8');
      if (text.includes('\0')) continue;
      const json = file.endsWith('.json');
      const parsed = parseStream(text, { json });
      if (parsed.errors.length === 0) {
        const plain = json ? jsonValues(text, parsed.documents.length) : yaml.loadAll(text.replace(/^\ufeff/, ''), undefined, { schema: KUBERNETES_SCHEMA, json });
        if (JSON.stringify(plain) !== JSON.stringify(parsed.documents.map((d) => d.value))) failures.push(`${file}: values differ from ${json ? 'JSON.parse' : 'js-yaml'}`);
      }
      const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
      for (const document of parsed.documents) {
        documents++;
        for (const problem of problemsOf(document, lines)) failures.push(`${file}: ${problem}`);
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(documents).toBeGreaterThan(1000);
  });
});
