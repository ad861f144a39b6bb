import { describe, expect, it } from 'vitest';
import { parseExecutable, sectionBytes } from './executable.js';

/** A 64-bit Mach-O whose `commands` segment commands all overlap and each claim 4096 sections. */
function overlappingMachO(commands: number): Buffer {
  const file = Buffer.alloc(1024 * 1024);
  file.writeUInt32LE(0xfeedfacf, 0);
  file.writeUInt32LE(commands, 16);
  for (let i = 0; i < commands; i += 1) {
    // Each command is 8 bytes long as far as the walk goes, so its claimed sections overlap the next.
    const at = 32 + i * 8;
    file.writeUInt32LE(0x19, at);
    file.writeUInt32LE(8, at + 4);
  }
  // The section count field of every command reads from bytes of later commands: make them large.
  for (let at = 32; at < 32 + commands * 8 + 72; at += 4) if (file.readUInt32LE(at) === 0) file.writeUInt32LE(4096, at);
  return file;
}

describe('executable headers', () => {
  it('caps the sections of a hostile Mach-O over the whole file', () => {
    const exe = parseExecutable(overlappingMachO(4000));
    expect(exe?.format).toBe('macho');
    expect(exe?.sections.length).toBeLessThanOrEqual(4096);
  });

  it('refuses section bytes past the end of the file', () => {
    const bytes = Buffer.alloc(100);
    expect(sectionBytes(bytes, { name: '.dep-v0', segment: '', vaddr: 0n, offset: 90, size: 10 })?.length).toBe(10);
    expect(sectionBytes(bytes, { name: '.dep-v0', segment: '', vaddr: 0n, offset: 90, size: 11 })).toBeUndefined();
    expect(sectionBytes(bytes, { name: '.dep-v0', segment: '', vaddr: 0n, offset: Number.MAX_SAFE_INTEGER, size: 1 })).toBeUndefined();
  });
});
