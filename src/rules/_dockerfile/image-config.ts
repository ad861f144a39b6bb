/**
 * The ImageConfig resource (`palisade.dev/v1`, kind ImageConfig): what an image is and ships, as
 * read from its config blob and its layers (src/sdk/image-config.ts builds it; a YAML file with
 * the same shape is read too). Rules see it through this checked view: the object may come from
 * YAML and be shaped any way, so it is validated once and then trusted.
 */
import { z } from 'zod';
import type { Resource } from '../../model/resource.js';

const schema = z.object({
  config: z.object({
    User: z.string().optional(),
    Env: z.array(z.string()).nullish(),
    Healthcheck: z.object({ Test: z.array(z.string()).nullish() }).loose().nullish(),
    ExposedPorts: z.record(z.string(), z.unknown()).nullish(),
    Labels: z.record(z.string(), z.string()).nullish(),
  }).loose().nullish(),
  history: z.array(z.object({ created_by: z.string().optional(), empty_layer: z.boolean().optional() }).loose()).nullish(),
  /** The platform's operating system (the config's `os`: linux, windows). */
  platformOs: z.string().nullish(),
  /** Uncompressed size of all layers, in bytes. */
  size: z.number().nonnegative().nullish(),
  os: z.object({ id: z.string(), versionId: z.string().nullish(), prettyName: z.string().nullish() }).nullish(),
  setuidFiles: z.array(z.object({ path: z.string(), mode: z.string() })).nullish(),
  packageCaches: z.array(z.object({ manager: z.string(), path: z.string(), bytes: z.number() })).nullish(),
  /** The uid the image's /etc/passwd gives the config's User, when that is a name. */
  userUid: z.number().int().nonnegative().nullish(),
});

export type ImageConfigView = z.infer<typeof schema>;

const views = new WeakMap<Resource, ImageConfigView | null>();

export function imageConfigOf(resource: Resource): ImageConfigView | undefined {
  let view = views.get(resource);
  if (view === undefined) {
    const parsed = schema.safeParse(resource.object);
    view = parsed.success ? parsed.data : null;
    views.set(resource, view);
  }
  return view ?? undefined;
}
