/**
 * Just enough of the ELF, PE and Mach-O formats to read a Go binary's build info: which file bytes
 * map to which virtual addresses, and where the data the Go linker writes build info into starts
 * (the `.go.buildinfo` / `__go_buildinfo` section when there is one, else the first writable data
 * segment or section). Offsets come from the file, so every read is bounds-checked.
 */

export interface Region {
  readonly vaddr: bigint;
  readonly offset: number;
  readonly size: number;
}

export interface Executable {
  readonly format: 'elf' | 'pe' | 'macho';
  readonly littleEndian: boolean;
  readonly regions: readonly Region[];
  /** Virtual address where the build info blob is searched for. */
  readonly dataStart: bigint;
}

class View {
  constructor(readonly bytes: Buffer, readonly little: boolean) {}
  ok(offset: number, size: number): boolean {
    return offset >= 0 && size >= 0 && offset + size <= this.bytes.length;
  }
  u16(o: number): number {
    if (!this.ok(o, 2)) throw new Error('truncated executable header');
    return this.little ? this.bytes.readUInt16LE(o) : this.bytes.readUInt16BE(o);
  }
  u32(o: number): number {
    if (!this.ok(o, 4)) throw new Error('truncated executable header');
    return this.little ? this.bytes.readUInt32LE(o) : this.bytes.readUInt32BE(o);
  }
  u64(o: number): bigint {
    if (!this.ok(o, 8)) throw new Error('truncated executable header');
    return this.little ? this.bytes.readBigUInt64LE(o) : this.bytes.readBigUInt64BE(o);
  }
  word(o: number, wide: boolean): bigint {
    return wide ? this.u64(o) : BigInt(this.u32(o));
  }
  name(o: number, length: number): string {
    if (!this.ok(o, length)) return '';
    const raw = this.bytes.subarray(o, o + length);
    const end = raw.indexOf(0);
    return raw.subarray(0, end === -1 ? raw.length : end).toString('latin1');
  }
}

/** Header entries read from one file are capped: real binaries have a few dozen. */
const MAX_ENTRIES = 4096;

export function isExecutableImage(head: Buffer): boolean {
  if (head.length < 4) return false;
  const magic = head.readUInt32BE(0);
  return magic === 0x7f454c46 || head.readUInt16BE(0) === 0x4d5a || [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(magic);
}

export function parseExecutable(bytes: Buffer): Executable | undefined {
  if (bytes.length < 64) return undefined;
  if (bytes.readUInt32BE(0) === 0x7f454c46) return parseElf(bytes);
  if (bytes.readUInt16BE(0) === 0x4d5a) return parsePe(bytes);
  const magic = bytes.readUInt32BE(0);
  if (magic === 0xfeedface || magic === 0xfeedfacf) return parseMacho(bytes, false, magic === 0xfeedfacf);
  if (magic === 0xcefaedfe || magic === 0xcffaedfe) return parseMacho(bytes, true, magic === 0xcffaedfe);
  return undefined;
}

function parseElf(bytes: Buffer): Executable {
  const wide = bytes[4] === 2;
  const v = new View(bytes, bytes[5] !== 2);
  const phoff = Number(v.word(wide ? 0x20 : 0x1c, wide));
  const shoff = Number(v.word(wide ? 0x28 : 0x20, wide));
  const phentsize = v.u16(wide ? 0x36 : 0x2a);
  const phnum = Math.min(v.u16(wide ? 0x38 : 0x2c), MAX_ENTRIES);
  const shentsize = v.u16(wide ? 0x3a : 0x2e);
  const shnum = Math.min(v.u16(wide ? 0x3c : 0x30), MAX_ENTRIES);
  const shstrndx = v.u16(wide ? 0x3e : 0x32);
  const regions: Region[] = [];
  let writableLoad: bigint | undefined;
  for (let i = 0; i < phnum; i += 1) {
    const at = phoff + i * phentsize;
    if (!v.ok(at, wide ? 56 : 32)) break;
    const type = v.u32(at);
    const flags = v.u32(wide ? at + 4 : at + 24);
    const offset = Number(v.word(wide ? at + 8 : at + 4, wide));
    const vaddr = v.word(wide ? at + 16 : at + 8, wide);
    const size = Number(v.word(wide ? at + 32 : at + 16, wide));
    if (type !== 1) continue;
    regions.push({ vaddr, offset, size });
    // PF_W without PF_X: the data segment.
    if (writableLoad === undefined && (flags & 3) === 2) writableLoad = vaddr;
  }
  let buildInfoSection: bigint | undefined;
  // Section headers sit at the end of the file: a head read from a stream lacks them, and the
  // first writable segment is where the build info is looked for instead (as Go's reader does).
  if (shoff > 0 && shstrndx < shnum && v.ok(shoff, shnum * shentsize)) {
    const sectionAt = (i: number): number => shoff + i * shentsize;
    const stringsOffset = Number(v.word(sectionAt(shstrndx) + (wide ? 24 : 16), wide));
    for (let i = 0; i < shnum && v.ok(sectionAt(i), wide ? 64 : 40); i += 1) {
      if (v.name(stringsOffset + v.u32(sectionAt(i)), 64) === '.go.buildinfo') {
        buildInfoSection = v.word(sectionAt(i) + (wide ? 16 : 12), wide);
        break;
      }
    }
  }
  return { format: 'elf', littleEndian: v.little, regions, dataStart: buildInfoSection ?? writableLoad ?? 0n };
}

function parsePe(bytes: Buffer): Executable | undefined {
  const v = new View(bytes, true);
  const pe = v.u32(0x3c);
  if (!v.ok(pe, 24) || bytes.readUInt32BE(pe) !== 0x50450000) return undefined;
  const coff = pe + 4;
  const sections = Math.min(v.u16(coff + 2), MAX_ENTRIES);
  const optionalSize = v.u16(coff + 16);
  const optional = coff + 20;
  const magic = v.u16(optional);
  const imageBase = magic === 0x20b ? v.u64(optional + 24) : BigInt(v.u32(optional + 28));
  const regions: Region[] = [];
  let dataStart: bigint | undefined;
  // Initialized data, readable and writable (alignment bits aside): where Go puts build info.
  const DATA = 0x00000040 | 0x40000000 | 0x80000000;
  for (let i = 0; i < sections; i += 1) {
    const at = optional + optionalSize + i * 40;
    if (!v.ok(at, 40)) break;
    const vaddr = imageBase + BigInt(v.u32(at + 12));
    const size = v.u32(at + 16);
    const offset = v.u32(at + 20);
    const characteristics = v.u32(at + 36);
    regions.push({ vaddr, offset, size });
    if (dataStart === undefined && v.u32(at + 12) !== 0 && size !== 0 && (characteristics & ~0x00600000) === DATA) dataStart = vaddr;
  }
  return { format: 'pe', littleEndian: true, regions, dataStart: dataStart ?? 0n };
}

function parseMacho(bytes: Buffer, little: boolean, wide: boolean): Executable {
  const v = new View(bytes, little);
  const commands = Math.min(v.u32(16), MAX_ENTRIES);
  let at = wide ? 32 : 28;
  const regions: Region[] = [];
  let section: bigint | undefined;
  let writable: bigint | undefined;
  for (let i = 0; i < commands && v.ok(at, 8); i += 1) {
    const cmd = v.u32(at);
    const size = v.u32(at + 4);
    if (cmd === (wide ? 0x19 : 0x1)) {
      const vaddr = v.word(at + 24, wide);
      const offset = Number(v.word(at + (wide ? 40 : 32), wide));
      const fileSize = Number(v.word(at + (wide ? 48 : 36), wide));
      const maxProt = v.u32(at + (wide ? 56 : 40));
      const initProt = v.u32(at + (wide ? 60 : 44));
      const nsects = Math.min(v.u32(at + (wide ? 64 : 48)), MAX_ENTRIES);
      regions.push({ vaddr, offset, size: fileSize });
      if (writable === undefined && vaddr !== 0n && fileSize !== 0 && maxProt === 3 && initProt === 3) writable = vaddr;
      const sectionSize = wide ? 80 : 68;
      for (let s = 0; s < nsects; s += 1) {
        const sect = at + (wide ? 72 : 56) + s * sectionSize;
        if (!v.ok(sect, sectionSize)) break;
        if (section === undefined && v.name(sect, 16) === '__go_buildinfo') section = v.word(sect + 32, wide);
      }
    }
    if (size < 8) break;
    at += size;
  }
  return { format: 'macho', littleEndian: little, regions, dataStart: section ?? writable ?? 0n };
}

/** Up to `size` file bytes at virtual address `vaddr` (less at the end of its region). */
export function readVirtual(bytes: Buffer, exe: Executable, vaddr: bigint, size: number): Buffer | undefined {
  for (const region of exe.regions) {
    if (vaddr < region.vaddr || vaddr >= region.vaddr + BigInt(region.size)) continue;
    const start = region.offset + Number(vaddr - region.vaddr);
    const end = Math.min(start + size, region.offset + region.size, bytes.length);
    if (start < 0 || start >= end) return undefined;
    return bytes.subarray(start, end);
  }
  return undefined;
}
