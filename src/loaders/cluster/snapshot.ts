/**
 * `palisade snapshot`: everything a load read, written as one `kind: List` document that the
 * manifest loader reads back, so a cluster can be scanned offline, later, or elsewhere.
 */
import jsYaml from 'js-yaml';
import type { LoadResult } from '../../core/loader.js';
import type { Resource } from '../../model/resource.js';

export type SnapshotFormat = 'yaml' | 'json';

/**
 * The snapshot must read the same under YAML 1.2 (the manifest loader, js-yaml) and YAML 1.1
 * (kubectl): a string one of them would take for a number must be quoted. js-yaml quotes what
 * its 1.2 schema would resolve, and the 1.1 booleans (yes, on) in its compatibility mode; this
 * resolver adds every number-shaped string (1_000, +.5, 0o17, 1:20), so those are quoted too.
 * Quoting a string that needed none costs nothing: it still reads as the same string.
 */
const NUMBER_SHAPED = /^[-+]?\.?[0-9][-+0-9a-fA-FxXoObB_.:eE]*$/;
const numberShaped = new jsYaml.Type('tag:palisade.dev,2026:number-shaped', {
  kind: 'scalar',
  resolve: (text: string) => NUMBER_SHAPED.test(text),
  construct: (text: string) => text,
});
const SNAPSHOT_SCHEMA = jsYaml.DEFAULT_SCHEMA.extend({ implicit: [numberShaped] });

export function writeSnapshot(result: LoadResult, format: SnapshotFormat): string {
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    metadata: {},
    items: [...result.resources].sort(compareResources).map((resource) => resource.object),
  };
  if (format === 'json') return `${JSON.stringify(list, null, 2)}\n`;
  // No line folding (long annotations and certificates stay on one line) and no anchors.
  return jsYaml.dump(list, { schema: SNAPSHOT_SCHEMA, lineWidth: -1, noRefs: true });
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
