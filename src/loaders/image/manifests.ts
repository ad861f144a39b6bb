/**
 * The JSON documents of an image (OCI image-spec and Docker schema 2): index / manifest list,
 * manifest, config. Parsed with zod so a malformed document gives a located message instead of a
 * crash deep in the reader; unknown fields pass through (the specs allow extensions).
 */
import { z } from 'zod';
import { isDigest } from './digest.js';
import { ImageError } from './problems.js';
import { jsonErrorMessage } from '../../lib/json-error.js';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

const digest = z.string().refine(isDigest, 'not a sha256/sha512 digest');

const descriptor = z.object({
  mediaType: z.string(),
  digest,
  size: z.number().int().nonnegative(),
  annotations: z.record(z.string(), z.string()).optional(),
  /** Where a non-distributable (foreign) layer is published instead of the registry. */
  urls: z.array(z.string()).optional(),
  platform: z.object({ architecture: z.string(), os: z.string(), variant: z.string().optional(), 'os.version': z.string().optional() }).optional(),
});
export type Descriptor = z.infer<typeof descriptor>;

export const indexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  manifests: z.array(descriptor),
});
export type ImageIndex = z.infer<typeof indexSchema>;

export const manifestSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  config: descriptor,
  layers: z.array(descriptor),
});
export type ImageManifest = z.infer<typeof manifestSchema>;

export const configSchema = z.object({
  architecture: z.string().default(''),
  os: z.string().default(''),
  variant: z.string().optional(),
  'os.version': z.string().optional(),
  created: z.string().optional(),
  config: z.object({
    User: z.string().optional(),
    Env: z.array(z.string()).nullish(),
    Entrypoint: z.array(z.string()).nullish(),
    Cmd: z.array(z.string()).nullish(),
    Labels: z.record(z.string(), z.string()).nullish(),
  }).loose().nullish(),
  rootfs: z.object({ type: z.literal('layers'), diff_ids: z.array(digest) }),
  history: z.array(z.object({ created_by: z.string().optional(), empty_layer: z.boolean().optional() }).loose()).optional(),
}).loose();
export type ImageConfig = z.infer<typeof configSchema>;

/** docker-archive manifest.json. */
export const dockerArchiveSchema = z.array(z.object({
  Config: z.string(),
  RepoTags: z.array(z.string()).nullish(),
  Layers: z.array(z.string()),
}));

export function parseJson<T>(bytes: Buffer, schema: z.ZodType<T>, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new ImageError('image-invalid', `${what}: not JSON (${jsonErrorMessage(error)})`);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const at = issue === undefined ? '' : `/${issue.path.map(String).join('/')}`;
    throw new ImageError('image-invalid', `${what}: ${issue?.message ?? 'invalid'} at ${at}`);
  }
  return result.data;
}

const IMAGE_CONFIG_MEDIA = new Set(['application/vnd.oci.image.config.v1+json', 'application/vnd.docker.container.image.v1+json']);

/**
 * A manifest whose config is no image config is an OCI artifact (a Helm chart, a cosign signature,
 * an SBOM attestation) that registries store beside images: refused by name, rather than as an
 * image config without rootfs.
 */
export function assertImageManifest(manifest: ImageManifest, label: string): void {
  const configType = manifest.config.mediaType;
  if (IMAGE_CONFIG_MEDIA.has(configType)) return;
  throw new ImageError('image-unsupported', `${label} is an OCI artifact (config ${configType}${typeof manifest.artifactType === 'string' ? `, artifact ${manifest.artifactType}` : ''}), not a container image`);
}

export function isIndexMedia(mediaType: string | undefined): boolean {
  return mediaType === MEDIA.ociIndex || mediaType === MEDIA.dockerList;
}

/** The layer media types whose content is a (possibly compressed) tar; the reader sniffs which. */
export function isLayerMedia(mediaType: string): boolean {
  return /^application\/vnd\.(oci\.image\.layer(\.nondistributable)?\.v1\.tar|docker\.image\.rootfs\.(foreign\.)?diff\.tar)(\.gzip|\+gzip|\+zstd)?$/.test(mediaType);
}
