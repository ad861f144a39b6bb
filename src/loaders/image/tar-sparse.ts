/**
 * GNU sparse files as Go's archive/tar reads them (reader.go handleSparseFile and the sparse map
 * readers, common.go validateSparseEntries and invertSparseEntries): the archive stores only the
 * data fragments; the holes between them read as zeros. Three encodings: old GNU 'S' headers
 * (four fragments in the header, then extension blocks of 21), pax 0.0/0.1 (the map in pax
 * records) and pax 1.0 (the map as decimal lines in whole blocks at the start of the data).
 * Every map is bounded (hostile input): 1 MiB of map blocks, as Go bounds the 1.0 map.
 */
import { BLOCK, MAX_SPECIAL_BYTES, parseNumeric, TarFormatError, type RawHeader } from './tar-header.js';
import { SPARSE_MAP, parseGoInt, requireInt } from './tar-pax.js';

export interface Fragment {
  readonly offset: number;
  readonly length: number;
}

/** The next 512 bytes of the stream (old GNU extension blocks) or of the entry's data (the 1.0 map). */
export type BlockSource = () => Promise<Buffer>;

/** An old GNU sparse ('S') entry: its logical size and fragments; the header must be GNU (STAR's 'S' differs). */
export async function readOldGnuSparseMap(raw: RawHeader, header: Buffer, nextBlock: BlockSource): Promise<{ size: number; fragments: Fragment[] }> {
  if (raw.format !== 'gnu') throw new TarFormatError(`an old GNU sparse entry in a ${raw.format} header`);
  const size = parseNumeric(header, 483, 12, 'sparse real size');
  const fragments: Fragment[] = [];
  // The header holds 4 entries at 386 with its "extended" flag at 482; each extension block 21 with its flag at 504.
  let block = header;
  let extended = collectOldGnu(block, 386, 4, fragments);
  let blocks = 0;
  while (extended) {
    blocks += 1;
    if (blocks * BLOCK > MAX_SPECIAL_BYTES) throw new TarFormatError(`an old GNU sparse map over ${MAX_SPECIAL_BYTES} bytes`);
    block = await nextBlock();
    extended = collectOldGnu(block, 0, 21, fragments);
  }
  return { size, fragments };
}

/** Appends the entries of one block (an entry whose offset starts with NUL ends them); true when an extension block follows. */
function collectOldGnu(block: Buffer, at: number, entries: number, into: Fragment[]): boolean {
  for (let i = 0; i < entries; i += 1) {
    const entry = at + i * 24;
    if (block[entry] === 0) break;
    into.push({ offset: parseNumeric(block, entry, 12, 'sparse offset'), length: parseNumeric(block, entry + 12, 12, 'sparse length') });
  }
  return (block[at + entries * 24] ?? 0) !== 0;
}

/** The pax sparse version the records declare ('0.x' and '1.0' are known), or undefined: not sparse (or an unknown version: a plain file, as in Go). */
export function paxSparseVersion(records: ReadonlyMap<string, string>): '0.x' | '1.0' | undefined {
  const major = records.get('GNU.sparse.major') ?? '';
  const minor = records.get('GNU.sparse.minor') ?? '';
  if (major === '0' && (minor === '0' || minor === '1')) return '0.x';
  if (major === '1' && minor === '0') return '1.0';
  if (major !== '' || minor !== '') return undefined;
  // 0.0 and 0.1 wrote no version: a map is what tells them.
  return (records.get(SPARSE_MAP) ?? '') === '' ? undefined : '0.x';
}

/** Pax sparse 0.0/0.1: GNU.sparse.numblocks pairs in GNU.sparse.map. */
export function sparseMap0x1(records: ReadonlyMap<string, string>): Fragment[] {
  const count = parseGoInt(records.get('GNU.sparse.numblocks') ?? '');
  if (count === undefined || count < 0) throw new TarFormatError('a pax sparse file without a valid GNU.sparse.numblocks');
  const map = records.get(SPARSE_MAP) ?? '';
  const numbers = map === '' ? [] : map.split(',');
  if (numbers.length !== 2 * count) throw new TarFormatError(`a pax sparse map of ${numbers.length} numbers for ${count} fragments`);
  const fragments: Fragment[] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) fragments.push({ offset: requireInt(numbers[i] ?? '', 'sparse offset'), length: requireInt(numbers[i + 1] ?? '', 'sparse length') });
  return fragments;
}

/** Pax sparse 1.0: a count line, then offset and length lines, read block by block from the data. */
export async function readSparseMap1x0(nextBlock: BlockSource): Promise<Fragment[]> {
  let text = '';
  let newlines = 0;
  let bytes = 0;
  const feed = async (needed: number): Promise<void> => {
    while (newlines < needed) {
      bytes += BLOCK;
      if (bytes > MAX_SPECIAL_BYTES) throw new TarFormatError(`a pax sparse map over ${MAX_SPECIAL_BYTES} bytes`);
      const block = (await nextBlock()).toString('latin1');
      text += block;
      for (let i = block.indexOf('\n'); i !== -1; i = block.indexOf('\n', i + 1)) newlines += 1;
    }
  };
  let at = 0;
  const token = (): string => {
    const end = text.indexOf('\n', at);
    const value = text.slice(at, end);
    at = end + 1;
    return value;
  };
  await feed(1);
  const count = parseGoInt(token());
  if (count === undefined || count < 0) throw new TarFormatError('a pax sparse map with an invalid count');
  await feed(1 + 2 * count);
  const fragments: Fragment[] = [];
  for (let i = 0; i < count; i += 1) fragments.push({ offset: requireInt(token(), 'sparse offset'), length: requireInt(token(), 'sparse length') });
  return fragments;
}

/** Go's (and BSD tar's) checks: non-negative, in order, not overlapping, within the logical size. */
export function validFragments(fragments: readonly Fragment[], size: number): boolean {
  if (size < 0) return false;
  let previousEnd = 0;
  for (const { offset, length } of fragments) {
    if (offset < 0 || length < 0 || offset + length > size || previousEnd > offset) return false;
    previousEnd = offset + length;
  }
  return true;
}

/** The holes between the fragments; the last always ends at the size (possibly empty), as Go's reader expects. */
export function holesOf(fragments: readonly Fragment[], size: number): Fragment[] {
  const holes: Fragment[] = [];
  let start = 0;
  for (const { offset, length } of fragments) {
    if (length === 0) continue;
    if (offset - start > 0) holes.push({ offset: start, length: offset - start });
    start = offset + length;
  }
  holes.push({ offset: start, length: size - start });
  return holes;
}
