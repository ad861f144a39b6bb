/**
 * What an SBOM says the scanned image is, for the consumers that file SBOMs by their subject
 * (Dependency-Track projects, GUAC, registries attaching SBOMs): the repository it comes from, and
 * its package URL as purl-spec defines the `oci` type:
 *   pkg:oci/NAME@DIGEST?arch=ARCH&repository_url=REGISTRY/PATH&tag=TAG
 * NAME is the last fragment of the repository, lower-cased; DIGEST the manifest's. Without a
 * manifest digest (docker save archives, a root file system) or a repository name there is no
 * purl: a config digest in its place would name another artifact than the one a registry serves.
 *
 * The writers see only the inventory, so the repository comes from what it records: a
 * `docker://REF` target as the user typed it, else the image's first name (its tag in a registry
 * or engine, the name an archive or layout records). Names are normalised as the container
 * runtimes resolve them (the distribution reference grammar: `alpine` is docker.io/library/alpine).
 */
import { parseImageRef } from '../../lib/image-ref.js';
import type { Inventory } from '../../model/package.js';

export interface ImageIdentity {
  /** The repository (registry/path), or the target as the user named it when none is known. */
  readonly name: string;
  readonly purl?: string;
  readonly tag?: string;
}

interface Reference {
  readonly repository: string;
  readonly tag?: string;
}

export function imageIdentity(inventory: Inventory): ImageIdentity | undefined {
  const image = inventory.image;
  if (image === undefined) return undefined;
  const typed = /^docker:\/\/(.+)$/.exec(inventory.target)?.[1];
  const reference = (typed === undefined ? undefined : parseReference(typed)) ?? firstNamed(image.repoTags);
  if (reference === undefined) return { name: inventory.target };
  const digest = image.manifestDigest;
  const last = reference.repository.slice(reference.repository.lastIndexOf('/') + 1);
  const qualifiers = [
    ['arch', image.architecture],
    ['repository_url', reference.repository],
    ['tag', reference.tag],
  ].filter((q): q is [string, string] => q[1] !== undefined && q[1] !== '');
  return {
    name: reference.repository,
    ...(reference.tag === undefined ? {} : { tag: reference.tag }),
    ...(digest === undefined ? {} : { purl: `pkg:oci/${encode(last)}@${encode(digest)}?${qualifiers.map(([k, v]) => `${k}=${encode(v)}`).join('&')}` }),
  };
}

/**
 * The first name that is a reference. An OCI layout may record only a tag (skopeo writes
 * `org.opencontainers.image.ref.name: 3.20`): a name without '/' or ':' names no repository.
 */
function firstNamed(names: readonly string[]): Reference | undefined {
  for (const name of names) {
    if (!name.includes('/') && !name.includes(':')) continue;
    const reference = parseReference(name);
    if (reference !== undefined) return reference;
  }
  return undefined;
}

/** The repository (registry/path, normalised as the runtimes resolve it) and tag of a reference. */
function parseReference(text: string): Reference | undefined {
  const ref = parseImageRef(text);
  return ref === undefined ? undefined : { repository: `${ref.registry}/${ref.repository}`, ...(ref.tag === undefined ? {} : { tag: ref.tag }) };
}

/** purl-spec percent-encoding; a colon is never encoded (the project's canonical form, as in the package purls). */
function encode(text: string): string {
  return encodeURIComponent(text).replaceAll('%3A', ':');
}
