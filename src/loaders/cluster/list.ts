/**
 * Paginated LIST of one resource (across all namespaces, or in one), with `limit` and `continue`
 * as the API defines them: large clusters answer in pages instead of one huge response.
 */
import type { ServedResource } from './discovery.js';
import type { ApiClient, ApiResponse } from './transport.js';

export interface ListOptions {
  /** Items per page (the `limit` parameter). */
  readonly pageSize: number;
  /**
   * Items still allowed, shared by the lists running at once and spent as items arrive: memory
   * stays bounded on huge or hostile clusters. A list that meets the end of it is truncated.
   */
  readonly budget: { remaining: number };
}

export type ListOutcome =
  | {
      readonly ok: true;
      /** The items as the server sent them (list items carry no apiVersion or kind). */
      readonly items: readonly unknown[];
      /** The list stopped early because the shared budget ran out. */
      readonly truncated: boolean;
    }
  | { readonly ok: false; readonly response: Exclude<ApiResponse, { kind: 'ok' }> };

/** The list endpoint across all namespaces, or in one namespace. */
export function listPath(resource: ServedResource, namespace?: string): string {
  const root = resource.group === '' ? `/api/${resource.groupVersion}` : `/apis/${resource.groupVersion}`;
  return namespace === undefined ? `${root}/${resource.plural}` : `${root}/namespaces/${encodeURIComponent(namespace)}/${resource.plural}`;
}

/** Fresh starts after expired continue tokens before the list is reported as failed. */
const MAX_RESTARTS = 3;

export async function listAll(client: ApiClient, resource: ServedResource, options: ListOptions, namespace?: string): Promise<ListOutcome> {
  const path = listPath(resource, namespace);
  const items: unknown[] = [];
  const seenTokens = new Set<string>();
  let token = '';
  let restarts = 0;
  let pageSize = options.pageSize;
  for (;;) {
    const query: Record<string, string> = { limit: String(pageSize) };
    if (token !== '') query['continue'] = token;
    const response = await client.get(path, query);
    // A page over the response limit (500 Helm release Secrets of a few hundred kilobytes each)
    // is asked for again in smaller pages, down to one object, rather than losing the kind.
    if (response.kind === 'failed' && response.tooLarge === true && pageSize > 1) {
      pageSize = Math.floor(pageSize / 2);
      continue;
    }
    if (response.kind !== 'ok') {
      // A continue token outlives etcd compaction only so long (410 Expired). Start the list
      // again, still in pages: the long lists that meet this are the ones whose single
      // unpaginated response (client-go's pager fallback) would be too large to read.
      if (token !== '' && response.kind === 'status' && response.code === 410 && restarts < MAX_RESTARTS) {
        restarts += 1;
        options.budget.remaining += items.length; // the pages read so far are dropped
        items.length = 0;
        seenTokens.clear();
        token = '';
        continue;
      }
      return { ok: false, response };
    }
    const page = pageOf(response.body);
    if (page === undefined) return { ok: false, response: { kind: 'failed', message: `${path} did not answer with a list` } };
    for (const item of page.items) {
      if (options.budget.remaining <= 0) return { ok: true, items, truncated: true };
      options.budget.remaining -= 1;
      items.push(item);
    }
    if (page.continueToken === '') return { ok: true, items, truncated: false };
    // A server that hands back a token it already gave would loop forever.
    if (seenTokens.has(page.continueToken)) return { ok: false, response: { kind: 'failed', message: `${path} repeated a continue token` } };
    seenTokens.add(page.continueToken);
    token = page.continueToken;
  }
}

/** A list response: {items: [...], metadata: {continue?: "..."}}. */
function pageOf(body: unknown): { items: readonly unknown[]; continueToken: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { items, metadata } = body as { items?: unknown; metadata?: unknown };
  // An empty list may come with "items": null from some servers and aggregated APIs.
  if (items !== null && items !== undefined && !Array.isArray(items)) return undefined;
  const token = typeof metadata === 'object' && metadata !== null ? (metadata as { continue?: unknown }).continue : undefined;
  return { items: Array.isArray(items) ? (items as unknown[]) : [], continueToken: typeof token === 'string' ? token : '' };
}
