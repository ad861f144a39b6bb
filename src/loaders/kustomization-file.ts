/** Finding and reading a directory's kustomization file (without rendering it). */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { readFileBounded } from './read-bounded.js';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

export function isKustomization(dir: string): boolean {
  try {
    const names = new Set(readdirSync(dir));
    return KUSTOMIZATION_FILES.some((name) => names.has(name));
  } catch {
    return false;
  }
}

/** A kustomization file is a few hundred bytes; anything near this is not one. */
const MAX_KUSTOMIZATION_BYTES = 1024 * 1024;

/** The first kustomization file of a directory, parsed; undefined when absent or not YAML. */
export function readKustomization(dir: string): unknown {
  for (const name of KUSTOMIZATION_FILES) {
    let read;
    try {
      read = readFileBounded(path.join(dir, name), MAX_KUSTOMIZATION_BYTES);
    } catch {
      continue;
    }
    if (read.kind !== 'text') return undefined;
    try {
      // Aliases resolve to shared references in js-yaml, so an alias bomb costs no memory here.
      return jsYaml.load(read.text, { schema: jsYaml.JSON_SCHEMA });
    } catch {
      return undefined;
    }
  }
  return undefined;
}
