/**
 * `db update --source` downloads: a local feed given there (`--source ./feed.zip`) used to fail
 * as "./feed.zip.sha256 is not a URL", naming a file the user never gave. It is refused by what
 * it is, pointing to `palisade db import`, which reads local files and directories.
 */
import { fileURLToPath } from 'node:url';
import type { Problem } from '../../model/problem.js';
import { problem } from '../../core/errors.js';

/** Undefined for an http(s) URL; else the problem saying to give one, or to import the file. */
export function feedSourceProblem(source: string): Problem | undefined {
  const url = parseUrl(source);
  if (url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:')) return undefined;
  // A URL of another scheme (ftp:) names no local file: the hint then says PATH.
  const local = url === undefined ? source : url.protocol === 'file:' ? localPath(url) : undefined;
  const importCommand = `palisade db import ${local === undefined || local === '' ? 'PATH' : shellWord(local)}`;
  return problem('download-failed', `--source ${JSON.stringify(source)} is not an http(s) URL: db update downloads a feed`, {}, `Give an http:// or https:// URL; import a local file or directory with \`${importCommand}\`.`);
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** The path of a file: URL; undefined for one naming another host. */
function localPath(url: URL): string | undefined {
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}

/** The path as it can be pasted into a shell. */
function shellWord(text: string): string {
  return /^[\w./~:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
