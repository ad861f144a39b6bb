/**
 * `containers-storage:REF`: an image in a podman / buildah store, read from the store's own files
 * without running podman: `<driver>-images/images.json` finds the image (by name, short name, id or
 * digest), its config is the image's "big data" item named after the config digest, and
 * `<driver>-layers/layers.json` chains the layers from the image's top layer down through `parent`;
 * the read-only additionalimagestores of storage.conf are searched after the graph root.
 * Each layer's tar is rebuilt from tar-split metadata and the layer directory (see tar-split.ts) and
 * verified against the config's diff ids, so reading the store directly is as sound as exporting
 * the image: any difference shows up as a digest mismatch.
 * Store locks are not taken: an image being deleted meanwhile fails its verification, it cannot
 * give a wrong answer.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { digestOf } from '../digest.js';
import type { ImageHandle, LayerHandle } from '../image-handle.js';
import type { ImageLimits } from '../limits.js';
import { configSchema, parseJson } from '../manifests.js';
import { ImageError } from '../problems.js';
import { findImage, type StoredImage } from './image-lookup.js';
import { LAYER_DIRS, locateStore, parseStoreReference } from './store-location.js';
import { tarFromSplit } from './tar-split.js';

export interface StorageOptions {
  readonly name: string;
  readonly limits: ImageLimits;
  readonly env?: NodeJS.ProcessEnv;
}

interface StoredLayer {
  readonly id: string;
  readonly parent?: string;
  readonly 'diff-digest'?: string;
  readonly 'diff-size'?: number;
}

export function openStorageImage(text: string, options: StorageOptions): ImageHandle {
  const { store, reference } = parseStoreReference(text);
  const location = locateStore(store, options.env);
  const layerDir = LAYER_DIRS[location.driver];
  if (layerDir === undefined) {
    throw new ImageError('image-unsupported', `containers-storage: the "${location.driver}" graph driver is not read (overlay and vfs are); export the image with \`skopeo copy containers-storage:${reference} oci-archive:image.tar\``);
  }
  const label = `containers-storage:${reference}`;
  // The graph root, then the read-only additionalimagestores; a store without an image index holds
  // no image (the graph root's absence is still reported when there is no other store).
  const all = [location.graphRoot, ...location.additionalImageStores];
  const roots = all.filter((root) => all.length === 1 || existsSync(imagesFile(root, location.driver)));
  const stores = roots.map((root) => ({ store: root, images: readJsonList<StoredImage>(imagesFile(root, location.driver), options.limits, label) }));
  const { store: imageRoot, image } = findImage(stores, reference, label);
  const config = readConfig(imageRoot, location.driver, image, options.limits, label);
  const chain = layerChain(roots, location.driver, image, options.limits, label);
  if (chain.length !== config.parsed.rootfs.diff_ids.length) {
    throw new ImageError('image-invalid', `${label}: the store chains ${chain.length} layers but the config lists ${config.parsed.rootfs.diff_ids.length} diff ids`);
  }
  const layers: LayerHandle[] = chain.map(({ layer, root }, i) => {
    const diffId = config.parsed.rootfs.diff_ids[i] ?? '';
    const split = join(root, `${location.driver}-layers`, `${layer.id}.tar-split.gz`);
    if (!existsSync(split)) throw new ImageError('image-unsupported', `${label}: layer ${layer.id} has no tar-split metadata (a partial pull?); export the image with skopeo copy`);
    return { diffId, size: layer['diff-size'] ?? 0, open: () => tarFromSplit(split, layerDir(root, layer.id), `${label}: layer ${i + 1}/${chain.length}`) };
  });
  return {
    name: options.name, configDigest: config.digest, config: config.parsed, layers,
    ...(typeof image.digest === 'string' && image.digest !== '' ? { manifestDigest: image.digest } : {}),
    repoTags: image.names ?? [],
  };
}

function imagesFile(root: string, driver: string): string {
  return join(root, `${driver}-images`, 'images.json');
}

function readJsonList<T>(file: string, limits: ImageLimits, label: string): T[] {
  let text: string;
  try {
    if (statSync(file).size > limits.maxJsonBytes * 16) throw new ImageError('image-invalid', `${label}: ${file} is over ${limits.maxJsonBytes * 16} bytes`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ImageError) throw error;
    throw new ImageError('image-not-found', `${label}: cannot read ${file}`);
  }
  try {
    const list: unknown = JSON.parse(text);
    if (!Array.isArray(list)) throw new Error('not a list');
    return list.filter((e): e is T => typeof e === 'object' && e !== null && typeof (e as { id?: unknown }).id === 'string');
  } catch {
    throw new ImageError('image-invalid', `${label}: ${file} is not a JSON list`);
  }
}

/** Big-data items are files named after their key, base64-encoded (prefixed "=") unless the key is plain [.0-9a-z]. */
function bigDataFile(root: string, driver: string, imageId: string, key: string): string {
  const plain = /^[.0-9a-z]+$/.test(key);
  return join(root, `${driver}-images`, imageId, plain ? key : `=${Buffer.from(key).toString('base64')}`);
}

function readConfig(root: string, driver: string, image: StoredImage, limits: ImageLimits, label: string): { digest: string; parsed: ReturnType<typeof configSchema.parse> } {
  // An image's id is its config's digest; the config is stored under that digest as its key.
  const digest = `sha256:${image.id}`;
  const file = bigDataFile(root, driver, image.id, digest);
  if (!existsSync(file)) throw new ImageError('image-invalid', `${label}: the store has no config for image ${image.id}`);
  if (statSync(file).size > limits.maxJsonBytes) throw new ImageError('image-invalid', `${label}: the config is over ${limits.maxJsonBytes} bytes`);
  const bytes = readFileSync(file);
  const actual = digestOf(bytes);
  if (actual !== digest) throw new ImageError('digest-mismatch', `${label}: the stored config has digest ${actual}, the image id says ${digest}`);
  return { digest, parsed: parseJson(bytes, configSchema, `${label} config`) };
}

/**
 * The image's layers, bottom first, each with the store that holds it: containers/storage finds a
 * layer in its own store or any read-only one, the graph root first.
 */
function layerChain(roots: readonly string[], driver: string, image: StoredImage, limits: ImageLimits, label: string): { layer: StoredLayer; root: string }[] {
  if (image.layer === undefined || image.layer === '') return [];
  const byId = new Map<string, { layer: StoredLayer; root: string }>();
  for (const root of roots) {
    const file = join(root, `${driver}-layers`, 'layers.json');
    if (!existsSync(file)) continue;
    for (const layer of readJsonList<StoredLayer>(file, limits, label)) if (!byId.has(layer.id)) byId.set(layer.id, { layer, root });
  }
  const chain: { layer: StoredLayer; root: string }[] = [];
  for (let id: string | undefined = image.layer; id !== undefined && id !== ''; id = byId.get(id)?.layer.parent) {
    const found = byId.get(id);
    if (found === undefined) throw new ImageError('image-invalid', `${label}: layer ${id} is missing from the store`);
    if (chain.length >= byId.size) throw new ImageError('image-invalid', `${label}: the store's layer parents form a loop`);
    chain.push(found);
  }
  return chain.reverse();
}
