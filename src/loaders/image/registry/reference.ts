/**
 * Image references as `docker://` names them: the distribution grammar as the runtimes read it
 * (lib/image-ref.ts: Docker Hub by default, `library/` for one-component names, a digest winning
 * over a tag), plus what fetching needs: the registry's API host (Docker Hub's is
 * registry-1.docker.io) and a digest this reader can verify.
 */
import { DOCKER_HUB, readImageRef } from '../../../lib/image-ref.js';
import { isDigest } from '../digest.js';
import { ImageError } from '../problems.js';

export interface ImageReference {
  /** host[:port] of the registry's API, as used in URLs (registry-1.docker.io for Docker Hub). */
  readonly registry: string;
  /** The registry as users and credential files name it (docker.io for Docker Hub). */
  readonly domain: string;
  readonly repository: string;
  /** A tag or a digest; "latest" when neither is given. */
  readonly reference: string;
}

export const DOCKER_HUB_API = 'registry-1.docker.io';

/** The reference as the distribution grammar reads it (lib/image-ref.ts), with the registry's API host. */
export function parseReference(text: string): ImageReference {
  const read = readImageRef(text);
  const invalid = (why: string): ImageError => new ImageError('image-not-found', `"${text}" is not a valid image reference: ${why}`);
  if ('invalid' in read) throw invalid(read.invalid);
  const { registry, repository, tag, digest } = read.ref;
  // The grammar admits sha384 and blake3; a registry's content can only be verified by these.
  if (digest !== undefined && !isDigest(digest)) throw invalid(`"${digest}" is not a sha256 or sha512 digest`);
  return { registry: registry === DOCKER_HUB ? DOCKER_HUB_API : registry, domain: registry, repository, reference: digest ?? tag ?? 'latest' };
}

/** `domain/repository:tag` (or `@digest`) as docker normalises a name; undefined when it is none. */
export function normalizedName(text: string): string | undefined {
  try {
    const ref = parseReference(text);
    return `${ref.domain}/${ref.repository}${ref.reference.includes(':') ? '@' : ':'}${ref.reference}`;
  } catch {
    return undefined;
  }
}
