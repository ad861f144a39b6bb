/**
 * OCI image layouts (image-spec image-layout.md), from a directory (`oci:DIR[:TAG]`) or an archive
 * (`oci-archive:FILE`): index.json -> (nested index ->) manifest -> config + layers. Every document
 * read is checked against its descriptor's digest and size; layers are checked while streamed.
 * skopeo's dir: format is the same documents under other file names (openSkopeoDir).
 */
import { z } from 'zod';
import { digestHex, digestOf, verifyBytes } from './digest.js';
import type { FileAccess } from './file-access.js';
import type { ImageHandle } from './image-handle.js';
import type { ImageLimits } from './limits.js';
import { assertImageManifest, configSchema, type Descriptor, indexSchema, isIndexMedia, isLayerMedia, manifestSchema, MEDIA, parseJson } from './manifests.js';
import { chooseManifest, type Platform } from './platform.js';
import { ImageError } from './problems.js';
import { listChoices, pickNamed } from './target.js';

const REF_NAME = 'org.opencontainers.image.ref.name';
const MAX_INDEX_DEPTH = 4;
/** docker save (Docker 25+) and containerd exports keep the full name here, the tag alone in REF_NAME. */
const CONTAINERD_NAME = 'io.containerd.image.name';

/** The names a descriptor of index.json gives its image, the full one first. */
function namesOf(descriptor: Descriptor): string[] {
  const names = [descriptor.annotations?.[CONTAINERD_NAME], descriptor.annotations?.[REF_NAME]];
  return names.filter((n): n is string => n !== undefined && n !== '');
}

export interface LayoutOptions {
  readonly name: string;
  readonly tag?: string;
  readonly platform?: Platform;
  readonly limits: ImageLimits;
}

export function openOciLayout(access: FileAccess, options: LayoutOptions): ImageHandle {
  if (access.size('oci-layout') === undefined) throw new ImageError('image-invalid', `${access.label}: no oci-layout file; this is not an OCI image layout`);
  const index = parseJson(access.read('index.json', options.limits.maxJsonBytes), indexSchema, `${access.label}/index.json`);
  const chosen = pickByTag(index.manifests, options.tag, options.platform, access.label);
  return throughIndexes(access, chosen, options, blobPath);
}

/**
 * The image a descriptor leads to. An index may list indexes (image-spec allows nesting: an image's
 * index inside a layout's); each level chooses the platform, to a bounded depth.
 */
function throughIndexes(access: FileAccess, descriptor: Descriptor, options: LayoutOptions, pathOf: BlobPaths): ImageHandle {
  let manifestDescriptor = descriptor;
  for (let depth = 0; isIndexMedia(manifestDescriptor.mediaType); depth += 1) {
    if (depth === MAX_INDEX_DEPTH) throw new ImageError('image-invalid', `${access.label}: indexes nested more than ${MAX_INDEX_DEPTH} deep`);
    manifestDescriptor = pickPlatform(access, manifestDescriptor, options, pathOf);
  }
  return fromManifest(access, manifestDescriptor, options, pathOf);
}

/**
 * skopeo's `dir:` image (containers/image directory transport, what `skopeo copy ... dir:PATH`
 * writes): `manifest.json` is the image's manifest (or index, with --all), the manifests of an
 * index are HEX.manifest.json, every other blob is HEX; a `version` file names the format.
 */
export function openSkopeoDir(access: FileAccess, options: LayoutOptions): ImageHandle {
  const bytes = access.read('manifest.json', options.limits.maxJsonBytes);
  const top = parseJson(bytes, z.object({ schemaVersion: z.number(), mediaType: z.string().optional(), manifests: z.array(z.unknown()).optional() }), `${access.label}/manifest.json`);
  if (top.schemaVersion === 1) throw new ImageError('image-unsupported', `${access.label}: a schema 1 manifest (deprecated since 2017); copy the image again with a current skopeo`);
  const topDigest = digestOf(bytes);
  const pathOf: BlobPaths = (digest) => {
    if (digest === topDigest) return 'manifest.json';
    const manifestFile = `${digestHex(digest)}.manifest.json`;
    return access.size(manifestFile) === undefined ? digestHex(digest) : manifestFile;
  };
  const mediaType = top.mediaType ?? (top.manifests === undefined ? MEDIA.ociManifest : MEDIA.ociIndex);
  return throughIndexes(access, { mediaType, digest: topDigest, size: bytes.length }, options, pathOf);
}

/** Where a blob of the given digest is stored: layouts keep blobs/ALG/HEX, skopeo's dir: HEX. */
type BlobPaths = (digest: string) => string;

export function blobPath(digest: string): string {
  return `blobs/${digest.slice(0, digest.indexOf(':'))}/${digestHex(digest)}`;
}

/** Reads a small blob (a JSON document) and checks its size and digest. */
function readBlob(access: FileAccess, descriptor: Descriptor, limits: ImageLimits, what: string, pathOf: BlobPaths = blobPath): Buffer {
  const path = pathOf(descriptor.digest);
  if (access.size(path) === undefined) throw new ImageError('image-invalid', `${access.label}: ${what} blob ${descriptor.digest} is missing`);
  if (descriptor.size > limits.maxJsonBytes) throw new ImageError('image-invalid', `${access.label}: ${what} of ${descriptor.size} bytes is over the limit of ${limits.maxJsonBytes}`);
  const bytes = access.read(path, limits.maxJsonBytes);
  if (bytes.length !== descriptor.size) throw new ImageError('digest-mismatch', `${access.label}: ${what} ${descriptor.digest} has ${bytes.length} bytes, its descriptor says ${descriptor.size}`);
  verifyBytes(bytes, descriptor.digest, `${access.label}: ${what}`);
  return bytes;
}

function pickByTag(manifests: readonly Descriptor[], tag: string | undefined, platform: Platform | undefined, label: string): Descriptor {
  const names = manifests.flatMap((m) => namesOf(m).slice(0, 1));
  if (tag !== undefined) {
    const found = pickNamed(manifests, namesOf, tag, label);
    if (found === undefined) throw new ImageError('image-not-found', `${label}: no image tagged "${tag}" (tags: ${names.join(', ') || 'none'})`);
    return found;
  }
  const [only, ...more] = manifests;
  if (only === undefined) throw new ImageError('image-invalid', `${label}: index.json lists no image`);
  // Untagged manifests that each name their platform (some exporters list the platforms of one
  // image in index.json itself, without a nested index) are a choice of platform, not of image.
  if (more.length > 0 && names.length === 0 && manifests.every((m) => m.platform !== undefined)) return chooseManifest(manifests, platform, label);
  if (more.length > 0) throw new ImageError('image-ambiguous', `${label}: holds ${manifests.length} images: ${listChoices(manifests, namesOf)}`);
  return only;
}

function pickPlatform(access: FileAccess, descriptor: Descriptor, options: LayoutOptions, pathOf: BlobPaths = blobPath): Descriptor {
  const index = parseJson(readBlob(access, descriptor, options.limits, 'image index', pathOf), indexSchema, `${access.label}: index ${descriptor.digest}`);
  return chooseManifest(index.manifests, options.platform, access.label);
}

function fromManifest(access: FileAccess, descriptor: Descriptor, options: LayoutOptions, pathOf: BlobPaths = blobPath): ImageHandle {
  if (descriptor.mediaType !== MEDIA.ociManifest && descriptor.mediaType !== MEDIA.dockerManifest) {
    throw new ImageError('image-unsupported', `${access.label}: ${descriptor.digest} has media type ${descriptor.mediaType}, not an image manifest`);
  }
  const manifest = parseJson(readBlob(access, descriptor, options.limits, 'manifest', pathOf), manifestSchema, `${access.label}: manifest ${descriptor.digest}`);
  assertImageManifest(manifest, `${access.label}: ${descriptor.digest}`);
  const config = parseJson(readBlob(access, manifest.config, options.limits, 'config', pathOf), configSchema, `${access.label}: config ${manifest.config.digest}`);
  if (config.rootfs.diff_ids.length !== manifest.layers.length) {
    throw new ImageError('image-invalid', `${access.label}: the manifest lists ${manifest.layers.length} layers but the config ${config.rootfs.diff_ids.length} diff_ids`);
  }
  const layers = manifest.layers.map((layer, i) => {
    if (!isLayerMedia(layer.mediaType)) throw new ImageError('image-unsupported', `${access.label}: layer ${i + 1} has media type ${layer.mediaType} (encrypted or not a tar layer)`);
    const path = pathOf(layer.digest);
    const size = access.size(path);
    if (size === undefined) throw new ImageError('image-invalid', `${access.label}: layer blob ${layer.digest} is missing`);
    if (size !== layer.size) throw new ImageError('digest-mismatch', `${access.label}: layer blob ${layer.digest} has ${size} bytes, the manifest says ${layer.size}`);
    return { digest: layer.digest, diffId: config.rootfs.diff_ids[i] ?? '', size, open: () => access.stream(path) };
  });
  return { name: options.name, manifestDigest: descriptor.digest, configDigest: manifest.config.digest, config, repoTags: namesOf(descriptor).slice(0, 1), layers };
}
