/**
 * The paths a kustomization names, field by field, as kustomize loads them. kustomize tells two
 * kinds apart (api/internal/loader/fileloader.go): files it reads through its load restrictor
 * (patches, generator sources, CRD and configuration files, and resources that are files), and
 * other kustomizations it builds on (resources, bases and components that are directories),
 * which are not restricted. Each entry carries its JSON pointer in the kustomization, so a
 * problem can point at the line that names it.
 */
import { asArray, asRecord } from '../lib/k8s/values.js';

/**
 * `file`: read as a file; `either`: a file, else a kustomization directory (resources,
 * generators, transformers, validators); `directory`: a kustomization directory (bases, components).
 */
export type ReferenceKind = 'file' | 'either' | 'directory';

export interface Reference {
  readonly field: string;
  readonly entry: string;
  readonly kind: ReferenceKind;
  /** Where the entry is in the kustomization: `/configMapGenerator/0/files/1`. */
  readonly pointer: string;
}

const LIST_FIELDS: ReadonlyMap<string, ReferenceKind> = new Map([
  ['resources', 'either'],
  ['bases', 'directory'],
  ['components', 'directory'],
  ['generators', 'either'],
  ['transformers', 'either'],
  ['validators', 'either'],
  ['crds', 'file'],
  ['configurations', 'file'],
  ['patchesstrategicmerge', 'file'],
]);
/** Lists of objects whose `path` names a file. */
const PATH_OBJECT_FIELDS = new Set(['patches', 'patchesjson6902', 'replacements']);
/** Generators whose `files`, `envs` and `env` name files. */
const GENERATOR_FIELDS = new Set(['configmapgenerator', 'secretgenerator']);

/**
 * A field name as kustomize matches it: it decodes the kustomization with Go's encoding/json,
 * which matches field names without regard to case, Unicode folding included (`Resources`,
 * `RESOURCES` and `reſources` are all `resources`). Upper-casing first folds `ſ` to `S`, and
 * lower-casing the Kelvin sign gives `k`.
 */
export function folded(key: string): string {
  return key.toUpperCase().toLowerCase();
}

/** The entries of a mapping whose key folds to one of `names`, with the key as written. */
export function fields(value: unknown, names: ReadonlySet<string> | ReadonlyMap<string, unknown>): [string, string, unknown][] {
  return Object.entries(asRecord(value) ?? {}).flatMap(([key, item]): [string, string, unknown][] => (names.has(folded(key)) ? [[key, folded(key), item]] : []));
}

/** A JSON pointer token (`~` and `/` escaped). */
export function token(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Every path-like entry of a parsed kustomization, in the order of its fields. */
export function referencesOf(kustomization: Readonly<Record<string, unknown>>): Reference[] {
  const found: Reference[] = [];
  for (const [key, name, list] of fields(kustomization, LIST_FIELDS)) {
    const kind = LIST_FIELDS.get(name) ?? 'file';
    const field = key;
    asArray(list).forEach((entry, index) => {
      // An inline patch (patchesStrategicMerge may hold the patch itself) is no path.
      if (typeof entry === 'string' && !entry.includes('\n')) found.push({ field, entry, kind, pointer: `/${token(key)}/${String(index)}` });
    });
  }
  for (const [key, , list] of fields(kustomization, PATH_OBJECT_FIELDS)) {
    asArray(list).forEach((item, index) => {
      for (const [pathKey, , entry] of fields(item, new Set(['path']))) {
        if (typeof entry === 'string') found.push({ field: key, entry, kind: 'file', pointer: `/${token(key)}/${String(index)}/${token(pathKey)}` });
      }
    });
  }
  for (const [key, , openapi] of fields(kustomization, new Set(['openapi']))) {
    for (const [pathKey, , entry] of fields(openapi, new Set(['path']))) {
      if (typeof entry === 'string') found.push({ field: key, entry, kind: 'file', pointer: `/${token(key)}/${token(pathKey)}` });
    }
  }
  for (const [key, , list] of fields(kustomization, GENERATOR_FIELDS)) {
    asArray(list).forEach((generator, index) => {
      const at = `/${token(key)}/${String(index)}`;
      for (const [sourceKey, source, value] of fields(generator, new Set(['files', 'envs', 'env']))) {
        const entries = source === 'env' ? [value] : asArray(value);
        entries.forEach((entry, item) => {
          if (typeof entry !== 'string') return;
          // `files` entries may name their key: `key=path`.
          const file = source === 'files' ? entry.slice(entry.indexOf('=') + 1) : entry;
          found.push({ field: key, entry: file, kind: 'file', pointer: source === 'env' ? `${at}/${token(sourceKey)}` : `${at}/${token(sourceKey)}/${String(item)}` });
        });
      }
    });
  }
  return found;
}

/** The values of the generator literals of a kustomization (`KEY=value`, or the whole entry without `=`). */
export function literalValues(kustomization: Readonly<Record<string, unknown>>): string[] {
  return fields(kustomization, GENERATOR_FIELDS).flatMap(([, , list]) =>
    asArray(list).flatMap((generator) =>
      fields(generator, new Set(['literals'])).flatMap(([, , literals]) => asArray(literals).flatMap((literal) => (typeof literal === 'string' ? [literal.slice(literal.indexOf('=') + 1)] : []))),
    ),
  );
}
