/**
 * Naming an image: skopeo-style transports (oci:DIR[:TAG], oci-archive:FILE[:TAG],
 * docker-archive:FILE[:TAG], dir:PATH, docker://REF, docker-daemon:REF, containers-storage:REF), an
 * existing path whose kind is detected from its contents (an OCI layout directory, a root file
 * system, an OCI or docker archive), or else a bare reference (`alpine:3.20`,
 * `registry:5000/x/y@sha256:...`) meaning docker://, as docker and podman read one.
 */
import { existsSync, lstatSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readHead } from '../read-bounded.js';
import { sniffCompression } from './decompress.js';
import { ImageError } from './problems.js';
import { normalizedName, parseReference } from './registry/reference.js';

export type ImageTarget =
  | { readonly transport: 'oci' | 'oci-archive' | 'docker-archive'; readonly path: string; readonly tag?: string }
  | { readonly transport: 'dir'; readonly path: string }
  /** skopeo's dir: image format (manifest.json, blobs by hex, a version file), told from a root file system by its version file. */
  | { readonly transport: 'skopeo-dir'; readonly path: string }
  | { readonly transport: 'docker'; readonly reference: string }
  | { readonly transport: 'docker-daemon'; readonly reference: string }
  | { readonly transport: 'containers-storage'; readonly reference: string };

const TRANSPORTS = ['oci', 'oci-archive', 'docker-archive', 'dir'] as const;
const ENGINES = ['docker-daemon', 'containers-storage'] as const;

export function parseTarget(text: string): ImageTarget {
  const colon = text.indexOf(':');
  const transport = colon > 0 ? text.slice(0, colon) : '';
  if ((TRANSPORTS as readonly string[]).includes(transport)) {
    const rest = text.slice(colon + 1).replace(/^\/\/(?=\/)/, '');
    if (rest === '') throw new ImageError('image-not-found', `"${text}" names no path`);
    if (transport === 'dir') return isSkopeoDir(rest) ? { transport: 'skopeo-dir', path: rest } : { transport: 'dir', path: rest };
    return { transport: transport as 'oci' | 'oci-archive' | 'docker-archive', ...splitTag(rest) };
  }
  if (transport === 'docker') {
    const reference = text.slice(colon + 1).replace(/^\/\//, '');
    if (reference === '') throw new ImageError('image-not-found', `"${text}" names no image`);
    return { transport: 'docker', reference };
  }
  if ((ENGINES as readonly string[]).includes(transport)) {
    const reference = text.slice(colon + 1);
    if (reference === '') throw new ImageError('image-not-found', `"${text}" names no image`);
    return transport === 'docker-daemon' ? { transport, reference } : { transport: 'containers-storage', reference };
  }
  if (existsSync(text)) return detect(text);
  return bareReference(text);
}

/**
 * Names of archives and SBOMs: as a bare reference `app.tar` would be docker.io/library/app.tar,
 * pulled from Docker Hub, so a mistyped file name ended as "registry unreachable" or "denied".
 */
const FILE_NAME = /\.(?:tar|tgz|tar\.gz|tar\.zst|json)$/i;

/** Not a path and no transport: a registry reference, if it parses as one. */
function bareReference(text: string): ImageTarget {
  if (FILE_NAME.test(text)) {
    throw new ImageError('image-not-found', `${text}: no such file (a name ending in ${FILE_NAME.exec(text)?.[0] ?? ''} is read as a file; write docker://${text} for an image of that name)`);
  }
  try {
    parseReference(text);
  } catch (error) {
    // The reference's own complaint (uppercase, a bad tag) says more than "not a reference".
    const why = error instanceof ImageError ? error.message.replace(/^".*?" is not a valid image reference: /s, '') : '';
    throw new ImageError('image-not-found', `"${text}" is neither an existing path, a transport:path name, nor an image reference${why === '' ? '' : ` (${why})`}`);
  }
  return { transport: 'docker', reference: text };
}

/**
 * PATH[:TAG], where the path may itself contain ':' and the tag may too (podman names images in a
 * layout or archive by full reference, `localhost/app:1`): the path is the longest prefix before a
 * ':' that exists; when none does, the part before the first ':' as skopeo reads it.
 */
function splitTag(rest: string): { path: string; tag?: string } {
  if (existsSync(rest)) return { path: rest };
  const colons = [...rest.matchAll(/:/g)].map((m) => m.index).filter((i) => i > 0);
  const at = [...colons].reverse().find((i) => existsSync(rest.slice(0, i))) ?? colons[0];
  if (at === undefined) return { path: rest };
  const tag = rest.slice(at + 1);
  return tag === '' ? { path: rest.slice(0, at) } : { path: rest.slice(0, at), tag };
}

function detect(path: string): ImageTarget {
  if (statSync(path).isDirectory()) {
    if (existsSync(join(path, 'oci-layout'))) return { transport: 'oci', path };
    return isSkopeoDir(path) ? { transport: 'skopeo-dir', path } : { transport: 'dir', path };
  }
  const header = readHead(path, 512);
  // `docker save | gzip` (or zstd): archive-access inflates it; its contents say which kind it is.
  if (sniffCompression(header) !== 'none') return { transport: 'oci-archive', path };
  if (header.subarray(257, 262).toString('latin1') !== 'ustar') {
    throw new ImageError('image-invalid', `${path}: not a tar archive; images are read from OCI layouts, OCI or docker archives, or root directories`);
  }
  // Both archive kinds are tars; which one is decided by their index files (archive-access).
  return { transport: 'oci-archive', path };
}

/**
 * Whether a directory is an image as `skopeo copy ... dir:PATH` writes it rather than a root file
 * system: skopeo's `dir:` transport (containers/image) writes a `version` file saying "Directory
 * Transport Version: 1.x" beside manifest.json, which no root file system has.
 */
export function isSkopeoDir(path: string): boolean {
  const version = join(path, 'version');
  try {
    if (!lstatSync(version).isFile() || !existsSync(join(path, 'manifest.json'))) return false;
    return readHead(version, 64).toString('latin1').startsWith('Directory Transport Version:');
  } catch {
    return false;
  }
}

/**
 * The one image of a layout or archive that `wanted` (the TAG of oci:DIR:TAG, docker-archive:FILE:TAG)
 * names, among images named as their tools write them (skopeo a bare tag, podman `localhost/app:1`,
 * docker `alpine:3.20`): the exact name, else the same normalised reference (`alpine:3.20` is
 * docker.io/library/alpine:3.20), else a short name or a bare tag (`app:1`, `1`) at the end of a name.
 * `@N` is the N-th image, as skopeo reads it. Several images matching is image-ambiguous, never a
 * guess; none is undefined.
 */
export function pickNamed<T>(images: readonly T[], namesOf: (image: T) => readonly string[], wanted: string, label: string): T | undefined {
  // skopeo's @N: the N-th image (from 0) of the archive or of index.json, for untagged images.
  const position = /^@(\d{1,6})$/.exec(wanted)?.[1];
  if (position !== undefined) return images[Number(position)];
  const wantedName = normalizedName(wanted);
  const tagged = wanted.lastIndexOf(':') > wanted.lastIndexOf('/') ? wanted : `${wanted}:latest`;
  const tests: ((name: string) => boolean)[] = [
    (name) => name === wanted,
    (name) => wantedName !== undefined && normalizedName(name) === wantedName,
    (name) => name.endsWith(`:${wanted}`) || name.endsWith(`/${tagged}`),
  ];
  for (const test of tests) {
    const found = images.filter((image) => namesOf(image).some(test));
    const [only, ...more] = found;
    if (only === undefined) continue;
    if (more.length > 0) {
      throw new ImageError('image-ambiguous', `${label}: "${wanted}" matches ${found.length} images (${found.map((i) => namesOf(i).join(' ')).join(', ')}); name one by its full name`);
    }
    return only;
  }
  return undefined;
}

/**
 * The images of a layout or archive listed for an image-ambiguous error: each by its first name,
 * or as untagged with its position, which `:@N` names (the only way to name an untagged one).
 */
export function listChoices<T>(images: readonly T[], namesOf: (image: T) => readonly string[]): string {
  const shown = images.slice(0, 20).map((image, i) => `@${i} ${namesOf(image)[0] ?? '(untagged)'}`);
  const more = images.length > shown.length ? `, and ${images.length - shown.length} more` : '';
  return `${shown.join(', ')}${more}; name one as :TAG, or by position as :@N`;
}
