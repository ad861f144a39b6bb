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

const LIST_FIELDS: readonly (readonly [string, ReferenceKind])[] = [
  ['resources', 'either'],
  ['bases', 'directory'],
  ['components', 'directory'],
  ['generators', 'either'],
  ['transformers', 'either'],
  ['validators', 'either'],
  ['crds', 'file'],
  ['configurations', 'file'],
  ['patchesStrategicMerge', 'file'],
];
/** Lists of objects whose `path` names a file. */
const PATH_OBJECT_FIELDS = ['patches', 'patchesJson6902', 'replacements'] as const;
/** Generators whose `files`, `envs` and `env` name files. */
const GENERATOR_FIELDS = ['configMapGenerator', 'secretGenerator'] as const;

/** Every path-like entry of a parsed kustomization, in the order of its fields. */
export function referencesOf(kustomization: Readonly<Record<string, unknown>>): Reference[] {
  const found: Reference[] = [];
  for (const [field, kind] of LIST_FIELDS) {
    asArray(kustomization[field]).forEach((entry, index) => {
      // An inline patch (patchesStrategicMerge may hold the patch itself) is no path.
      if (typeof entry === 'string' && !entry.includes('\n')) found.push({ field, entry, kind, pointer: `/${field}/${index}` });
    });
  }
  for (const field of PATH_OBJECT_FIELDS) {
    asArray(kustomization[field]).forEach((item, index) => {
      const entry = asRecord(item)?.['path'];
      if (typeof entry === 'string') found.push({ field, entry, kind: 'file', pointer: `/${field}/${index}/path` });
    });
  }
  const openapi = asRecord(kustomization['openapi'])?.['path'];
  if (typeof openapi === 'string') found.push({ field: 'openapi', entry: openapi, kind: 'file', pointer: '/openapi/path' });
  for (const field of GENERATOR_FIELDS) {
    asArray(kustomization[field]).forEach((item, index) => {
      const generator = asRecord(item);
      // `files` entries may name their key: `key=path`.
      asArray(generator?.['files']).forEach((entry, at) => {
        if (typeof entry === 'string') found.push({ field, entry: entry.slice(entry.indexOf('=') + 1), kind: 'file', pointer: `/${field}/${index}/files/${at}` });
      });
      asArray(generator?.['envs']).forEach((entry, at) => {
        if (typeof entry === 'string') found.push({ field, entry, kind: 'file', pointer: `/${field}/${index}/envs/${at}` });
      });
      const env = generator?.['env'];
      if (typeof env === 'string') found.push({ field, entry: env, kind: 'file', pointer: `/${field}/${index}/env` });
    });
  }
  return found;
}
