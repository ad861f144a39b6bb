/**
 * Turns a list item into a Resource: what the scan needs, and nothing it should not hold.
 */
import type { Position, PositionMap } from '../../model/source.js';
import type { JsonObject, Resource } from '../../model/resource.js';
import type { ServedResource } from './discovery.js';
import { isJsonObject } from '../../lib/k8s/values.js';

/** Objects read from a cluster have no lines; findings point at the object as a whole. */
export const CLUSTER_POSITION: Position = { line: 1, column: 1 };
export const NO_POSITIONS: PositionMap = { get: () => undefined, nearest: () => undefined };

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** `cluster:<context>`: how a cluster is named as an input. */
export function clusterInputName(context: string): string {
  return `cluster:${context}`;
}

/**
 * The item with apiVersion and kind filled in (list items omit them) and managedFields dropped
 * (bookkeeping of who set which field: large, and no rule reads it). Undefined when the item is
 * not an object or has no name.
 */
export function toResource(item: unknown, served: ServedResource, file: string, documentIndex: number): Resource | undefined {
  if (!isJsonObject(item)) return undefined;
  const metadata = item['metadata'];
  if (!isJsonObject(metadata) || typeof metadata['name'] !== 'string' || metadata['name'] === '') return undefined;
  const keptMetadata = without(metadata, ['managedFields']);
  let object: JsonObject = { apiVersion: served.groupVersion, kind: served.kind, metadata: keptMetadata, ...without(item, ['apiVersion', 'kind', 'metadata']) };
  if (served.group === '' && served.kind === 'Secret') object = withoutSecretValues(object);
  const namespace = keptMetadata['namespace'];
  return {
    apiVersion: served.groupVersion,
    kind: served.kind,
    ...(served.namespaced && typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
    name: metadata['name'],
    object,
    source: { file, documentIndex, pointerPrefix: '', position: CLUSTER_POSITION, positions: NO_POSITIONS },
  };
}

/**
 * Secrets keep their keys (rules look at which keys and types exist) but every value becomes "",
 * so the scan never holds secret material it does not need, and a snapshot never writes it to
 * disk. kubectl's last-applied annotation repeats the whole object, values included, so it is
 * blanked the same way.
 */
export function withoutSecretValues(secret: JsonObject): JsonObject {
  const result: JsonObject = { ...blankValues(secret) };
  const metadata = result['metadata'];
  if (isJsonObject(metadata) && isJsonObject(metadata['annotations'])) {
    const annotations = metadata['annotations'];
    const lastApplied = annotations[LAST_APPLIED];
    if (typeof lastApplied === 'string') {
      result['metadata'] = { ...metadata, annotations: { ...annotations, [LAST_APPLIED]: blankLastApplied(lastApplied) } };
    }
  }
  return result;
}

function blankValues(object: JsonObject): JsonObject {
  const result: JsonObject = { ...object };
  for (const field of ['data', 'stringData']) {
    const values = result[field];
    if (isJsonObject(values)) result[field] = Object.fromEntries(Object.keys(values).map((key) => [key, '']));
  }
  return result;
}

function blankLastApplied(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? `${JSON.stringify(blankValues(parsed))}\n` : '';
  } catch {
    // Unreadable: it may still hold the values, so none of it is kept.
    return '';
  }
}

function without(object: JsonObject, keys: readonly string[]): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}


