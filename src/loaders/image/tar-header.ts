/**
 * One 512-byte tar header block decoded as Go's archive/tar decodes it (reader.go readHeader,
 * format.go getFormat, strconv.go parseNumeric): the format is guessed from the magic, and every
 * numeric field Go parses must parse, or the archive is refused as Go refuses it (a runtime
 * would not unpack it either). Byte loops only: this runs once per entry of every layer.
 */

/** Malformed or truncated tar data (the layer reader reports it as layer-corrupt). */
export class TarFormatError extends Error {}

export const BLOCK = 512;
/** Go's maxSpecialFileSize: pax headers, GNU long names and sparse maps are held in memory, so they are bounded. */
export const MAX_SPECIAL_BYTES = 1024 * 1024;

/** The header layouts Go tells apart; they differ in where the name prefix lives. */
export type TarFormat = 'v7' | 'ustar' | 'gnu' | 'star';

export interface RawHeader {
  readonly format: TarFormat;
  readonly typeflag: string;
  readonly name: string;
  readonly linkname: string;
  readonly mode: number;
  /** May be negative (base-256) or beyond 2^53 (then approximate): the caller decides, as Go's handleRegularFile does. */
  readonly size: number;
}

export function parseHeader(block: Buffer): RawHeader {
  const format = formatOf(block);
  const typeflag = String.fromCharCode(block[156] ?? 0);
  let name = cString(block, 0, 100);
  const linkname = cString(block, 157, 100);
  const size = parseNumeric(block, 124, 12, 'size');
  const mode = parseNumeric(block, 100, 8, 'mode');
  // Parsed only to be refused when malformed, as Go refuses them.
  parseNumeric(block, 108, 8, 'uid');
  parseNumeric(block, 116, 8, 'gid');
  parseNumeric(block, 136, 12, 'mtime');
  if (format !== 'v7') {
    parseNumeric(block, 329, 8, 'devmajor');
    parseNumeric(block, 337, 8, 'devminor');
    const prefix = prefixOf(block, format);
    if (prefix !== '') name = `${prefix}/${name}`;
  }
  return { format, typeflag, name, linkname, mode, size };
}

/**
 * ustar and pax: 155 bytes at 345. STAR: 131 bytes, its access and change times follow (and must
 * parse). GNU has no prefix (those bytes are times), except in archives of Go before 1.8, which
 * wrote one there: Go takes it when the times do not parse and it is ASCII, and so do we.
 */
function prefixOf(block: Buffer, format: TarFormat): string {
  switch (format) {
    case 'ustar':
      return cString(block, 345, 155);
    case 'star':
      parseNumeric(block, 476, 12, 'atime');
      parseNumeric(block, 488, 12, 'ctime');
      return cString(block, 345, 131);
    default: {
      const timesParse = (block[345] === 0 || isNumeric(block, 345, 12)) && (block[357] === 0 || isNumeric(block, 357, 12));
      if (timesParse) return '';
      const end = nulOrEnd(block, 345, 155);
      for (let i = 345; i < end; i += 1) if ((block[i] ?? 0) >= 0x80) return '';
      return block.toString('latin1', 345, end);
    }
  }
}

function formatOf(block: Buffer): TarFormat {
  // Octal only: Go does not read a base-256 checksum.
  const stored = octalOrNaN(block, 148, 8);
  // The checksum counts its own field as spaces; old tars summed signed bytes (Go accepts both),
  // which is only computed when the unsigned sum disagrees.
  if (stored !== checksumOf(block, false) && stored !== checksumOf(block, true)) throw new TarFormatError('a header with a wrong checksum (not a tar, or corrupt)');
  // "ustar\0": ustar/pax, or STAR when "tar\0" ends the block; "ustar " + " \0": GNU; else v7.
  if (matches(block, 257, USTAR_MAGIC)) return matches(block, 508, STAR_TRAILER) ? 'star' : 'ustar';
  if (matches(block, 257, GNU_MAGIC)) return 'gnu';
  return 'v7';
}

const USTAR_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72, 0x00];
const GNU_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72, 0x20, 0x20, 0x00];
const STAR_TRAILER = [0x74, 0x61, 0x72, 0x00];

function matches(block: Buffer, at: number, bytes: readonly number[]): boolean {
  for (let i = 0; i < bytes.length; i += 1) if (block[at + i] !== bytes[i]) return false;
  return true;
}

export function isGnuFormat(block: Buffer): boolean {
  return matches(block, 257, GNU_MAGIC);
}

function checksumOf(block: Buffer, signed: boolean): number {
  let sum = 8 * 0x20;
  for (let i = 0; i < 148; i += 1) sum += block[i] ?? 0;
  for (let i = 156; i < BLOCK; i += 1) sum += block[i] ?? 0;
  if (!signed) return sum;
  for (let i = 0; i < BLOCK; i += 1) if ((i < 148 || i >= 156) && (block[i] ?? 0) > 127) sum -= 256;
  return sum;
}

/** Base-256 when the first byte's high bit is set (two's complement, so possibly negative), else octal. */
export function parseNumeric(block: Buffer, at: number, length: number, what: string): number {
  const value = numericOrNaN(block, at, length);
  if (Number.isNaN(value)) throw new TarFormatError(`an invalid ${what} field "${block.toString('latin1', at, at + length).replace(/[^\x20-\x7e]/g, '?')}"`);
  return value;
}

/** Whether parseNumeric would accept the field (Go's second parser for GNU times, whose errors only steer the prefix). */
function isNumeric(block: Buffer, at: number, length: number): boolean {
  return !Number.isNaN(numericOrNaN(block, at, length));
}

function numericOrNaN(block: Buffer, at: number, length: number): number {
  return ((block[at] ?? 0) & 0x80) !== 0 ? base256OrNaN(block, at, length) : octalOrNaN(block, at, length);
}

/** Rare (sizes over 8 GiB, negative values): exact int64 arithmetic in BigInt, with Go's overflow rule. */
function base256OrNaN(block: Buffer, at: number, length: number): number {
  const invert = ((block[at] ?? 0) & 0x40) !== 0 ? 0xff : 0;
  let value = 0n;
  for (let i = 0; i < length; i += 1) {
    let byte = (block[at + i] ?? 0) ^ invert;
    if (i === 0) byte &= 0x7f;
    if (value >> 56n > 0n) return NaN;
    value = (value << 8n) | BigInt(byte);
  }
  if (value >> 63n > 0n) return NaN;
  return Number(invert === 0 ? value : -value - 1n);
}

/**
 * Octal digits between padding: spaces and NULs are trimmed from both ends, and the digits end at
 * the first NUL left inside ("3\0 7" is 3), exactly as Go parses; anything else is invalid.
 */
function octalOrNaN(block: Buffer, at: number, length: number): number {
  let start = at;
  let end = at + length;
  while (start < end && (block[start] === 0x20 || block[start] === 0)) start += 1;
  while (end > start && (block[end - 1] === 0x20 || block[end - 1] === 0)) end -= 1;
  let value = 0;
  for (let i = start; i < end; i += 1) {
    const byte = block[i] ?? 0;
    if (byte === 0) break;
    const digit = byte - 0x30;
    if (digit < 0 || digit > 7) return NaN;
    value = value * 8 + digit;
  }
  return value;
}

/** A NUL-terminated string field (the whole field when it has no NUL). */
export function cString(bytes: Buffer, at = 0, length = bytes.length): string {
  return bytes.toString('utf8', at, nulOrEnd(bytes, at, length));
}

function nulOrEnd(bytes: Buffer, at: number, length: number): number {
  const nul = bytes.indexOf(0, at);
  return nul === -1 || nul > at + length ? at + length : nul;
}

export function isZero(block: Buffer): boolean {
  for (let i = 0; i < block.length; i += 1) if (block[i] !== 0) return false;
  return true;
}

export function padOf(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}
