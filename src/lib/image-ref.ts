/**
 * Container image references parsed as the container runtime resolves them (the distribution
 * reference grammar): `[registry[:port]/]path[:tag][@algo:hex]`. The first path component is a
 * registry host only when a `/` follows it and it contains `.` or `:`, is `localhost`, or has an
 * upper-case letter; otherwise the image is on Docker Hub (`docker.io`), where one-component names
 * live under `library/`.
 */

export const DOCKER_HUB = 'docker.io';
/** What the runtimes and credential stores take for Docker Hub. */
const DOCKER_HUB_ALIASES = new Set([DOCKER_HUB, 'index.docker.io', 'registry-1.docker.io']);

export interface ImageRef {
  /** Registry host (with port), lower-cased; `docker.io` for Docker Hub. */
  readonly registry: string;
  /** Repository path inside the registry, e.g. `library/nginx`. */
  readonly repository: string;
  readonly tag?: string;
  /** `sha256:<hex>` (or another algorithm). */
  readonly digest?: string;
  /** Whether the reference named its registry (false: resolved to Docker Hub by default). */
  readonly explicitRegistry: boolean;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
/**
 * Digests the runtimes accept: a registered algorithm with its exact length of lower-case hex
 * (OCI image spec, and go-digest, which registers sha384 too). Anything else makes the whole
 * reference invalid.
 */
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128, blake3: 64 };

function isValidDigest(digest: string): boolean {
  const colon = digest.indexOf(':');
  const length = DIGEST_HEX_LENGTH[digest.slice(0, colon)];
  const hex = digest.slice(colon + 1);
  return colon > 0 && length !== undefined && hex.length === length && /^[0-9a-f]+$/.test(hex);
}
/** A DNS name, an IPv4 address or a bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::\d+)?$/;
/** The grammar's cap on a name (registry and path, distribution/reference NameTotalLengthMax). */
const MAX_NAME = 255;
/** Longer texts are not worth parsing. */
const MAX_LENGTH = 4096;

function looksLikeHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component !== component.toLowerCase();
}

/** A registry host as the runtimes compare them: lower-cased, Docker Hub's names all `docker.io`. */
export function canonicalRegistry(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? DOCKER_HUB : lower;
}

/** Parses an image reference; undefined when it is not a valid reference. */
export function parseImageRef(image: string): ImageRef | undefined {
  const read = readImageRef(image);
  return 'ref' in read ? read.ref : undefined;
}

/** Parses an image reference, or says why it is not one (for messages to the user who typed it). */
export function readImageRef(image: string): { readonly ref: ImageRef } | { readonly invalid: string } {
  if (image === '' || image.length > MAX_LENGTH) return { invalid: image === '' ? 'it is empty' : `it is longer than ${MAX_LENGTH} characters` };
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isValidDigest(digest)) return { invalid: `"${digest}" is not a digest (algorithm:hex)` };
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { invalid: `"${tag}" is not a valid tag` };
  }
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  const explicitRegistry = slash !== -1 && looksLikeHost(first);
  if (explicitRegistry && !HOST.test(first)) return { invalid: `"${first}" is not a registry host[:port]` };
  const registry = explicitRegistry ? canonicalRegistry(first) : DOCKER_HUB;
  let repository = explicitRegistry ? rest.slice(slash + 1) : rest;
  if (repository === '' || !repository.split('/').every((component) => PATH_COMPONENT.test(component))) {
    return { invalid: repository === repository.toLowerCase() ? "the repository is lowercase path components separated by '/'" : 'repository names must be lowercase' };
  }
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (`${registry}/${repository}`.length > MAX_NAME) return { invalid: `the name is longer than ${MAX_NAME} characters` };
  return {
    ref: {
      registry,
      repository,
      ...(tag === undefined ? {} : { tag }),
      ...(digest === undefined ? {} : { digest }),
      explicitRegistry,
    },
  };
}

/**
 * Whether the image runs whatever its tag points to at pull time: every tag can be moved, only a
 * digest names fixed content.
 */
export function isDigestPinned(ref: ImageRef): boolean {
  return ref.digest !== undefined;
}

/** The tag the runtime pulls: the written one, or `latest` when the reference has neither tag nor digest. */
export function effectiveTag(ref: ImageRef): string | undefined {
  return ref.tag ?? (ref.digest === undefined ? 'latest' : undefined);
}
