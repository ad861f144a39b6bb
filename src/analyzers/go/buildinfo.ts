/**
 * A Go binary's build info (documented in the Go source, debug/buildinfo): a 32-byte header at a
 * 16-byte aligned address near the start of the data the linker writes, beginning with the magic
 * "\xff Go buildinf:", then the pointer size and a flags byte. Go 1.18+ sets flag bit 2 and follows
 * the header with two varint-length-prefixed strings (the Go version and the module info); older
 * toolchains store two pointers to Go string headers (address, length) in the binary's byte order
 * and the reader maps those addresses back to file bytes. The module info is framed by two 16-byte
 * sentinels, which are dropped.
 */
import { type Executable, parseExecutable, readVirtual } from '../binary/executable.js';

export const BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER = 32;
const ALIGN = 16;
/** The linker puts the blob near the start of the data; Go's own reader looks at 64 KiB. */
const SEARCH_WINDOW = 64 * 1024;
/** Module info of real binaries is a few KiB to a few hundred; anything larger is not build info. */
const MAX_STRING = 4 * 1024 * 1024;

export interface BuildInfo {
  /** e.g. go1.21.5 */
  readonly goVersion: string;
  /** The module info text (path/mod/dep/=>/build lines), empty when built without modules. */
  readonly modInfo: string;
}

/** The build info of a Go executable or of a bare blob (the condensed form); undefined when not Go. */
export function readBuildInfo(bytes: Buffer): BuildInfo | undefined {
  if (bytes.subarray(0, BUILDINFO_MAGIC.length).equals(BUILDINFO_MAGIC)) return decodeBlob(bytes, undefined, bytes);
  let exe: Executable | undefined;
  try {
    exe = parseExecutable(bytes);
  } catch {
    // Headers that do not hold together: whatever this executable is, it is not a readable Go binary.
    return undefined;
  }
  if (exe === undefined) return undefined;
  return searchWindow(bytes, exe, goDataStart(exe), bytes);
}

/**
 * Where the Go linker puts the build info: its own section when the format has one (ELF
 * `.go.buildinfo`, Mach-O `__go_buildinfo`), else the start of the first writable data, which is
 * where Go's own reader looks too.
 */
function goDataStart(exe: Executable): bigint {
  const name = exe.format === 'elf' ? '.go.buildinfo' : exe.format === 'macho' ? '__go_buildinfo' : undefined;
  const named = name === undefined ? undefined : exe.sections.find((s) => s.name === name);
  return named?.vaddr ?? exe.writableData ?? 0n;
}

/** The first 16-byte aligned blob in the search window at the data start. */
function searchWindow(bytes: Buffer, exe: Executable, dataStart: bigint, file: Buffer): BuildInfo | undefined {
  const window = readVirtual(bytes, exe, dataStart, SEARCH_WINDOW);
  if (window === undefined) return undefined;
  for (let from = 0; ;) {
    const at = window.indexOf(BUILDINFO_MAGIC, from);
    if (at === -1 || window.length - at < HEADER) return undefined;
    // Alignment is of the address; the window starts at a section or segment start, itself aligned.
    // The inline strings may run past the search window: read them up to the end of the region.
    if (at % ALIGN === 0) return decodeBlob(readVirtual(bytes, exe, dataStart + BigInt(at), HEADER + 2 * (MAX_STRING + 8)) ?? window.subarray(at), exe, file);
    from = at + 1;
  }
}

function decodeBlob(blob: Buffer, exe: Executable | undefined, file: Buffer): BuildInfo | undefined {
  if (blob.length < HEADER) return undefined;
  const pointerSize = blob[14] ?? 0;
  const flags = blob[15] ?? 0;
  let goVersion: string | undefined;
  let mod: string | undefined;
  if ((flags & 2) !== 0) {
    const first = varintString(blob, HEADER);
    const second = first === undefined ? undefined : varintString(blob, first.next);
    goVersion = first?.text;
    mod = second?.text;
  } else {
    if (exe === undefined || (pointerSize !== 4 && pointerSize !== 8)) return undefined;
    const bigEndian = (flags & 1) !== 0;
    const pointer = (b: Buffer, o: number): bigint | undefined => {
      if (o + pointerSize > b.length) return undefined;
      if (pointerSize === 8) return bigEndian ? b.readBigUInt64BE(o) : b.readBigUInt64LE(o);
      return BigInt(bigEndian ? b.readUInt32BE(o) : b.readUInt32LE(o));
    };
    const goString = (address: bigint | undefined): string | undefined => {
      if (address === undefined) return undefined;
      const header = readVirtual(file, exe, address, 2 * pointerSize);
      if (header === undefined || header.length < 2 * pointerSize) return undefined;
      const data = pointer(header, 0);
      const length = pointer(header, pointerSize);
      if (data === undefined || length === undefined || length > BigInt(MAX_STRING)) return undefined;
      const text = readVirtual(file, exe, data, Number(length));
      return text === undefined || text.length !== Number(length) ? undefined : text.toString('utf8');
    };
    goVersion = goString(pointer(blob, 16));
    mod = goString(pointer(blob, 16 + pointerSize));
  }
  if (goVersion === undefined || goVersion === '') return undefined;
  return { goVersion, modInfo: unframe(mod ?? '') };
}

function varintString(bytes: Buffer, offset: number): { text: string; next: number } | undefined {
  let length = 0;
  let shift = 0;
  let at = offset;
  for (;;) {
    const byte = bytes[at];
    if (byte === undefined || shift > 28) return undefined;
    length += (byte & 0x7f) * 2 ** shift;
    at += 1;
    if ((byte & 0x80) === 0) break;
    shift += 7;
  }
  if (length > MAX_STRING || at + length > bytes.length) return undefined;
  return { text: bytes.subarray(at, at + length).toString('utf8'), next: at + length };
}

/** cmd/go wraps the module info in 16-byte sentinels, the last preceded by a newline. */
function unframe(mod: string): string {
  return mod.length >= 33 && mod[mod.length - 17] === '\n' ? mod.slice(16, -16) : '';
}

/** Bytes read from the start of a large executable: its headers (ELF, PE, Mach-O) are there. */
const HEAD_BYTES = 64 * 1024;
/** From the data start: the search window plus room for the inline strings. */
const STREAM_WINDOW = SEARCH_WINDOW + 1024 * 1024;

/**
 * The build info of an executable too large to buffer, read from its stream: the head gives the
 * headers, then only a window at the data start is kept. Go 1.18+ binaries (inline strings) are
 * read this way; the older pointer layout needs the whole file and is not.
 */
export async function readBuildInfoStream(chunks: AsyncIterable<Buffer>): Promise<BuildInfo | undefined> {
  const iterator = chunks[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let have = 0;
  const takeUntil = async (end: number): Promise<void> => {
    while (have < end) {
      const next = await iterator.next();
      if (next.done === true) return;
      taken.push(next.value);
      have += next.value.length;
    }
  };
  await takeUntil(HEAD_BYTES);
  const head = Buffer.concat(taken);
  let exe: Executable | undefined;
  try {
    exe = parseExecutable(head);
  } catch {
    return undefined;
  }
  if (exe === undefined) return undefined;
  const dataStart = goDataStart(exe);
  const region = exe.regions.find((r) => dataStart >= r.vaddr && dataStart < r.vaddr + BigInt(r.size));
  if (region === undefined) return undefined;
  const start = region.offset + Number(dataStart - region.vaddr);
  // Only the window is kept: earlier chunks are dropped as they pass.
  const kept: Buffer[] = [];
  let position = 0;
  const keep = (chunk: Buffer): void => {
    const from = Math.max(start, position);
    const to = Math.min(start + STREAM_WINDOW, position + chunk.length);
    if (from < to) kept.push(chunk.subarray(from - position, to - position));
    position += chunk.length;
  };
  taken.forEach(keep);
  taken.length = 0;
  while (position < start + STREAM_WINDOW) {
    const next = await iterator.next();
    if (next.done === true) break;
    keep(next.value);
  }
  const window = Buffer.concat(kept);
  const mapped: Executable = { ...exe, regions: [{ vaddr: dataStart, offset: 0, size: window.length }] };
  return searchWindow(window, mapped, dataStart, window);
}

/**
 * The condensed form kept while layers stream: a bare Go 1.18-style blob (header, then the two
 * varint strings), which readBuildInfo reads like any binary. Sentinels are re-added so the
 * framing rule stays the same for both.
 */
export function encodeBuildInfo(info: BuildInfo): Buffer {
  const header = Buffer.alloc(HEADER);
  BUILDINFO_MAGIC.copy(header);
  header[14] = 8;
  header[15] = 2;
  const sentinel = '0123456789abcdef';
  const framed = info.modInfo === '' ? '' : `${sentinel}${info.modInfo}${info.modInfo.endsWith('\n') ? '' : '\n'}${sentinel}`;
  return Buffer.concat([header, varint(Buffer.byteLength(info.goVersion)), Buffer.from(info.goVersion), varint(Buffer.byteLength(framed)), Buffer.from(framed)]);
}

function varint(n: number): Buffer {
  const out: number[] = [];
  let rest = n;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
  return Buffer.from(out);
}
