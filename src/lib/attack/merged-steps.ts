/**
 * The steps of drawn attack paths merged per pair of nodes: two steps between the same nodes are
 * one line, in the DOT picture and the HTML report's alike.
 */
import type { AttackPath } from '../../model/attack.js';
import { compareText } from '../compare.js';

export interface MergedStep {
  readonly from: string;
  readonly to: string;
  readonly kinds: readonly string[];
  /** How many of the paths use this edge. */
  readonly paths: number;
  readonly explanations: readonly string[];
  /** Numbers (1-based, in cut order) of the chosen fixes that remove this edge. */
  readonly fixes: readonly number[];
}

/** The key of the edge between two nodes (a step's `from` and `to`). */
export function stepKey(step: { readonly from: string; readonly to: string }): string {
  return `${step.from}\u0000${step.to}`;
}

/** The cut's fixes numbered from 1, in cut order: how pictures name them. */
export function fixNumbersOf(cutFixIds: readonly string[]): Map<string, number> {
  return new Map(cutFixIds.map((id, i) => [id, i + 1]));
}

/** The paths' steps merged per pair of nodes, each list sorted, edges ordered by `from` then `to`. */
export function mergePathSteps(paths: readonly AttackPath[], fixNumbers: ReadonlyMap<string, number>): MergedStep[] {
  const merged = new Map<string, { from: string; to: string; kinds: Set<string>; paths: Set<string>; explanations: Set<string>; fixes: Set<number> }>();
  for (const path of paths) {
    for (const step of path.steps) {
      const key = stepKey(step);
      let edge = merged.get(key);
      if (edge === undefined) {
        edge = { from: step.from, to: step.to, kinds: new Set(), paths: new Set(), explanations: new Set(), fixes: new Set() };
        merged.set(key, edge);
      }
      edge.kinds.add(step.kind);
      edge.paths.add(path.id);
      edge.explanations.add(step.explanation);
      for (const fix of step.fixIds) {
        const number = fixNumbers.get(fix);
        if (number !== undefined) edge.fixes.add(number);
      }
    }
  }
  return [...merged.values()]
    .map((e) => ({
      from: e.from,
      to: e.to,
      kinds: [...e.kinds].sort(compareText),
      paths: e.paths.size,
      explanations: [...e.explanations].sort(compareText),
      fixes: [...e.fixes].sort((a, b) => a - b),
    }))
    .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to));
}
