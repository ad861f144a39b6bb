/** Finding and reading a directory's kustomization file (without rendering it). */
import { readdirSync, realpathSync } from 'node:fs';
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

/** Whether the real path `real` lies in or below the real directory `root`. */
export function isWithin(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * The kustomization file of a directory, the first of KUSTOMIZATION_FILES present, and whether
 * kustomize would read it: it reads it through its load restrictor, so a kustomization file that
 * is a link out of its directory is no kustomization to kustomize ("unable to find one of
 * 'kustomization.yaml'...") and must not be read here either (it could be any file of the host).
 */
export function kustomizationFile(dir: string): { readonly file: string; readonly readable: boolean } | undefined {
  let names: Set<string>;
  try {
    names = new Set(readdirSync(dir));
  } catch {
    return undefined;
  }
  const name = KUSTOMIZATION_FILES.find((candidate) => names.has(candidate));
  if (name === undefined) return undefined;
  const file = path.join(dir, name);
  try {
    return { file, readable: isWithin(realpathSync(file), realpathSync(dir)) };
  } catch {
    return { file, readable: false }; // a dangling link: kustomize cannot read it either
  }
}

/** A kustomization file is a few hundred bytes; anything near this is not one. */
const MAX_KUSTOMIZATION_BYTES = 1024 * 1024;

/** The text of a directory's kustomization file; undefined when absent, unreadable, a link out of the directory or too large. */
export function readKustomizationText(dir: string): string | undefined {
  const found = kustomizationFile(dir);
  if (found?.readable !== true) return undefined;
  try {
    const read = readFileBounded(found.file, MAX_KUSTOMIZATION_BYTES);
    return read.kind === 'text' ? read.text : undefined;
  } catch {
    return undefined;
  }
}

/** The kustomization file of a directory, parsed; undefined when it cannot be read (see readKustomizationText) or is not YAML. */
export function readKustomization(dir: string): unknown {
  const text = readKustomizationText(dir);
  if (text === undefined) return undefined;
  try {
    // Aliases resolve to shared references in js-yaml, so an alias bomb costs no memory here.
    return jsYaml.load(text, { schema: jsYaml.JSON_SCHEMA });
  } catch {
    return undefined;
  }
}
