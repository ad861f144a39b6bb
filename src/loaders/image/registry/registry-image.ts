/**
 * `docker://REF`: an image pulled over the OCI distribution API. The manifest is requested with
 * all four manifest media types in Accept (registries otherwise down-convert to schema 1 or answer
 * 404); an index picks the platform; the manifest, config and every layer are digest-checked.
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { ImageHandle } from '../image-handle.js';
import { digestOf, isDigest, verifyBytes } from '../digest.js';
import type { ImageLimits } from '../limits.js';
import { assertImageManifest, configSchema, type Descriptor, indexSchema, isIndexMedia, isLayerMedia, manifestSchema, MEDIA, parseJson } from '../manifests.js';
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
  /** HTTPS without certificate checks, or plain HTTP when no TLS answers (--insecure). */
  readonly insecure?: boolean;
  readonly caFile?: string;
  readonly env?: NodeJS.ProcessEnv;
}

const MAX_INDEX_DEPTH = 4;
const ACCEPT = [MEDIA.ociManifest, MEDIA.ociIndex, MEDIA.dockerManifest, MEDIA.dockerList].join(', ');

export async function openRegistryImage(referenceText: string, options: RegistryOptions): Promise<ImageHandle> {
  const ref = parseReference(referenceText);
  const ca = loadCa(options.caFile);
  const client = new RegistryClient({
    registry: ref.registry, repository: ref.repository, insecure: options.insecure === true,
    ...(ca === undefined ? {} : { ca }), credentials: () => findCredentials(ref.domain, ref.repository, options.env), env: options.env ?? process.env,
  });
  const label = `${ref.registry}/${ref.repository}`;
  const readJson = async (path: string, accept: string | undefined): Promise<{ bytes: Buffer; mediaType: string | undefined; declaredDigest: string | undefined }> => {
    const response = await client.get(path, accept);
    const max = options.limits.maxJsonBytes;
    const bytes = Buffer.concat(await collect(guarded(response, `${label}: ${path}`, max, () => new ImageError('image-invalid', `${label}: ${path} is over ${max} bytes`))));
    const declaredDigest = response.headers['docker-content-digest'];
    return { bytes, mediaType: response.headers['content-type']?.split(';')[0]?.trim(), declaredDigest: typeof declaredDigest === 'string' ? declaredDigest.trim() : undefined };
  };

  const first = await readJson(`manifests/${ref.reference}`, ACCEPT);
  let { bytes, mediaType } = first;
  const { declaredDigest } = first;
  if (ref.reference.includes(':')) verifyBytes(bytes, ref.reference, `${label} manifest`);
  // By tag nothing else names the manifest: the digest the registry declares for it must hold, as
  // containerd checks it (a proxy or registry serving other bytes than it indexed is caught here).
  else if (declaredDigest !== undefined && isDigest(declaredDigest)) verifyBytes(bytes, declaredDigest, `${label}:${ref.reference} manifest (Docker-Content-Digest)`);
  let manifestDigest = ref.reference.includes(':') ? ref.reference : digestOf(bytes);
  const declared = parseJson(bytes, documentSchema, `${label} manifest`);
  if (declared.schemaVersion === 1) throw new ImageError('image-unsupported', `${label}: a schema 1 manifest (deprecated since 2017); re-push the image with a current client`);
  // An index may list indexes (image-spec allows nesting); each level chooses the platform, to a bounded depth.
  for (let depth = 0, media = declared.mediaType ?? mediaType; isIndexMedia(media); depth += 1) {
    if (depth === MAX_INDEX_DEPTH) throw new ImageError('image-invalid', `${label}: indexes nested more than ${MAX_INDEX_DEPTH} deep`);
    const index = parseJson(bytes, indexSchema, `${label} index`);
    const chosen = chooseManifest(index.manifests, options.platform, label);
    ({ bytes, mediaType } = await readJson(`manifests/${chosen.digest}`, ACCEPT));
    verifyBytes(bytes, chosen.digest, `${label} manifest`);
    manifestDigest = chosen.digest;
    media = parseJson(bytes, documentSchema, `${label} manifest`).mediaType ?? mediaType ?? chosen.mediaType;
  }
  const manifest = parseJson(bytes, manifestSchema, `${label} manifest`);
  assertImageManifest(manifest, label);
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
      open: () => streamBlob(client, layer, `${label}: layer ${i + 1}`),
    };
  });
  return { name: options.name, manifestDigest, configDigest: manifest.config.digest, config: parsedConfig, repoTags: ref.reference.includes(':') ? [] : [`${ref.domain}/${ref.repository}:${ref.reference}`], layers };
}

/** Only what tells a manifest from an index (and from the schema 1 manifests no one should push). */
const documentSchema = z.object({ schemaVersion: z.number(), mediaType: z.string().optional() });

/** How often a layer download that broke off is resumed (docker retries a layer 5 times). */
const BLOB_RESUMES = 3;

/**
 * A layer's bytes. A download that breaks off (a reset connection on a multi-GB layer) is resumed
 * where it stopped with a Range request, as docker resumes layer downloads; a registry that ignores
 * Range sends the blob again from the start and the bytes already passed on are skipped. The
 * layer reader checks the digest over the whole stream, so a resumed blob is verified like any other.
 */
async function* streamBlob(client: RegistryClient, descriptor: Descriptor, what: string): AsyncGenerator<Buffer> {
  const { digest, size } = descriptor;
  const label = `${what} (${digest})`;
  let passed = 0;
  for (let attempt = 0; ; attempt += 1) {
    const response = await openBlob(client, descriptor, what, passed);
    let skip = passed > 0 && response.statusCode !== 206 ? passed : 0;
    const from = passed - skip;
    try {
      for await (const chunk of guarded(response, label, size - from, () => new ImageError('digest-mismatch', `${label}: the registry sent more than the ${size} bytes of its descriptor`), from)) {
        if (skip >= chunk.length) {
          skip -= chunk.length;
          continue;
        }
        const fresh = chunk.subarray(skip);
        skip = 0;
        passed += fresh.length;
        yield fresh;
      }
      return;
    } catch (error) {
      const brokeOff = error instanceof ImageError && error.code === 'registry-unreachable';
      if (!brokeOff || attempt === BLOB_RESUMES || passed >= size) throw error;
    }
  }
}

async function openBlob(client: RegistryClient, { digest, urls }: Descriptor, what: string, from: number): Promise<IncomingMessage> {
  try {
    return await client.get(`blobs/${digest}`, undefined, from === 0 ? {} : { Range: `bytes=${from}-` });
  } catch (error) {
    // A non-distributable layer (Windows base layers, some vendor layers) is published at the URLs
    // its descriptor names, not pushed to the registry; fetching URLs an image names is a request
    // to any host the image's author chose, so it is not done.
    if (error instanceof ImageError && error.code === 'image-not-found' && urls !== undefined && urls.length > 0) {
      throw new ImageError('image-unsupported', `${what} (${digest}) is a non-distributable layer the registry does not hold; it is published at ${urls[0]?.slice(0, 200) ?? ''}, which Palisade does not fetch. Pull the image with its engine and scan docker-daemon:IMAGE`);
    }
    throw error;
  }
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const all: Buffer[] = [];
  for await (const chunk of chunks) all.push(chunk);
  return all;
}

/**
 * A response body with its failures coded: more bytes than the descriptor (or the JSON limit)
 * allows stop the read at once, and a connection that breaks off is registry-unreachable
 * instead of a bare socket error.
 */
async function* guarded(response: IncomingMessage, what: string, maxBytes: number, tooBig: () => ImageError, offset = 0): AsyncGenerator<Buffer> {
  let total = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw tooBig();
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ImageError) throw error;
    throw new ImageError('registry-unreachable', `${what}: the registry's answer broke off after ${offset + total} bytes (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    response.destroy();
  }
}
