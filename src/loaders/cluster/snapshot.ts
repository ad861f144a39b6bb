/**
 * `palisade snapshot`: everything a load read, written as one `kind: List` document that the
 * manifest loader reads back, so a cluster can be scanned offline, later, or elsewhere.
 */
import { Document, visit } from 'yaml';
import type { LoadResult } from '../../core/loader.js';
import type { Resource } from '../../model/resource.js';

export type SnapshotFormat = 'yaml' | 'json';

/**
 * YAML 1.2 reads "0o17" as the number 15, YAML 1.1 does not, so a 1.1 writer leaves it plain.
 * Everything else a 1.1 reader would take for a non-string (yes, on, 010, 1_000) the 1.1 writer
 * already quotes, so the output reads the same under both versions (kubectl's parser is 1.1).
 */
const YAML12_ONLY_OCTAL = /^[-+]?0o[0-7_]+$/i;

export function writeSnapshot(result: LoadResult, format: SnapshotFormat): string {
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    metadata: {},
    items: [...result.resources].sort(compareResources).map((resource) => resource.object),
  };
  if (format === 'json') return `${JSON.stringify(list, null, 2)}\n`;
  const document = new Document(list, { version: '1.1' });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && YAML12_ONLY_OCTAL.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // No line folding: long values (annotations, certificates) stay on one line, as kubectl writes them.
  return document.toString({ lineWidth: 0 });
}

/** Kind, then namespace (cluster-scoped first), then name; code-point order, so no locale decides. */
export function compareResources(a: Resource, b: Resource): number {
  return (
    compareText(a.kind, b.kind) ||
    compareText(a.namespace ?? '', b.namespace ?? '') ||
    compareText(a.name, b.name) ||
    compareText(a.apiVersion, b.apiVersion) ||
    compareText(a.source.file, b.source.file) ||
    a.source.documentIndex - b.source.documentIndex
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
