/**
 * The header decoder on hand-made blobs: a small encoder writes the documented layout, and the
 * hostile cases bend one field at a time. Real headers written by rpm itself are read in
 * test/image/rpm-database.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseHeader, RpmHeaderError } from './header.js';
import { packageInfo, parseSourceRpm } from './package-info.js';

type Value = { type: 4; value: number[] } | { type: 6 | 9; value: string } | { type: 8; value: string[] };
interface Entry { tag: number; value: Value }

/** headerExport's layout: il, dl, the index, then the data store (int32 values 4-aligned). */
function encode(entries: readonly Entry[]): Buffer {
  const data: Buffer[] = [];
  let length = 0;
  const index = Buffer.alloc(entries.length * 16);
  entries.forEach(({ tag, value }, i) => {
    if (value.type === 4) {
      const pad = (4 - (length % 4)) % 4;
      data.push(Buffer.alloc(pad));
      length += pad;
    }
    const bytes = value.type === 4
      ? Buffer.concat(value.value.map((n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; }))
      : Buffer.from(`${(typeof value.value === 'string' ? [value.value] : value.value).join('\0')}\0`);
    const count = value.type === 4 || value.type === 8 ? value.value.length : 1;
    index.writeInt32BE(tag, i * 16);
    index.writeUInt32BE(value.type, i * 16 + 4);
    index.writeInt32BE(length, i * 16 + 8);
    index.writeUInt32BE(count, i * 16 + 12);
    data.push(bytes);
    length += bytes.length;
  });
  const preamble = Buffer.alloc(8);
  preamble.writeUInt32BE(entries.length, 0);
  preamble.writeUInt32BE(length, 4);
  return Buffer.concat([preamble, index, ...data]);
}

const BASH: Entry[] = [
  { tag: 1000, value: { type: 6, value: 'bash' } },
  { tag: 1001, value: { type: 6, value: '5.1.8' } },
  { tag: 1002, value: { type: 6, value: '6.el9' } },
  { tag: 1003, value: { type: 4, value: [1] } },
  { tag: 1011, value: { type: 6, value: 'AlmaLinux' } },
  { tag: 1014, value: { type: 6, value: 'GPL-3.0-or-later' } },
  { tag: 1022, value: { type: 6, value: 'x86_64' } },
  { tag: 1044, value: { type: 6, value: 'bash-5.1.8-6.el9.src.rpm' } },
  { tag: 1117, value: { type: 8, value: ['bash', 'sh'] } },
];

/** Overwrites one index field (0 tag, 4 type, 8 offset, 12 count) of entry `i`. */
function withIndexField(blob: Buffer, i: number, field: 0 | 4 | 8 | 12, value: number): Buffer {
  const copy = Buffer.from(blob);
  copy.writeUInt32BE(value >>> 0, 8 + i * 16 + field);
  return copy;
}

describe('rpm header', () => {
  it('decodes strings, int32 arrays and string arrays', () => {
    const header = parseHeader(encode(BASH));
    expect(header.string(1000)).toBe('bash');
    expect(header.int32s(1003)).toEqual([1]);
    expect(header.strings(1117)).toEqual(['bash', 'sh']);
    expect(header.string(1015)).toBeUndefined();
  });

  it('interprets the package tags the way rpm -q prints them', () => {
    expect(packageInfo(parseHeader(encode(BASH)))).toEqual({
      name: 'bash', epoch: 1, version: '5.1.8', release: '6.el9', arch: 'x86_64', license: 'GPL-3.0-or-later', vendor: 'AlmaLinux',
      source: { name: 'bash', version: '5.1.8', release: '6.el9' },
    });
    // An I18NSTRING licence: the first (untranslated) string.
    const i18n = BASH.map((e) => (e.tag === 1014 ? { tag: 1014, value: { type: 9 as const, value: 'MIT' } } : e));
    expect(packageInfo(parseHeader(encode(i18n))).license).toBe('MIT');
  });

  it('lets a dribble entry (later in the index) replace a region entry of the same tag', () => {
    const header = parseHeader(encode([...BASH, { tag: 1022, value: { type: 6, value: 'noarch' } }]));
    expect(header.string(1022)).toBe('noarch');
  });

  it('splits source rpm file names on their last two hyphens', () => {
    expect(parseSourceRpm('python-dateutil-2.8.2-1.fc40.src.rpm')).toEqual({ name: 'python-dateutil', version: '2.8.2', release: '1.fc40' });
    expect(parseSourceRpm('acroread-9.5.5-1.nosrc.rpm')).toEqual({ name: 'acroread', version: '9.5.5', release: '1' });
    expect(parseSourceRpm('(none)')).toBeUndefined();
    expect(parseSourceRpm(undefined)).toBeUndefined();
  });

  it('requires NAME, VERSION and RELEASE', () => {
    expect(() => packageInfo(parseHeader(encode(BASH.filter((e) => e.tag !== 1001))))).toThrow(/lacks a NAME, VERSION or RELEASE/);
  });
});

describe('rpm header on hostile blobs', () => {
  const blob = encode(BASH);

  it('refuses truncated blobs and index/data claims beyond the blob', () => {
    expect(() => parseHeader(blob.subarray(0, 5))).toThrow(RpmHeaderError);
    expect(() => parseHeader(blob.subarray(0, blob.length - 1))).toThrow(/but the blob has only/);
    const manyEntries = Buffer.from(blob);
    manyEntries.writeUInt32BE(0xffff, 0);
    expect(() => parseHeader(manyEntries)).toThrow(/but the blob has only/);
    const hugeCount = Buffer.from(blob);
    hugeCount.writeUInt32BE(0x10000, 0);
    expect(() => parseHeader(hugeCount)).toThrow(/claims 65536 index entries/);
    const hugeData = Buffer.from(blob);
    hugeData.writeUInt32BE(0x7fffffff, 4);
    expect(() => parseHeader(hugeData)).toThrow(/data store/);
    expect(() => parseHeader(Buffer.alloc(8))).toThrow(/claims 0 index entries/);
  });

  it('refuses offsets outside the data store, in either direction', () => {
    expect(() => parseHeader(withIndexField(blob, 0, 8, 1_000_000)).string(1000)).toThrow(/do not fit/);
    expect(() => parseHeader(withIndexField(blob, 0, 8, -16)).string(1000)).toThrow(/do not fit/);
    expect(() => parseHeader(withIndexField(blob, 3, 8, -4)).int32s(1003)).toThrow(/do not fit/);
  });

  it('refuses huge counts before allocating anything', () => {
    expect(() => parseHeader(withIndexField(blob, 8, 12, 0xffffffff)).strings(1117)).toThrow(/4294967295 strings/);
    expect(() => parseHeader(withIndexField(blob, 3, 12, 0x40000000)).int32s(1003)).toThrow(/1073741824 int32 values/);
  });

  it('refuses misaligned int32s, unterminated strings and wrong types', () => {
    expect(() => parseHeader(withIndexField(blob, 3, 8, 1)).int32s(1003)).toThrow(/do not fit/);
    const unterminated = Buffer.from(blob);
    unterminated[unterminated.length - 1] = 0x41;
    expect(() => parseHeader(unterminated).strings(1117)).toThrow(/not terminated/);
    expect(() => parseHeader(withIndexField(blob, 0, 4, 4)).string(1000)).toThrow(/type 4, not a string/);
    expect(() => parseHeader(withIndexField(blob, 3, 4, 6)).int32s(1003)).toThrow(/type 6, not an int32/);
  });
});
