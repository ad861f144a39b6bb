/**
 * Pax extended headers as Go's archive/tar reads them (strconv.go parsePAXRecord, reader.go
 * parsePAX and mergePAX): records "LENGTH key=value\n"; an empty value keeps the ustar field (so
 * `path=` cannot blank a name); uid, gid, times and size must parse or the archive is refused.
 */
import { TarFormatError } from './tar-header.js';

export const SPARSE_MAP = 'GNU.sparse.map';

/** Go's strconv.ParseInt(text, 10, 64): an optional sign, decimal digits, within int64; undefined otherwise. */
export function parseGoInt(text: string): number | undefined {
  let start = 0;
  const sign = text.charCodeAt(0);
  if (sign === 0x2b || sign === 0x2d) start = 1;
  if (start >= text.length) return undefined;
  let value = 0;
  let firstDigit = -1;
  for (let i = start; i < text.length; i += 1) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    if (firstDigit === -1 && digit !== 0) firstDigit = i;
    value = value * 10 + digit;
  }
  if (firstDigit !== -1 && !withinInt64(text.slice(firstDigit), sign === 0x2d)) return undefined;
  return sign === 0x2d && value !== 0 ? -value : value;
}

/** Digits (no leading zeros) within int64: compared as text, since a Number cannot tell 2^63 - 1 from 2^63. */
function withinInt64(digits: string, negative: boolean): boolean {
  const limit = negative ? '9223372036854775808' : '9223372036854775807';
  return digits.length < limit.length || (digits.length === limit.length && digits <= limit);
}

/** Go's parsePAXTime: SECONDS[.FRACTION], seconds an int64, the fraction digits only. */
function isPaxTime(text: string): boolean {
  const dot = text.indexOf('.');
  if (dot === -1) return parseGoInt(text) !== undefined;
  return parseGoInt(text.slice(0, dot)) !== undefined && /^[0-9]*$/.test(text.slice(dot + 1));
}

/**
 * The records of an 'x' or 'g' header. GNU sparse 0.0 repeats GNU.sparse.offset and
 * GNU.sparse.numbytes, which Go gathers (strictly alternating, no commas) into GNU.sparse.map.
 */
export function parsePax(content: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  const sparse: string[] = [];
  let at = 0;
  while (at < content.length) {
    const { key, value, end } = parseRecord(content, at);
    at = end;
    if (key === 'GNU.sparse.offset' || key === 'GNU.sparse.numbytes') {
      const expected = sparse.length % 2 === 0 ? 'GNU.sparse.offset' : 'GNU.sparse.numbytes';
      if (key !== expected || value.includes(',')) throw new TarFormatError('a malformed pax sparse map');
      sparse.push(value);
    } else {
      records.set(key, value);
    }
  }
  if (sparse.length > 0) records.set(SPARSE_MAP, sparse.join(','));
  return records;
}

function parseRecord(content: Buffer, at: number): { key: string; value: string; end: number } {
  const space = content.indexOf(0x20, at);
  if (space === -1) throw new TarFormatError('a malformed pax record');
  const length = parseGoInt(content.toString('latin1', at, space));
  const end = length === undefined ? -1 : at + length;
  if (length === undefined || length < 5 || end > content.length || end <= space + 1 || content[end - 1] !== 0x0a) throw new TarFormatError('a malformed pax record');
  const equals = content.indexOf(0x3d, space + 1);
  if (equals === -1 || equals >= end - 1) throw new TarFormatError('a malformed pax record');
  const key = content.toString('utf8', space + 1, equals);
  const value = content.toString('utf8', equals + 1, end - 1);
  if (key === '') throw new TarFormatError('a pax record with an empty key');
  // Go refuses NUL where it would end a C string: in the four string fields' values, in any key.
  const nulIn = key === 'path' || key === 'linkpath' || key === 'uname' || key === 'gname' ? value : key;
  if (nulIn.includes('\0')) throw new TarFormatError(`a pax record "${key.replace(/\0/g, '?').slice(0, 40)}" with a NUL byte`);
  return { key, value, end };
}

/** What a file's pax records change of its header; empty values change nothing (Go keeps the ustar field). */
export interface PaxOverrides {
  readonly name: string | undefined;
  readonly linkname: string | undefined;
  readonly size: number | undefined;
}

export function mergePax(records: ReadonlyMap<string, string>): PaxOverrides {
  let name: string | undefined;
  let linkname: string | undefined;
  let size: number | undefined;
  for (const [key, value] of records) {
    if (value === '') continue;
    switch (key) {
      case 'path':
        name = value; break;
      case 'linkpath':
        linkname = value; break;
      case 'size':
        size = requireInt(value, key); break;
      case 'uid':
      case 'gid':
        requireInt(value, key); break;
      case 'atime':
      case 'mtime':
      case 'ctime':
        if (!isPaxTime(value)) throw new TarFormatError(`an invalid pax ${key} "${value.slice(0, 40)}"`);
        break;
      default:
        break;
    }
  }
  return { name, linkname, size };
}

export function requireInt(value: string, what: string): number {
  const parsed = parseGoInt(value);
  if (parsed === undefined) throw new TarFormatError(`an invalid pax ${what} "${value.slice(0, 40)}"`);
  return parsed;
}
