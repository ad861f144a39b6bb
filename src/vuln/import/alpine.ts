/**
 * Alpine secdb -> Advisory, one advisory per (branch, package, fixed version, id):
 *  - the published JSON (https://secdb.alpinelinux.org/v3.19/main.json):
 *    { distroversion, reponame, packages: [{ pkg: { name, secfixes: { version: [ids] } } }] }
 *  - its flattened JSON lines: { distroversion, reponame, package, fixed_version, ids }
 * secdb keys packages by origin (source) name; fixed version "0" means never affected.
 */
import type { Advisory } from '../advisory.js';
import { platformKey } from '../names.js';
import { type JsonObject, arrayAt, isObject, objectAt, stringAt, strings } from './json-shape.js';

export function looksLikeAlpineSecdb(value: unknown): value is JsonObject {
  return isObject(value) && typeof value.distroversion === 'string' && Array.isArray(value.packages);
}

export function looksLikeAlpineLine(value: unknown): value is JsonObject {
  return isObject(value) && typeof value.distroversion === 'string' && typeof value.fixed_version === 'string';
}

export function* alpineSecdbAdvisories(doc: JsonObject): Generator<Advisory> {
  const branch = stringAt(doc, 'distroversion') ?? '';
  for (const entry of arrayAt(doc, 'packages')) {
    const pkg = isObject(entry) ? objectAt(entry, 'pkg') : undefined;
    const name = pkg === undefined ? undefined : stringAt(pkg, 'name');
    const secfixes = pkg === undefined ? undefined : objectAt(pkg, 'secfixes');
    if (name === undefined || secfixes === undefined) continue;
    for (const [fixed, ids] of Object.entries(secfixes)) {
      yield* alpineFix(branch, name, fixed, Array.isArray(ids) ? strings(ids as unknown[]) : []);
    }
  }
}

export function* alpineLineAdvisories(line: JsonObject): Generator<Advisory> {
  const branch = stringAt(line, 'distroversion') ?? '';
  const name = stringAt(line, 'package');
  const fixed = stringAt(line, 'fixed_version');
  if (name === undefined || fixed === undefined) return;
  yield* alpineFix(branch, name, fixed, strings(arrayAt(line, 'ids')));
}

function* alpineFix(branch: string, name: string, fixed: string, idTexts: readonly string[]): Generator<Advisory> {
  if (fixed === '0') return;
  // An entry may hold several ids separated by spaces ("CVE-2019-1 CVE-2019-2"); XSA/ALPINE ids too.
  const ids = idTexts.flatMap((text) => text.split(/\s+/)).filter((id) => /^[A-Z][A-Z0-9]*-[\w.-]+$/.test(id));
  for (const id of ids) {
    yield {
      key: `${branch}/${name}@${fixed} ${id}`,
      id,
      aliases: [],
      related: [],
      summary: '',
      severity: [],
      affected: [{ scheme: 'apk', platform: platformKey('alpine', branch), name, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }], versions: [], severity: [] }],
    };
  }
}
