/**
 * Reading a whole image: open the source, stream each layer in order into the merged RootFs, and
 * describe the image. Layers are read one at a time (bounded memory); a hostile or corrupt layer
 * stops the read with an ImageError naming the layer.
 */
import { resolve } from 'node:path';
import type { ImageInfo, ImageLayerInfo } from '../../model/package.js';
import type { Problem } from '../../model/problem.js';
import { openArchive } from './archive-access.js';
import { dirAccess } from './dir-access.js';
import { openDockerArchive } from './docker-archive.js';
import type { ImageHandle } from './image-handle.js';
import { newBudget, readLayer, type LayerEntry } from './layer-reader.js';
import { type ImageLimits, resolveLimits } from './limits.js';
import type { ImageConfig } from './manifests.js';
import { openOciLayout, openSkopeoDir } from './oci-layout.js';
import { parallelDigester } from './parallel-digest.js';
import { formatPlatform, parsePlatform, platformRank } from './platform.js';
import { ImageError, imageProblem, unreadableProblem } from './problems.js';
import { RootFs } from './rootfs.js';
import { readRootDir } from './rootfs-dir.js';
import { openRegistryImage } from './registry/registry-image.js';
import { openDaemonImage } from './engine/docker-daemon.js';
import { openStorageImage } from './storage/containers-storage.js';
import { parseTarget } from './target.js';

export interface ReadImageOptions {
  /** Which files to buffer for analyzers (absolute paths inside the image, with permission bits). */
  readonly wants: (path: string, mode: number) => boolean;
  /** What to keep of a wanted file (see LayerReadOptions.condense and condenseStream). */
  readonly condense?: (path: string, mode: number, content: Buffer) => Buffer | undefined;
  readonly condenseStream?: (path: string, mode: number) => ((size: number, chunks: AsyncIterable<Buffer>) => Promise<Buffer | undefined>) | undefined;
  readonly limits?: Partial<ImageLimits>;
  /** os/arch[/variant] for multi-platform indexes; the host's by default. */
  readonly platform?: string;
  /** docker://: HTTPS without certificate checks or plain HTTP (--insecure), and a PEM file of extra CAs. */
  readonly insecure?: boolean;
  readonly caFile?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Every file of every layer that passes `wants`, handed over as it streams (layer index; -1 for dir:). */
  readonly inspect?: { readonly wants: (path: string, size: number) => boolean; readonly onFile: (path: string, content: Buffer, layer: number) => void };
  /** Called as bytes arrive: an engine export being received, then the layers being read. */
  readonly onProgress?: (progress: ImageProgress) => void;
}

export type ImageProgress =
  /** docker-daemon: the engine's export being received (its size is unknown until it ends). */
  | { readonly phase: 'fetch'; readonly bytes: number }
  /** Layer `layer` (1-based) of `layers` is streaming; bytes as stored (compressed), over all layers. */
  | { readonly phase: 'layers'; readonly layer: number; readonly layers: number; readonly bytesRead: number; readonly totalBytes: number };

export interface ImageRead {
  readonly target: string;
  /** Absent for a plain root directory. */
  readonly image?: ImageInfo;
  readonly config?: ImageConfig;
  readonly fs: RootFs;
  /** Digest naming each layer by index (blob digest when known, else diff id). */
  readonly layerDigests: readonly string[];
  readonly problems: readonly Problem[];
  readonly stats: { readonly layers: number; readonly compressedBytes: number; readonly uncompressedBytes: number; readonly entries: number };
}

export async function readImage(targetText: string, options: ReadImageOptions): Promise<ImageRead> {
  const limits = resolveLimits(options.limits);
  const target = parseTarget(targetText);
  const fs = new RootFs();
  const budget = newBudget();
  const problems: Problem[] = [];
  const record = (layer: number, where: string) => (entry: LayerEntry): void => {
    if (entry.kind === 'file' && entry.skipped !== undefined) problems.push(imageProblem('file-not-read', `${entry.path} was not read: ${entry.skipped}`, targetText));
    fs.apply(entry, layer, where);
  };
  if (target.transport === 'dir') {
    await readRootDir(resolve(target.path), {
      limits, budget, wants: options.wants, onEntry: record(0, target.path),
      onUnreadable: (path, reason) => { problems.push(unreadableProblem(path, reason, targetText)); },
      ...(options.condense === undefined ? {} : { condense: options.condense }),
      ...(options.condenseStream === undefined ? {} : { condenseStream: options.condenseStream }),
      ...(options.inspect === undefined ? {} : { inspect: { wants: options.inspect.wants, onFile: (path: string, content: Buffer) => { options.inspect?.onFile(path, content, -1); } } }),
    });
    return { target: targetText, fs, layerDigests: [], problems, stats: { layers: 0, compressedBytes: 0, uncompressedBytes: 0, entries: budget.entries } };
  }
  const handle = await openHandle(target, targetText, limits, options);
  try {
    checkPlatform(handle, options.platform);
  } catch (error) {
    handle.close?.();
    throw error;
  }
  let compressedBytes = 0;
  let uncompressedBytes = 0;
  const totalBytes = handle.layers.reduce((sum, l) => sum + l.size, 0);
  const progress = options.onProgress;
  const digester = parallelDigester();
  try {
    for (const [index, layer] of handle.layers.entries()) {
      const label = `${targetText}: layer ${index + 1}/${handle.layers.length} (${layer.digest ?? layer.diffId})`;
      const before = compressedBytes;
      const stats = await readLayer(layer.open(), {
        label, limits, budget, wants: options.wants, onEntry: record(index, label),
        ...(options.condense === undefined ? {} : { condense: options.condense }),
        ...(options.condenseStream === undefined ? {} : { condenseStream: options.condenseStream }),
        ...(options.inspect === undefined ? {} : { inspect: { wants: options.inspect.wants, onFile: (path: string, content: Buffer) => { options.inspect?.onFile(path, content, index); } } }),
        ...(layer.digest === undefined ? {} : { digest: layer.digest }), diffId: layer.diffId, digester, expectedBytes: layer.size,
        ...(progress === undefined ? {} : { onBytes: (read: number) => { progress({ phase: 'layers', layer: index + 1, layers: handle.layers.length, bytesRead: before + read, totalBytes }); } }),
      });
      compressedBytes += stats.compressedBytes;
      uncompressedBytes += stats.uncompressedBytes;
    }
  } finally {
    digester.close();
    handle.close?.();
  }
  return {
    target: targetText, image: describe(handle), config: handle.config, fs,
    layerDigests: handle.layers.map((l) => l.digest ?? l.diffId), problems,
    stats: { layers: handle.layers.length, compressedBytes, uncompressedBytes, entries: budget.entries },
  };
}

async function openHandle(target: Exclude<ReturnType<typeof parseTarget>, { transport: 'dir' }>, name: string, limits: ImageLimits, options: ReadImageOptions): Promise<ImageHandle> {
  const platform = options.platform === undefined ? undefined : parsePlatform(options.platform);
  if (target.transport === 'docker-daemon') {
    const progress = options.onProgress;
    return openDaemonImage(target.reference, {
      name, limits, ...(options.env === undefined ? {} : { env: options.env }),
      ...(progress === undefined ? {} : { onBytes: (bytes: number) => { progress({ phase: 'fetch', bytes }); } }),
    });
  }
  if (target.transport === 'containers-storage') return openStorageImage(target.reference, { name, limits, ...(options.env === undefined ? {} : { env: options.env }) });
  if (target.transport === 'docker') {
    return openRegistryImage(target.reference, {
      name, limits, insecure: options.insecure === true,
      ...(platform === undefined ? {} : { platform }), ...(options.caFile === undefined ? {} : { caFile: options.caFile }),
      ...(options.env === undefined ? {} : { env: options.env }),
    });
  }
  if (target.transport === 'skopeo-dir') return openSkopeoDir(dirAccess(target.path), { name, limits, ...(platform === undefined ? {} : { platform }) });
  const common = { name, limits, ...(target.tag === undefined ? {} : { tag: target.tag }) };
  if (target.transport === 'oci') return openOciLayout(dirAccess(target.path), { ...common, ...(platform === undefined ? {} : { platform }) });
  const { access, close } = await openArchive(target.path, limits);
  try {
    // docker save of Docker 25+ writes both files, read as the transport names; an archive with
    // only one of them is read as what it is (podman save writes either, whatever the file is called).
    const isOci = access.size('oci-layout') !== undefined && (target.transport === 'oci-archive' || access.size('manifest.json') === undefined);
    const handle = !isOci
      ? openDockerArchive(access, common)
      : openOciLayout(access, { ...common, ...(platform === undefined ? {} : { platform }) });
    return close === undefined ? handle : { ...handle, close };
  } catch (error) {
    close?.();
    throw error;
  }
}

/**
 * An explicit --platform that the image is not for (a single-platform image, an archive, a store)
 * is refused, as docker and containerd refuse it: scanning the other platform's packages would
 * answer a question the user did not ask.
 */
function checkPlatform(handle: ImageHandle, wanted: string | undefined): void {
  const { os, architecture, variant } = handle.config;
  const osVersion = handle.config['os.version'];
  if (wanted === undefined || os === '' || architecture === '') return;
  const have = { os, architecture, ...(variant === undefined ? {} : { variant }), ...(osVersion === undefined ? {} : { 'os.version': osVersion }) };
  if (platformRank(parsePlatform(wanted), have) === undefined) {
    throw new ImageError('image-not-found', `${handle.name} is an image for ${formatPlatform(have)}, not for --platform ${wanted}`);
  }
}

function describe(handle: ImageHandle): ImageInfo {
  // History entries with empty_layer make no layer; the rest map to layers in order.
  const createdBy = (handle.config.history ?? []).filter((h) => h.empty_layer !== true).map((h) => h.created_by);
  const layers: ImageLayerInfo[] = handle.layers.map((l, i) => {
    const by = createdBy[i];
    return { digest: l.digest ?? l.diffId, diffId: l.diffId, size: l.size, ...(by === undefined ? {} : { createdBy: by }) };
  });
  const { config } = handle;
  return {
    name: handle.name,
    ...(handle.manifestDigest === undefined ? {} : { manifestDigest: handle.manifestDigest }),
    configDigest: handle.configDigest,
    os: config.os,
    architecture: config.architecture,
    ...(config.variant === undefined ? {} : { variant: config.variant }),
    ...(config.created === undefined ? {} : { created: config.created }),
    layers,
    repoTags: handle.repoTags,
  };
}
