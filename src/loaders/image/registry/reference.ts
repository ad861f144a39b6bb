/**
 * Image references as `docker://` names them, parsed and normalised as docker and containerd do
 * (distribution/reference: ParseNormalizedNamed): [HOST[:PORT]/]PATH[:TAG][@DIGEST].
 * - The first component is a registry host when it has a '.' or ':', is "localhost", or has an
 *   uppercase letter (a path never does); otherwise the image is on Docker Hub.
 * - Docker Hub is written docker.io, index.docker.io or nothing; one-component names live under
 *   library/ there (`docker.io/alpine` is docker.io/library/alpine); its API is served by
 *   registry-1.docker.io.
 * - A host is a DNS name, an IPv4 address or a bracketed IPv6 address, with an optional port.
 * - A tag and a digest together: the digest names the image and the tag is ignored.
 */
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

export const DOCKER_HUB_DOMAIN = 'docker.io';
export const DOCKER_HUB_API = 'registry-1.docker.io';
const DOCKER_HUB_ALIASES = new Set([DOCKER_HUB_DOMAIN, 'index.docker.io', DOCKER_HUB_API]);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:.]+\\])(?::[0-9]+)?$`);
/** distribution/reference's limit on the whole name (host and path). */
const MAX_NAME = 255;

/** The Docker Hub names (docker.io, index.docker.io, registry-1.docker.io) all mean docker.io. */
export function canonicalDomain(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? DOCKER_HUB_DOMAIN : lower;
}

export function parseReference(text: string): ImageReference {
  const invalid = (why: string): ImageError => new ImageError('image-not-found', `"${text}" is not a valid image reference: ${why}`);
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isDigest(digest)) throw invalid(`"${digest}" is not a sha256 or sha512 digest`);
  }
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  const hasHost = first !== '' && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  if (hasHost && !HOST.test(first)) throw invalid(`"${first}" is not a registry host[:port]`);
  const domain = hasHost ? canonicalDomain(first) : DOCKER_HUB_DOMAIN;
  let path = hasHost ? rest.slice(slash + 1) : rest;
  let tag: string | undefined;
  // A tag is a ':' in the last path component (the host's port was cut off above).
  const colon = path.lastIndexOf(':');
  if (colon !== -1 && colon > path.lastIndexOf('/')) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
    if (!TAG.test(tag)) throw invalid(`"${tag}" is not a valid tag`);
  }
  if (path === '' || !path.split('/').every((c) => PATH_COMPONENT.test(c))) {
    throw invalid(path === path.toLowerCase() ? 'the repository is lowercase path components separated by \'/\'' : 'repository names must be lowercase');
  }
  if (domain === DOCKER_HUB_DOMAIN && !path.includes('/')) path = `library/${path}`;
  if (`${domain}/${path}`.length > MAX_NAME) throw invalid(`the name is longer than ${MAX_NAME} characters`);
  return { registry: domain === DOCKER_HUB_DOMAIN ? DOCKER_HUB_API : first, domain, repository: path, reference: digest ?? tag ?? 'latest' };
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
