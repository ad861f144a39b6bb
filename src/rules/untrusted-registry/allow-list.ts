/** Matching parsed image references against the configured registry allow-list. */
import type { ImageRef } from '../../lib/image-ref.js';
import { canonicalRegistry, DOCKER_HUB } from '../../lib/image-ref.js';

export type AllowListEntry =
  | { readonly kind: 'prefix'; readonly value: string }
  | { readonly kind: 'subdomains'; readonly suffix: string };

/** Docker Hub's web name, which users write in allow-lists though no reference names it. */
const DOCKER_HUB_WEB = 'registry.hub.docker.com';

/** Normalises an entry as a user writes it: scheme and trailing slashes dropped, host lower-cased, Hub aliases unified. */
export function allowListEntry(raw: string): AllowListEntry {
  const written = raw.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
  const slash = written.indexOf('/');
  const host = canonicalRegistry(slash === -1 ? written : written.slice(0, slash));
  const rest = slash === -1 ? '' : written.slice(slash);
  if (host.startsWith('*.') && rest === '') return { kind: 'subdomains', suffix: host.slice(1) };
  return { kind: 'prefix', value: `${host === DOCKER_HUB_WEB ? DOCKER_HUB : host}${rest}` };
}

/** Whether the image's registry, or registry and repository path, is on the list (whole path components only). */
export function isAllowed(image: ImageRef, entries: readonly AllowListEntry[]): boolean {
  const full = `${image.registry}/${image.repository}`;
  return entries.some((entry) =>
    entry.kind === 'subdomains'
      ? image.registry.split(':')[0]?.endsWith(entry.suffix) === true
      : full === entry.value || full.startsWith(`${entry.value}/`),
  );
}
