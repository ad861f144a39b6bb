/**
 * The connectivity list in a form that does not depend on how the address space is cut: external
 * ranges with the same verdict towards the same workload are merged, so deleting an ipBlock that
 * changes nothing but the cut points compares equal.
 */
import type { Resource } from '../../src/model/resource.js';
import { connectivityList } from '../../src/graph/netpol/connlist.js';
import type { NetworkPolicy } from '../../src/graph/netpol/model.js';

/** Sorted lines, or undefined when the engine refuses the input. */
export function normalisedList(resources: readonly Resource[]): string[] | undefined {
  let lines;
  try {
    lines = connectivityList(resources).lines;
  } catch {
    return undefined;
  }
  const out: string[] = [];
  const segments = new Map<string, [number, number, string][]>();
  for (const l of lines) {
    const range = l.srcRange ?? l.dstRange;
    if (range === undefined) {
      out.push(`${l.src} => ${l.dst} : ${l.conn}`);
      continue;
    }
    const key = l.srcRange === undefined ? `${l.src} => external` : `external => ${l.dst}`;
    const list = segments.get(key) ?? [];
    for (const [s, e] of range.intervals) list.push([s, e, l.conn]);
    segments.set(key, list);
  }
  for (const [key, list] of segments) {
    list.sort((a, b) => a[0] - b[0]);
    const merged: [number, number, string][] = [];
    for (const seg of list) {
      const last = merged[merged.length - 1];
      if (last !== undefined && last[1] + 1 === seg[0] && last[2] === seg[2]) last[1] = seg[1];
      else merged.push([...seg]);
    }
    for (const [s, e, conn] of merged) out.push(`${key} ${s}-${e} : ${conn}`);
  }
  return out.sort();
}

/** The resources with one policy's spec edited (policyTypes pinned, so removing the last rule keeps the policy's meaning). */
export function editPolicy(resources: readonly Resource[], policy: NetworkPolicy, edit: (spec: Record<string, unknown[]>) => void): Resource[] {
  return resources.map((r) => {
    if (r !== policy.resource) return r;
    const object = structuredClone(r.object) as Record<string, unknown>;
    const spec = (object.spec ?? {}) as Record<string, unknown[]>;
    spec.policyTypes = [...(policy.affectsIngress ? ['Ingress'] : []), ...(policy.affectsEgress ? ['Egress'] : [])];
    edit(spec);
    return { ...r, object: object as Resource['object'] };
  });
}
