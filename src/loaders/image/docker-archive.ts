/**
 * `docker save` / `podman save --format docker-archive`: manifest.json names the config file and
 * the layer tars (often legacy `ID/layer.tar` symlinks to `HEX.tar`). The tars are uncompressed and
 * carry no blob digest, so each is verified against the config's rootfs.diff_ids while streamed,
 * and the config against the digest its file name (or the manifest) implies.
 */
import { digestOf } from './digest.js';
import type { FileAccess } from './file-access.js';
import type { ImageHandle } from './image-handle.js';
import type { ImageLimits } from './limits.js';
import { configSchema, dockerArchiveSchema, parseJson } from './manifests.js';
import { ImageError } from './problems.js';
import { listChoices, pickNamed } from './target.js';

export interface DockerArchiveOptions {
  readonly name: string;
  readonly tag?: string;
  readonly limits: ImageLimits;
}

export function openDockerArchive(access: FileAccess, options: DockerArchiveOptions): ImageHandle {
  if (access.size('manifest.json') === undefined) throw new ImageError('image-invalid', `${access.label}: no manifest.json; this is not a docker-archive`);
  const entries = parseJson(access.read('manifest.json', options.limits.maxJsonBytes), dockerArchiveSchema, `${access.label}/manifest.json`);
  const entry = pick(entries, options.tag, access.label);
  const configBytes = access.read(entry.Config, options.limits.maxJsonBytes);
  const configDigest = digestOf(configBytes);
  // The config is stored as HEX.json (legacy) or blobs/sha256/HEX (Docker 25+): the name is its digest.
  const named = /(?:^|\/)([a-f0-9]{64})(?:\.json)?$/.exec(entry.Config)?.[1];
  if (named !== undefined && `sha256:${named}` !== configDigest) {
    throw new ImageError('digest-mismatch', `${access.label}: config ${entry.Config} has digest ${configDigest}`);
  }
  const config = parseJson(configBytes, configSchema, `${access.label}/${entry.Config}`);
  if (config.rootfs.diff_ids.length !== entry.Layers.length) {
    throw new ImageError('image-invalid', `${access.label}: manifest.json lists ${entry.Layers.length} layers but the config ${config.rootfs.diff_ids.length} diff_ids`);
  }
  const layers = entry.Layers.map((path, i) => {
    const size = access.size(path);
    if (size === undefined) throw new ImageError('image-invalid', `${access.label}: layer ${path} is missing from the archive`);
    return { diffId: config.rootfs.diff_ids[i] ?? '', size, open: () => access.stream(path) };
  });
  return { name: options.name, configDigest, config, repoTags: entry.RepoTags ?? [], layers };
}

function pick<T extends { RepoTags?: string[] | null | undefined }>(entries: readonly T[], tag: string | undefined, label: string): T {
  if (tag !== undefined) {
    const found = pickNamed(entries, (e) => e.RepoTags ?? [], tag, label);
    if (found === undefined) throw new ImageError('image-not-found', `${label}: no image tagged "${tag}" (tags: ${entries.flatMap((e) => e.RepoTags ?? []).join(', ') || 'none'})`);
    return found;
  }
  const [only, ...more] = entries;
  if (only === undefined) throw new ImageError('image-invalid', `${label}: manifest.json lists no image`);
  if (more.length > 0) throw new ImageError('image-ambiguous', `${label}: holds ${entries.length} images: ${listChoices(entries, (e) => e.RepoTags ?? [])}`);
  return only;
}
