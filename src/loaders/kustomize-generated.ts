/**
 * Where an object that a kustomization generated was written: configMapGenerator and
 * secretGenerator entries have no file of their own, and the rendered output's lines mean nothing
 * to the user. kustomize's origin annotation names the kustomization that generated the object
 * (`configuredIn:`); the object is placed at its generator entry there, and a data key at the
 * literal or file entry that supplied it, so a secret in a generated ConfigMap points at the
 * `- PASSWORD=...` line the user wrote.
 */
import path from 'node:path';
import type { Position, PositionMap } from '../model/source.js';
import { unescapeToken } from '../lib/json-pointer.js';
import { asRecord } from '../lib/k8s/values.js';
import type { ParsedDocument } from '../lib/yaml/index.js';

const GENERATORS: Readonly<Record<string, string>> = { ConfigMap: 'configMapGenerator', Secret: 'secretGenerator' };

/** The `configuredIn:` path of an origin annotation: the kustomization file of a generator. */
export function configuredIn(origin: string): string | undefined {
  return /^configuredIn:\s*(\S.*?)\s*$/m.exec(origin)?.[1];
}

/**
 * The rendered object placed in its kustomization file (`documents`, parsed): at the generator
 * entry of the same kind whose name the rendered name contains (namePrefix and the hash suffix
 * only add to it; the longest wins). Undefined when there is no such entry.
 */
export function generatedDocument(documents: readonly ParsedDocument[], rendered: Readonly<Record<string, unknown>>): ParsedDocument | undefined {
  const kind = rendered['kind'];
  const name = asRecord(rendered['metadata'])?.['name'];
  const field = typeof kind === 'string' ? GENERATORS[kind] : undefined;
  const kustomization = documents[0];
  if (field === undefined || typeof name !== 'string' || kustomization === undefined) return undefined;
  const entries = asRecord(kustomization.value)?.[field];
  if (!Array.isArray(entries)) return undefined;
  let best: { index: number; length: number } | undefined;
  entries.forEach((entry: unknown, index) => {
    const own = asRecord(entry)?.['name'];
    if (typeof own === 'string' && name.includes(own) && (best === undefined || own.length > best.length)) best = { index, length: own.length };
  });
  if (best === undefined) return undefined;
  const at = `/${field}/${best.index}`;
  const position = kustomization.positions.get(at);
  if (position === undefined) return undefined;
  const entry = asRecord(entries[best.index]) ?? {};
  return { index: kustomization.index, value: rendered, position, positions: entryPositions(kustomization.positions, at, entry, position) };
}

/**
 * Every pointer of the generated object at the generator entry, except its data keys
 * (`/data/KEY`, `/binaryData/KEY`, `/stringData/KEY`), which are at the `literals`, `files` or
 * `envs` item that supplied them when one can be told.
 */
function entryPositions(positions: PositionMap, at: string, entry: Readonly<Record<string, unknown>>, position: Position): PositionMap {
  const of = (pointer: string): Position => {
    const key = /^\/(?:data|binaryData|stringData)\/([^/]+)/.exec(pointer)?.[1];
    const source = key === undefined ? undefined : sourceOfKey(entry, unescapeToken(key));
    return (source === undefined ? undefined : positions.get(`${at}/${source}`)) ?? position;
  };
  return {
    get: of,
    nearest: (pointer) => ({ pointer, position: of(pointer) }),
  };
}

/** The `literals/N` or `files/N` item that gives a data key (`KEY=value`, `KEY=path`, or a path named KEY). */
function sourceOfKey(entry: Readonly<Record<string, unknown>>, key: string): string | undefined {
  for (const field of ['literals', 'files'] as const) {
    const items = entry[field];
    if (!Array.isArray(items)) continue;
    const index = items.findIndex((item: unknown) => typeof item === 'string' && (item.startsWith(`${key}=`) || (field === 'files' && !item.includes('=') && path.basename(item) === key)));
    if (index !== -1) return `${field}/${index}`;
  }
  // A key from an env file: the file is all that can be named.
  const envs = entry['envs'];
  return Array.isArray(envs) && envs.length === 1 ? 'envs/0' : undefined;
}
