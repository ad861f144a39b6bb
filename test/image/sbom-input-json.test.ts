/**
 * The streaming reader under the SBOM input (sbom-json.ts) against JSON.parse, the reference it
 * replaces: on random documents and random one-byte corruptions of them (a fixed seed, so a
 * failure reproduces) it accepts exactly what JSON.parse accepts and decodes strings to the same
 * text, whatever the window size cuts through.
 */
import { describe, expect, it } from 'vitest';
import { bufferSource, JsonCursor } from '../../src/loaders/image/sbom-json.js';

/** mulberry32: a small seeded generator, so the corpus is the same on every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = generator(20261129);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const CHARACTERS = ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\u0001', '\u007f', 'é', '€', '😀', '\ud800', '\udfff'];

function randomString(): string {
  return Array.from({ length: Math.floor(random() * 8) }, () => pick(CHARACTERS)).join('');
}

function randomValue(depth: number): unknown {
  const kind = Math.floor(random() * (depth > 4 ? 4 : 6));
  if (kind === 0) return randomString();
  if (kind === 1) return pick([0, -0.5, 1e21, 123456789, -3.25e-7, 42]);
  if (kind === 2) return pick([true, false]);
  if (kind === 3) return null;
  if (kind === 4) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [randomString(), randomValue(depth + 1)]));
}

/** One byte deleted, inserted or replaced, from what breaks JSON most often. */
function corrupt(text: string): string {
  const at = Math.floor(random() * (text.length + 1));
  const byte = pick(['{', '}', '[', ']', ',', ':', '"', '\\', ' ', '0', '-', '.', 'e', 't', 'n', 'u', 'x', '\u0002']);
  const action = Math.floor(random() * 3);
  if (action === 0) return text.slice(0, at) + text.slice(at + 1);
  if (action === 1) return text.slice(0, at) + byte + text.slice(at);
  return text.slice(0, at) + byte + text.slice(at + 1);
}

function cursorAccepts(text: string): boolean {
  try {
    const cursor = new JsonCursor(bufferSource(Buffer.from(text)), { maxDepth: 1000 });
    cursor.skip();
    cursor.end();
    return true;
  } catch {
    return false;
  }
}

function parseAccepts(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('the streaming JSON reader', () => {
  it('accepts exactly what JSON.parse accepts, on 4000 random documents and corruptions of them', () => {
    const disagreements: string[] = [];
    let rejected = 0;
    for (let i = 0; i < 2000; i += 1) {
      const text = JSON.stringify(randomValue(0), null, pick([undefined, 0, 1, '\t']));
      for (const candidate of [text, corrupt(text)]) {
        const expected = parseAccepts(candidate);
        if (!expected) rejected += 1;
        if (cursorAccepts(candidate) !== expected) disagreements.push(candidate);
      }
    }
    expect(disagreements).toEqual([]);
    // The corruptions do test rejection: most of them break the document.
    expect(rejected).toBeGreaterThan(1000);
  });

  it('decodes strings as JSON.parse does, across the 1 MiB window edge', () => {
    const strings = Array.from({ length: 150_000 }, () => randomString());
    const text = JSON.stringify(strings);
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const cursor = new JsonCursor(bufferSource(Buffer.from(text)), { maxDepth: 10 });
    const read: (string | undefined)[] = [];
    cursor.beginArray();
    while (cursor.nextElement()) read.push(cursor.stringOrSkip(1024, 'a string'));
    cursor.end();
    expect(read).toEqual(JSON.parse(text));
  });
});
