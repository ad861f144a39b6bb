/**
 * `docker://REF`: an image pulled over the OCI distribution API. The manifest is requested with
 * all four manifest media types in Accept (registries otherwise down-convert to schema 1 or answer
 * 404); an index picks the platform; the manifest, config and every layer are digest-checked.
 */
import type { ImageHandle } from '../image-handle.js';
import { digestOf, verifyBytes } from '../digest.js';
import type { ImageLimits } from '../limits.js';
import { configSchema, indexSchema, isIndexMedia, isLayerMedia, manifestSchema, MEDIA, parseJson } from '../manifests.js';
import { chooseManifest, type Platform } from '../platform.js';
import { ImageError } from '../problems.js';
import { RegistryClient } from './client.js';
import { findCredentials } from './credentials.js';
import { loadCa } from './http.js';
import { parseReference } from './reference.js';

export interface RegistryOptions {
  readonly name: string;
  readonly limits: ImageLimits;
  readonly platform?: Platform;
  /** Plain HTTP instead of HTTPS. */
  readonly insecure?: boolean;
  readonly caFile?: string;
  readonly env?: NodeJS.ProcessEnv;
}

const ACCEPT = [MEDIA.ociManifest, MEDIA.ociIndex, MEDIA.dockerManifest, MEDIA.dockerList].join(', ');

export async function openRegistryImage(referenceText: string, options: RegistryOptions): Promise<ImageHandle> {
  const ref = parseReference(referenceText);
  const ca = loadCa(options.caFile);
  const credentials = findCredentials(ref.registry, options.env);
  const client = new RegistryClient({
    registry: ref.registry, repository: ref.repository, insecure: options.insecure === true,
    ...(ca === undefined ? {} : { ca }), ...(credentials === undefined ? {} : { credentials }),
  });
  const label = `${ref.registry}/${ref.repository}`;
  const readJson = async (path: string, accept: string | undefined): Promise<{ bytes: Buffer; mediaType: string | undefined }> => {
    const response = await client.get(path, accept);
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > options.limits.maxJsonBytes) {
        response.destroy();
        throw new ImageError('image-invalid', `${label}: ${path} is over ${options.limits.maxJsonBytes} bytes`);
      }
      chunks.push(chunk);
    }
    return { bytes: Buffer.concat(chunks), mediaType: response.headers['content-type']?.split(';')[0]?.trim() };
  };

  let { bytes, mediaType } = await readJson(`manifests/${ref.reference}`, ACCEPT);
  if (ref.reference.includes(':')) verifyBytes(bytes, ref.reference, `${label} manifest`);
  let manifestDigest = ref.reference.includes(':') ? ref.reference : digestOf(bytes);
  const declared = (JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown }).mediaType;
  if (isIndexMedia(typeof declared === 'string' ? declared : mediaType)) {
    const index = parseJson(bytes, indexSchema, `${label} index`);
    const chosen = chooseManifest(index.manifests, options.platform, label);
    ({ bytes, mediaType } = await readJson(`manifests/${chosen.digest}`, ACCEPT));
    verifyBytes(bytes, chosen.digest, `${label} manifest`);
    manifestDigest = chosen.digest;
  }
  const manifest = parseJson(bytes, manifestSchema, `${label} manifest`);
  const config = await readJson(`blobs/${manifest.config.digest}`, undefined);
  verifyBytes(config.bytes, manifest.config.digest, `${label} config`);
  const parsedConfig = parseJson(config.bytes, configSchema, `${label} config`);
  if (parsedConfig.rootfs.diff_ids.length !== manifest.layers.length) {
    throw new ImageError('image-invalid', `${label}: the manifest lists ${manifest.layers.length} layers but the config ${parsedConfig.rootfs.diff_ids.length} diff_ids`);
  }
  const layers = manifest.layers.map((layer, i) => {
    if (!isLayerMedia(layer.mediaType)) throw new ImageError('image-unsupported', `${label}: layer ${i + 1} has media type ${layer.mediaType}`);
    return {
      digest: layer.digest, diffId: parsedConfig.rootfs.diff_ids[i] ?? '', size: layer.size,
      open: () => streamBlob(client, layer.digest),
    };
  });
  return { name: options.name, manifestDigest, configDigest: manifest.config.digest, config: parsedConfig, repoTags: ref.reference.includes(':') ? [] : [`${ref.registry}/${ref.repository}:${ref.reference}`], layers };
}

async function* streamBlob(client: RegistryClient, digest: string): AsyncGenerator<Buffer> {
  const response = await client.get(`blobs/${digest}`);
  yield* response as AsyncIterable<Buffer>;
}
