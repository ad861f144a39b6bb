/**
 * `palisade db update --source URL`: download a feed next to the store, verify it, import it. The
 * store is only replaced by the import's atomic swap, so a failed download or a bad checksum
 * changes nothing.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PalisadeError } from '../../core/errors.js';
import { importAdvisories, type ImportResult } from '../import/index.js';
import { LIMITS } from '../import/inputs.js';
import { checkSha256, checkSignature, expectedSha256 } from './checksum.js';
import { type DownloadProgress, downloadToFile } from './download.js';
import { feedSourceProblem } from './source.js';

export interface UpdateOptions {
  readonly source: string;
  /** The expected digest; default: fetched from `${source}.sha256`. */
  readonly sha256?: string;
  /** PEM public key: when given, `${source}.sig` must verify. */
  readonly publicKey?: string;
  readonly onProgress?: (progress: DownloadProgress) => void;
  readonly now?: Date;
}

export interface UpdateResult extends ImportResult {
  readonly sha256: string;
  readonly bytes: number;
}

export async function updateStore(storePath: string, options: UpdateOptions): Promise<UpdateResult> {
  const notUrl = feedSourceProblem(options.source);
  if (notUrl !== undefined) throw new PalisadeError(notUrl);
  const expected = await expectedSha256(options.source, options.sha256);
  mkdirSync(dirname(storePath), { recursive: true });
  const directory = mkdtempSync(join(dirname(storePath), '.download-'));
  try {
    const download = join(directory, 'feed');
    let bytes = 0;
    const actual = await downloadToFile(options.source, download, {
      maxBytes: LIMITS.maxFileBytes,
      onProgress: (p) => {
        bytes = p.received;
        options.onProgress?.(p);
      },
    });
    checkSha256(options.source, expected, actual);
    if (options.publicKey !== undefined) await checkSignature(options.source, download, options.publicKey);
    // The importer recognises inputs by extension; the URL's name may say nothing (or lie).
    const named = join(directory, isZip(download) ? 'feed.zip' : feedName(options.source));
    renameSync(download, named);
    const result = await importAdvisories(storePath, named, {
      name: options.source,
      location: options.source,
      sha256: actual,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    return { ...result, sha256: actual, bytes };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function isZip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const magic = Buffer.alloc(4);
    return readSync(fd, magic, 0, 4, 0) === 4 && magic.readUInt32LE(0) === 0x04034b50;
  } finally {
    closeSync(fd);
  }
}

function feedName(url: string): string {
  return new URL(url).pathname.toLowerCase().endsWith('.jsonl') ? 'feed.jsonl' : 'feed.json';
}
