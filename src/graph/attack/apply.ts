/**
 * Applies chosen fixes to a copy of the input, as a user would: new objects are added, merge
 * patches are applied with Kubernetes' strategic-merge rules for the lists a fix touches
 * (containers and volumes by name, ports by containerPort; `null` deletes a key), deletions remove
 * the object, package upgrades drop the vulnerabilities they fix, and remove-verb fixes given as
 * candidates take their verbs out of the role as it stands (each written patch is a whole `rules`
 * list, so two on one role would overwrite each other). Used to re-run the analysis on
 * the fixed input, in the analysis itself and in the tests.
 */
import { parse } from 'yaml';
import type { AttackFix, ImageVulnerabilities } from '../../model/attack.js';
import type { JsonObject, JsonValue, Resource, ResourceRef } from '../../model/resource.js';
import type { PositionMap } from '../../model/source.js';
import type { FixCandidate } from './graph.js';
import { revokeRules } from './remove-verb.js';
import { isJsonObject } from '../../lib/k8s/values.js';

/**
 * The strategic-merge keys of the lists fixes touch. `ports` is two lists in the API: a
 * container's, keyed by containerPort, and a Service's, keyed by port; an item says which it is.
 */
const MERGE_KEYS: Readonly<Record<string, readonly string[]>> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  volumes: ['name'],
  ports: ['containerPort', 'port'],
  volumeMounts: ['mountPath'],
  env: ['name'],
};

const NO_POSITIONS: PositionMap = { get: () => undefined, nearest: () => undefined };

export function strategicMerge(target: JsonValue | undefined, patch: JsonValue, key?: string): JsonValue {
  if (patch === null || typeof patch !== 'object') return patch;
  if (Array.isArray(patch)) {
    const mergeKeys = key === undefined ? undefined : MERGE_KEYS[key];
    if (mergeKeys === undefined || !Array.isArray(target)) return patch;
    const out = [...target];
    for (const item of patch) {
      const mergeKey = mergeKeys.find((k) => isJsonObject(item) && item[k] !== undefined) ?? mergeKeys[0] ?? '';
      const id = isJsonObject(item) ? item[mergeKey] : undefined;
      const at = out.findIndex((x) => isJsonObject(x) && id !== undefined && x[mergeKey] === id);
      if (at < 0) out.push(item);
      else out[at] = strategicMerge(out[at], item);
    }
    return out;
  }
  const base = new Map(Object.entries(isJsonObject(target) ? target : {}));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) base.delete(k);
    else base.set(k, strategicMerge(base.get(k), v, k));
  }
  return Object.fromEntries(base);
}


function sameRef(r: Resource, ref: ResourceRef): boolean {
  return r.kind === ref.kind && r.name === ref.name && (r.namespace ?? 'default') === (ref.namespace ?? 'default');
}

export interface FixedInput {
  readonly resources: Resource[];
  readonly vulnerabilities: ImageVulnerabilities[];
}

export function applyFixes(resources: readonly Resource[], vulnerabilities: readonly ImageVulnerabilities[], fixes: readonly (AttackFix | FixCandidate)[]): FixedInput {
  let out = [...resources];
  let vulns = [...vulnerabilities];
  for (const fix of fixes) {
    if (fix.kind === 'upgrade-package') {
      const image = fix.id.slice('upgrade-package:'.length);
      const fixed = new Set(vulns.find((v) => v.image === image)?.vulnerabilities.filter((v) => v.fixedVersion !== undefined).map((v) => v.id) ?? []);
      vulns = vulns.map((v) => (v.image === image ? { image, vulnerabilities: v.vulnerabilities.filter((x) => !fixed.has(x.id)) } : v));
      continue;
    }
    const revoke = 'revoke' in fix ? fix.revoke : undefined;
    if (revoke !== undefined && fix.resource !== undefined) {
      // A whole new rules list per fix: applied from the role as it is now, so several compose.
      const ref = fix.resource;
      out = out.map((r) => {
        const rules = sameRef(r, ref) ? revokeRules(r.object.rules, revoke) : undefined;
        return rules === undefined ? r : { ...r, object: { ...r.object, rules } };
      });
      continue;
    }
    if (fix.patch === undefined) continue;
    const patch = typeof fix.patch === 'string' ? (parse(fix.patch) as JsonValue) : fix.patch;
    const ref = fix.resource;
    if (fix.patchType === 'create' && isJsonObject(patch)) {
      const meta = isJsonObject(patch.metadata) ? patch.metadata : {};
      const name = typeof meta.name === 'string' ? meta.name : 'fix';
      const namespace = typeof meta.namespace === 'string' ? meta.namespace : undefined;
      out.push({ apiVersion: typeof patch.apiVersion === 'string' ? patch.apiVersion : '', kind: typeof patch.kind === 'string' ? patch.kind : '', name, ...(namespace === undefined ? {} : { namespace }), object: patch, source: { file: `palisade-fix:${fix.id}`, documentIndex: 0, pointerPrefix: '', position: { line: 1, column: 1 }, positions: NO_POSITIONS } });
    } else if (fix.patchType === 'delete' && ref !== undefined) {
      out = out.filter((r) => !sameRef(r, ref));
    } else if (fix.patchType === 'merge' && ref !== undefined) {
      out = out.map((r) => (sameRef(r, ref) ? { ...r, object: strategicMerge(r.object, patch) as JsonObject } : r));
    }
  }
  return { resources: out, vulnerabilities: vulns };
}
