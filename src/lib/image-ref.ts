/**
 * Container image references parsed as the container runtime resolves them (the distribution
 * reference grammar): `[registry[:port]/]path[:tag][@algo:hex]`. The first path component is a
 * registry host only when a `/` follows it and it contains `.` or `:`, is `localhost`, or has an
 * upper-case letter; otherwise the image is on Docker Hub (`docker.io`), where one-component names
 * live under `library/`.
 */

export const DOCKER_HUB = 'docker.io';

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
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d+)?$/;
/** Longer references are not valid (the grammar caps names at 255) and are not worth parsing. */
const MAX_LENGTH = 4096;

function looksLikeHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component !== component.toLowerCase();
}

/** Parses an image reference; undefined when it is not a valid reference. */
export function parseImageRef(image: string): ImageRef | undefined {
  if (image === '' || image.length > MAX_LENGTH) return undefined;
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isValidDigest(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  const explicitRegistry = slash !== -1 && looksLikeHost(first);
  let registry = explicitRegistry ? first.toLowerCase() : DOCKER_HUB;
  let repository = explicitRegistry ? rest.slice(slash + 1) : rest;
  if (explicitRegistry && !HOST.test(first)) return undefined;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (!repository.split('/').every((component) => PATH_COMPONENT.test(component))) return undefined;
  return {
    registry,
    repository,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
    explicitRegistry,
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
