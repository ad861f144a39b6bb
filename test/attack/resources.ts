/** Resources from inline YAML for the attack tests (positions are not needed there). */
import { parseAllDocuments } from 'yaml';
import type { JsonObject, Resource } from '../../src/model/resource.js';

const NO_POSITIONS = { get: () => undefined, nearest: () => undefined };

export function resourcesOf(text: string): Resource[] {
  return parseAllDocuments(text).map((doc, i) => {
    const object = doc.toJSON() as JsonObject;
    const meta = object.metadata as { name: string; namespace?: string };
    return { apiVersion: object.apiVersion as string, kind: object.kind as string, name: meta.name, ...(meta.namespace === undefined ? {} : { namespace: meta.namespace }), object, source: { file: 'test.yaml', documentIndex: i, pointerPrefix: '', position: { line: 1, column: 1 }, positions: NO_POSITIONS } };
  });
}
