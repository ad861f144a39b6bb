/**
 * `docker-daemon:REF`: an image held by a local Docker Engine (or podman's compatible service),
 * exported through `GET /images/{name}/get`, which streams a docker-archive.
 *
 * Why the archive is spooled to a private temporary file: the engine writes the layer tars first
 * and manifest.json (which gives their order) and the config last, so the layers cannot be applied
 * in order while the stream goes by without holding them all in memory. The spool is written with
 * mode 0600 in a fresh mkdtemp directory, bounded by the image-size limit, never unpacked, and
 * removed when the read ends; from then on it is read exactly like `docker-archive:FILE`, diff ids
 * verified.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { archiveAccess } from '../archive-access.js';
import { openDockerArchive } from '../docker-archive.js';
import type { ImageHandle } from '../image-handle.js';
import type { ImageLimits } from '../limits.js';
import { ImageError } from '../problems.js';
import { type ImageRef, parseImageRef } from '../../../lib/image-ref.js';
import { describeEndpoint, type EngineEndpoint, engineEndpoint } from './docker-host.js';

export interface DaemonOptions {
  readonly name: string;
  readonly limits: ImageLimits;
  readonly env?: NodeJS.ProcessEnv;
  /** Bytes received so far from the engine (the total is unknown until the end). */
  readonly onBytes?: (bytes: number) => void;
}

export async function openDaemonImage(reference: string, options: DaemonOptions): Promise<ImageHandle> {
  const endpoint = engineEndpoint(options.env);
  const response = await engineGet(endpoint, `/images/${encodeName(reference)}/get`);
  const dir = mkdtempSync(join(tmpdir(), 'palisade-daemon-'));
  const cleanup = (): void => { rmSync(dir, { recursive: true, force: true }); };
  try {
    const file = join(dir, 'image.tar');
    await spool(response, file, options);
    const handle = openDockerArchive(archiveAccess(file), { name: options.name, limits: options.limits });
    const recorded = await inspect(endpoint, reference);
    // Exported by id, the archive names no repository (docker save <id> writes RepoTags null): the
    // engine's own record names the image then, as `docker images` shows it.
    const repoTags = handle.repoTags.length > 0 ? handle.repoTags : recorded.repoTags;
    const manifestDigest = repoDigest(recorded.repoDigests, reference, repoTags);
    return { ...handle, repoTags, ...(manifestDigest === undefined ? {} : { manifestDigest }), close: cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/**
 * What the engine records for the image (GET /images/NAME/json, read to 1 MiB): its tags and
 * RepoDigests. The export is already read, so an engine that fails to answer costs these only.
 */
async function inspect(endpoint: EngineEndpoint, reference: string): Promise<{ repoTags: string[]; repoDigests: string[] }> {
  let parsed: { RepoTags?: unknown; RepoDigests?: unknown };
  try {
    parsed = JSON.parse(await bodyOf(await engineGet(endpoint, `/images/${encodeName(reference)}/json`), 1024 * 1024)) as typeof parsed;
  } catch {
    return { repoTags: [], repoDigests: [] };
  }
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '' && v !== '<none>:<none>' && v !== '<none>@<none>') : []);
  return { repoTags: strings(parsed.RepoTags), repoDigests: strings(parsed.RepoDigests) };
}

/**
 * The manifest digest the engine records for the image in the repository it is named by
 * (RepoDigests, what `docker images --digests` shows): an export carries none, and without it an
 * SBOM cannot name the image by purl. None for an image built here and never pushed or pulled, and
 * none rather than a guess when no recorded repository is the one the image is named by (a digest
 * is per repository: a registry may have recompressed the layers). An image named by id is named
 * by no repository: the digest is taken when all its recorded repositories agree on one.
 */
function repoDigest(recorded: readonly string[], reference: string, repoTags: readonly string[]): string | undefined {
  const digests = new Map<string, string>();
  for (const entry of recorded) {
    const ref = parseImageRef(entry);
    if (ref?.digest !== undefined && !digests.has(repositoryOf(ref))) digests.set(repositoryOf(ref), ref.digest);
  }
  for (const name of [reference, ...repoTags]) {
    const ref = parseImageRef(name);
    const digest = ref === undefined ? undefined : digests.get(repositoryOf(ref));
    if (digest !== undefined) return digest;
  }
  // Named by id, the image is named by no repository: one digest recorded for it is its own.
  const distinct = new Set(digests.values());
  return IMAGE_ID.test(reference) && distinct.size === 1 ? [...distinct][0] : undefined;
}

/** An image id or its short form, as `docker images` prints it. */
const IMAGE_ID = /^(?:sha256:)?[a-f0-9]{12,64}$/;

function repositoryOf(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}`;
}

/** Names keep '/' and ':' (the API routes `{name:.*}`); anything else is escaped. */
function encodeName(reference: string): string {
  if (reference === '' || reference.includes('..')) throw new ImageError('image-not-found', `docker-daemon:"${reference}" names no image`);
  return encodeURIComponent(reference).replace(/%2F/gi, '/').replace(/%3A/gi, ':').replace(/%40/gi, '@');
}

async function spool(response: IncomingMessage, file: string, options: DaemonOptions): Promise<void> {
  let received = 0;
  const limit = options.limits.maxTotalBytes;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > limit) {
        done(new ImageError('layer-limit', `the engine's export of ${options.name} passes the image-size limit of ${limit} bytes`));
        return;
      }
      options.onBytes?.(received);
      done(null, chunk);
    },
  });
  try {
    await pipeline(response, counter, createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    if (error instanceof ImageError) throw error;
    throw new ImageError('engine-unreachable', `${options.name}: the engine's export broke off after ${received} bytes (${error instanceof Error ? error.message : String(error)})`);
  }
}

function engineGet(endpoint: EngineEndpoint, path: string): Promise<IncomingMessage> {
  const where = describeEndpoint(endpoint);
  return new Promise((resolve, reject) => {
    const target = endpoint.kind === 'unix' ? { socketPath: endpoint.socketPath } : { host: endpoint.host, port: endpoint.port };
    const request = http.get({ ...target, path, headers: { 'User-Agent': 'palisade' }, timeout: 120_000 }, (response) => {
      if (response.statusCode === 200) {
        resolve(response);
        return;
      }
      void errorBody(response).then((message) => {
        const status = response.statusCode ?? 0;
        reject(status === 404
          ? new ImageError('image-not-found', `${where}: no image ${decodeURIComponent(path.slice('/images/'.length, path.lastIndexOf('/')))} (${message})`)
          : new ImageError('engine-unreachable', `${where}: HTTP ${status} ${message}`.trim()));
      });
    });
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => {
      reject(new ImageError('engine-unreachable', `${where}: ${error.message}`));
    });
  });
}

/** The start of a response body, at most `limit` bytes of it. */
async function bodyOf(response: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    if (length > limit) {
      response.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The engine's JSON error ({"message": ...}), at most a few KiB of it. */
async function errorBody(response: IncomingMessage): Promise<string> {
  const text = await bodyOf(response, 4096);
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } catch {
    // Not JSON: show the start of the text.
  }
  return text.slice(0, 300).trim();
}
