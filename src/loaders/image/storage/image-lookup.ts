/**
 * Finding an image in a store's images.json the way podman does for a local lookup: by full
 * name (`localhost/app:1`), by a name it normalises (`alpine` is docker.io/library/alpine:latest),
 * by short name (`app:1` matches `localhost/app:1` or `quay.io/x/app:1` when only one does), by
 * repository@digest, or by an id prefix. Several candidates are an ambiguity, never a guess.
 */
import { ImageError } from '../problems.js';

export interface StoredImage {
  readonly id: string;
  readonly digest?: string;
  readonly digests?: readonly string[];
  readonly names?: readonly string[];
  /** Id of the top layer; absent for an image without layers. */
  readonly layer?: string;
}

/**
 * The image of the first store (the graph root, then each additional image store) that has one
 * matching `reference`, as containers/storage looks in its read-only stores after its own.
 */
export function findImage<S>(stores: readonly { readonly store: S; readonly images: readonly StoredImage[] }[], reference: string, label: string): { store: S; image: StoredImage } {
  for (const { store, images } of stores) {
    const matches = candidates(images, reference);
    if (matches.length > 0) return { store, image: onlyOne(matches, label) };
  }
  const count = stores.reduce((sum, s) => sum + s.images.length, 0);
  throw new ImageError('image-not-found', `${label}: no such image in the store (${count} images there${stores.length > 1 ? `, in ${stores.length} stores with the additional image stores` : ''})`);
}

function onlyOne(matches: readonly StoredImage[], label: string): StoredImage {
  const [only, ...more] = matches;
  if (only === undefined) throw new ImageError('image-not-found', `${label}: no such image in the store`);
  if (more.length > 0) {
    throw new ImageError('image-ambiguous', `${label}: matches ${matches.length} images (${matches.map((m) => (m.names ?? [m.id.slice(0, 12)]).join(' ')).join(', ')}); use the full name or the id`);
  }
  return only;
}

function candidates(images: readonly StoredImage[], reference: string): StoredImage[] {
  const lower = reference.replace(/^sha256:/, '');
  if (/^[a-f0-9]{6,64}$/.test(lower)) {
    const byId = images.filter((i) => i.id.startsWith(lower));
    if (byId.length > 0) return byId;
  }
  const at = reference.indexOf('@');
  if (at !== -1) {
    const repo = reference.slice(0, at);
    const digest = reference.slice(at + 1);
    return images.filter((i) => (i.digest === digest || (i.digests ?? []).includes(digest)) && (repo === '' || (i.names ?? []).some((n) => sameRepository(n, repo))));
  }
  const full = withTag(reference);
  const exact = images.filter((i) => (i.names ?? []).some((n) => n === full || n === normalised(full)));
  if (exact.length > 0 || hasRegistry(reference)) return exact;
  // A short name: any registry, as podman's local lookup does.
  return images.filter((i) => (i.names ?? []).some((n) => n.endsWith(`/${full}`)));
}

function hasRegistry(reference: string): boolean {
  const slash = reference.indexOf('/');
  if (slash === -1) return false;
  const first = reference.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost';
}

/** `name` -> `name:latest`; a tag is a ':' after the last '/'. */
function withTag(reference: string): string {
  return reference.lastIndexOf(':') > reference.lastIndexOf('/') ? reference : `${reference}:latest`;
}

/** Docker Hub's implicit registry and library/ namespace, as stores record names. */
function normalised(reference: string): string {
  if (hasRegistry(reference)) return reference;
  return reference.includes('/') ? `docker.io/${reference}` : `docker.io/library/${reference}`;
}

function sameRepository(name: string, repo: string): boolean {
  const bare = name.replace(/[:@][^/]*$/, '');
  return bare === repo || bare === normalised(repo) || bare.endsWith(`/${repo}`);
}
