/**
 * Image references as `docker://` names them (distribution/reference grammar, simplified):
 * [HOST[:PORT]/]PATH[:TAG][@DIGEST]. A first component with a '.' or ':' or equal to "localhost"
 * is a registry host; otherwise the image is on Docker Hub, where one-component names live under
 * library/.
 */
import { isDigest } from '../digest.js';
import { ImageError } from '../problems.js';

export interface ImageReference {
  /** host[:port] as used in URLs and credential files. */
  readonly registry: string;
  readonly repository: string;
  /** A tag or a digest; "latest" when neither is given. */
  readonly reference: string;
}

const DOCKER_HUB = 'registry-1.docker.io';
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

export function parseReference(text: string): ImageReference {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isDigest(digest)) throw new ImageError('image-not-found', `"${text}": "${digest}" is not a sha256 or sha512 digest`);
  }
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  const hasHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasHost ? first : DOCKER_HUB;
  let path = hasHost ? rest.slice(slash + 1) : rest;
  let tag: string | undefined;
  const colon = path.lastIndexOf(':');
  if (colon !== -1) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
    if (!TAG.test(tag)) throw new ImageError('image-not-found', `"${text}": "${tag}" is not a valid tag`);
  }
  if (!hasHost && !path.includes('/')) path = `library/${path}`;
  if (path === '' || !path.split('/').every((c) => PATH_COMPONENT.test(c))) {
    throw new ImageError('image-not-found', `"${text}" is not a valid image reference (lowercase path components separated by '/')`);
  }
  return { registry, repository: path, reference: digest ?? tag ?? 'latest' };
}
