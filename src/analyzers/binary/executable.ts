/**
 * Just enough of the ELF, PE and Mach-O formats for the binary analyzers: which file bytes map to
 * which virtual addresses (Go build info is found by address), the named sections with their file
 * bytes (Go's `.go.buildinfo`, cargo-auditable's `.dep-v0`), and the first writable data segment
 * or section (where the Go linker writes build info when there is no named section). Offsets come
 * from the file, so every read is bounds-checked.
 */

export interface Region {
  readonly vaddr: bigint;
  readonly offset: number;
  readonly size: number;
}

export interface Section {
  readonly name: string;
  /** The Mach-O segment the section belongs to (`__DATA`); empty for ELF and PE. */
  readonly segment: string;
  readonly vaddr: bigint;
  readonly offset: number;
  /** Bytes the section occupies in the file: 0 for sections with no file data (.bss, zerofill). */
  readonly size: number;
}

export interface Executable {
  readonly format: 'elf' | 'pe' | 'macho';
  readonly littleEndian: boolean;
  readonly regions: readonly Region[];
  /**
   * Named sections. ELF keeps its section headers at the end of the file, so a head read from a
   * stream has none; PE and Mach-O list theirs in the headers.
   */
  readonly sections: readonly Section[];
  /** Address of the first writable, initialised data segment (ELF, Mach-O) or section (PE). */
  readonly writableData?: bigint;
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
  const sections: Section[] = [];
  // Section headers sit at the end of the file: a head read from a stream lacks them.
  if (shoff > 0 && shstrndx < shnum && v.ok(shoff, shnum * shentsize)) {
    const sectionAt = (i: number): number => shoff + i * shentsize;
    const stringsOffset = Number(v.word(sectionAt(shstrndx) + (wide ? 24 : 16), wide));
    for (let i = 0; i < shnum && v.ok(sectionAt(i), wide ? 64 : 40); i += 1) {
      const at = sectionAt(i);
      // SHT_NOBITS (.bss) occupies no file bytes whatever its size says.
      const noBits = v.u32(at + 4) === 8;
      sections.push({
        name: v.name(stringsOffset + v.u32(at), 64), segment: '',
        vaddr: v.word(at + (wide ? 16 : 12), wide),
        offset: Number(v.word(at + (wide ? 24 : 16), wide)),
        size: noBits ? 0 : Number(v.word(at + (wide ? 32 : 20), wide)),
      });
    }
  }
  return { format: 'elf', littleEndian: v.little, regions, sections, ...(writableLoad === undefined ? {} : { writableData: writableLoad }) };
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
  const named: Section[] = [];
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
    // VirtualSize is the section's own length; SizeOfRawData is rounded up to the file alignment.
    const virtualSize = v.u32(at + 8);
    named.push({ name: v.name(at, 8), segment: '', vaddr, offset, size: virtualSize === 0 ? size : Math.min(virtualSize, size) });
    if (dataStart === undefined && v.u32(at + 12) !== 0 && size !== 0 && (characteristics & ~0x00600000) === DATA) dataStart = vaddr;
  }
  return { format: 'pe', littleEndian: true, regions, sections: named, ...(dataStart === undefined ? {} : { writableData: dataStart }) };
}

function parseMacho(bytes: Buffer, little: boolean, wide: boolean): Executable {
  const v = new View(bytes, little);
  const commands = Math.min(v.u32(16), MAX_ENTRIES);
  let at = wide ? 32 : 28;
  const regions: Region[] = [];
  const sections: Section[] = [];
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
      // The cap is on sections over the whole file: segments' section lists may overlap in a hostile one.
      for (let s = 0; s < nsects && sections.length < MAX_ENTRIES; s += 1) {
        const sect = at + (wide ? 72 : 56) + s * sectionSize;
        if (!v.ok(sect, sectionSize)) break;
        const sectionOffset = v.u32(sect + (wide ? 48 : 40));
        // Zero-fill sections have no file offset: nothing of them is in the file.
        sections.push({
          name: v.name(sect, 16), segment: v.name(sect + 16, 16), vaddr: v.word(sect + 32, wide), offset: sectionOffset,
          size: sectionOffset === 0 ? 0 : Number(v.word(sect + (wide ? 40 : 36), wide)),
        });
      }
    }
    if (size < 8) break;
    at += size;
  }
  return { format: 'macho', littleEndian: little, regions, sections, ...(writable === undefined ? {} : { writableData: writable }) };
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

/** The file bytes of a section; undefined when the section claims bytes past the end of the file. */
export function sectionBytes(bytes: Buffer, section: Section): Buffer | undefined {
  if (section.offset < 0 || section.size < 0 || section.offset + section.size > bytes.length) return undefined;
  return bytes.subarray(section.offset, section.offset + section.size);
}
