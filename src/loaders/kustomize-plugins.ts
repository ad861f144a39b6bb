/**
 * kustomize's builtin plugins, configured by the `generators`, `transformers` and `validators` of a
 * kustomization: an entry is a configuration written inline (a YAML string), a file holding
 * configurations, or a kustomization whose resources are configurations. A configuration names
 * files of its own (a PatchTransformer's `path`, a PatchStrategicMergeTransformer's `paths`, a
 * ConfigMapGenerator's `files` and `envs`, a ReplacementTransformer's `replacements[].path`),
 * which kustomize loads through the loader of the kustomization that lists the plugin: a URL is
 * fetched (checked: `path: https://...` makes kubectl kustomize dial out) and a local path is
 * bound by the load restrictor to that kustomization's directory. So those paths are checked as
 * the kustomization's own references are.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { asArray, asRecord } from '../lib/k8s/values.js';
import { parseStream } from '../lib/yaml/index.js';
import { fields, folded, token, type Reference } from './kustomize-references.js';
import { readFileBounded } from './read-bounded.js';

export const PLUGIN_FIELDS: ReadonlySet<string> = new Set(['generators', 'transformers', 'validators']);

/** Keys of builtin plugin configurations that name files (folded, as kustomize matches them). */
const PATH_KEYS = new Set(['path', 'paths', 'files', 'envs', 'env', 'valuesfile', 'additionalvaluesfiles']);

/** A configuration file is a few KiB. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** A plugin configuration and the reference of the kustomization it came from. */
export interface PluginConfig {
  readonly reference: Reference;
  readonly text: string;
}

/**
 * The file-like strings of plugin configuration text, every document, at any depth (a
 * `fieldSpecs` path such as `spec/template` is taken too: it names no file, so it is no finding).
 */
export function configPaths(text: string): string[] {
  const found: string[] = [];
  const pending: unknown[] = parseStream(text).documents.map((document) => document.value);
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
      continue;
    }
    for (const [key, item] of Object.entries(asRecord(value) ?? {})) {
      if (!PATH_KEYS.has(folded(key))) {
        pending.push(item);
        continue;
      }
      for (const entry of typeof item === 'string' ? [item] : asArray(item)) {
        // Generator `files` may name their key: `key=path`.
        if (typeof entry === 'string') found.push(folded(key) === 'files' ? entry.slice(entry.indexOf('=') + 1) : entry);
      }
    }
  }
  return found;
}

/** The plugin configurations written inline in a kustomization. */
export function inlineConfigs(kustomization: Readonly<Record<string, unknown>>): PluginConfig[] {
  return fields(kustomization, PLUGIN_FIELDS).flatMap(([key, , list]) =>
    asArray(list).flatMap((entry, index) => (typeof entry === 'string' && entry.includes('\n') ? [{ reference: { field: key, entry, kind: 'file' as const, pointer: `/${token(key)}/${String(index)}` }, text: entry }] : [])),
  );
}

/**
 * The text of the local configuration file a reference names, when it is a regular file; `too-large`
 * for one that is not read (what it names could not be checked); undefined when there is none.
 */
export function configFile(reference: Reference, dir: string): PluginConfig | 'too-large' | undefined {
  const file = path.resolve(dir, reference.entry);
  try {
    if (!statSync(file).isFile()) return undefined;
    const read = readFileBounded(file, MAX_CONFIG_BYTES);
    if (read.kind === 'too-large') return 'too-large';
    return read.kind === 'text' ? { reference, text: read.text } : undefined;
  } catch {
    return undefined; // kustomize reports what it cannot read
  }
}
