/**
 * Naming an image: skopeo-style transports (oci:DIR[:TAG], oci-archive:FILE[:TAG],
 * docker-archive:FILE[:TAG], dir:PATH, docker://REF), or an existing path whose kind is detected from its
 * contents (an OCI layout directory, a root file system, an OCI or docker archive).
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ImageError } from './problems.js';

export type ImageTarget =
  | { readonly transport: 'oci' | 'oci-archive' | 'docker-archive'; readonly path: string; readonly tag?: string }
  | { readonly transport: 'dir'; readonly path: string }
  | { readonly transport: 'docker'; readonly reference: string };

const TRANSPORTS = ['oci', 'oci-archive', 'docker-archive', 'dir'] as const;
const UNSUPPORTED = ['docker-daemon', 'containers-storage'];

export function parseTarget(text: string): ImageTarget {
  const colon = text.indexOf(':');
  const transport = colon > 0 ? text.slice(0, colon) : '';
  if ((TRANSPORTS as readonly string[]).includes(transport)) {
    const rest = text.slice(colon + 1).replace(/^\/\/(?=\/)/, '');
    if (rest === '') throw new ImageError('image-not-found', `"${text}" names no path`);
    if (transport === 'dir') return { transport: 'dir', path: rest };
    return { transport: transport as 'oci' | 'oci-archive' | 'docker-archive', ...splitTag(rest) };
  }
  if (transport === 'docker') {
    const reference = text.slice(colon + 1).replace(/^\/\//, '');
    if (reference === '') throw new ImageError('image-not-found', `"${text}" names no image`);
    return { transport: 'docker', reference };
  }
  if (UNSUPPORTED.includes(transport)) {
    throw new ImageError('image-unsupported', `the ${transport}: transport is not supported yet; export the image first, e.g. \`skopeo copy ${text} oci-archive:image.tar\``);
  }
  if (existsSync(text)) return detect(text);
  throw new ImageError('image-not-found', `"${text}" is neither an existing path nor a transport:path name`);
}

/** The path may itself contain ':'; the tag is what follows the last ':' unless the whole is a path. */
function splitTag(rest: string): { path: string; tag?: string } {
  if (existsSync(rest)) return { path: rest };
  const last = rest.lastIndexOf(':');
  if (last <= 0) return { path: rest };
  return { path: rest.slice(0, last), tag: rest.slice(last + 1) };
}

function detect(path: string): ImageTarget {
  if (statSync(path).isDirectory()) {
    return existsSync(join(path, 'oci-layout')) ? { transport: 'oci', path } : { transport: 'dir', path };
  }
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(512);
    readSync(fd, header, 0, 512, 0);
    if (header.subarray(257, 262).toString('latin1') !== 'ustar') {
      throw new ImageError('image-invalid', `${path}: not a tar archive; images are read from OCI layouts, OCI or docker archives, or root directories`);
    }
  } finally {
    closeSync(fd);
  }
  // Both archive kinds are tars; which one is decided by their index files (archive-access).
  return { transport: 'oci-archive', path };
}
