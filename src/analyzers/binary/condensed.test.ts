import { describe, expect, it } from 'vitest';
import { decodeRecords, encodeRecords, recordOrWhole } from './condensed.js';

describe('condensed executables', () => {
  const records = new Map([['go.buildinfo', Buffer.from('go')], ['cargo.dep-v0', Buffer.from([0x78, 0x9c, 0])], ['empty', Buffer.alloc(0)]]);
  const encoded = encodeRecords(records);

  it('round-trips tagged records', () => {
    expect(decodeRecords(encoded)).toEqual(records);
    expect(recordOrWhole(encoded, 'cargo.dep-v0')).toEqual(Buffer.from([0x78, 0x9c, 0]));
    expect(recordOrWhole(encoded, 'absent')).toBeUndefined();
  });

  it('takes a file that is not condensed as itself', () => {
    const elf = Buffer.from('\x7fELF....', 'latin1');
    expect(decodeRecords(elf)).toBeUndefined();
    expect(recordOrWhole(elf, 'go.buildinfo')).toBe(elf);
  });

  it('refuses records that run past the end (a file that merely starts with the magic)', () => {
    const firstTag = encoded.indexOf('go.buildinfo');
    for (let cut = encoded.length - 1; cut >= firstTag; cut -= 1) {
      const records = decodeRecords(encoded.subarray(0, cut));
      // Cutting between records leaves a shorter valid list; cutting inside one is refused.
      if (records !== undefined) expect([...records.keys()]).toEqual(['go.buildinfo', 'cargo.dep-v0', 'empty'].slice(0, records.size));
    }
    const lying = Buffer.from(encoded);
    lying.writeUInt32BE(0xffffffff, firstTag + 'go.buildinfo'.length);
    expect(decodeRecords(lying)).toBeUndefined();
  });
});
