/**
 * Condensing an rpm database while its layer streams. Every layer that runs dnf or zypper
 * rewrites the whole database (tens of MB on RHEL 8), and the inventory keeps each version to date
 * the packages; kept whole, ten such layers would hold hundreds of MB. Condensed, a version keeps
 * only the tags the inventory reads, re-encoded as rpm headers in an ndb file: a real rpm format,
 * read back by the ordinary readers, so parse(condense(x)) lists exactly what parse(x) lists.
 *
 * SQLite databases are kept whole: their committed transactions may sit in rpmdb.sqlite-wal, a
 * sibling file that only parse can see.
 */
import { backendOf, readRpmDatabase } from './database.js';
import { encodeHeader, type HeaderValue } from './header-writer.js';
import { writeNdb } from './ndb-writer.js';
import { type RpmPackageInfo, TAG } from './package-info.js';

export function condenseRpmDatabase(path: string, content: Buffer): Buffer {
  if (backendOf(content) === 'sqlite') return content;
  // A database with a malformed record is kept whole, so that parse names the record where it
  // sits in the image's file (a condensed copy would renumber it).
  // So is one cut at the package limit, so that parse says it was cut.
  const keep = { whole: false };
  const packages = readRpmDatabase(path, content, undefined, () => { keep.whole = true; }, () => { keep.whole = true; });
  return keep.whole ? content : writeNdb(packages.map(minimalHeader));
}

function minimalHeader(info: RpmPackageInfo): Buffer {
  const tags = new Map<number, HeaderValue>([
    [TAG.NAME, { kind: 'string', value: info.name }],
    [TAG.VERSION, { kind: 'string', value: info.version }],
    [TAG.RELEASE, { kind: 'string', value: info.release }],
  ]);
  if (info.epoch !== undefined) tags.set(TAG.EPOCH, { kind: 'int32', value: info.epoch });
  if (info.arch !== undefined) tags.set(TAG.ARCH, { kind: 'string', value: info.arch });
  if (info.source !== undefined) tags.set(TAG.SOURCERPM, { kind: 'string', value: `${info.source.name}-${info.source.version}-${info.source.release}.src.rpm` });
  if (info.license !== undefined) tags.set(TAG.LICENSE, { kind: 'string', value: info.license });
  if (info.vendor !== undefined) tags.set(TAG.VENDOR, { kind: 'string', value: info.vendor });
  return encodeHeader(tags);
}
