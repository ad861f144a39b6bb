/**
 * ClusterRole aggregation, as the clusterrole-aggregation controller does it: an aggregated
 * ClusterRole's rules are REPLACED by the union of the rules of every other ClusterRole matched
 * by any of its clusterRoleSelectors, taken in name order, duplicates dropped. Aggregated roles
 * may feed each other (admin <- edit <- view), so the union is iterated to its least fixpoint,
 * which is what the controller converges to. A selector the API server would reject makes the
 * controller skip that role: its stored rules stay. So do the stored rules of a role whose
 * selectors match no ClusterRole of the input (an exported role without its sources).
 */
import type { Problem } from '../../model/problem.js';
import { InvalidSelectorError, selectorMatches, type LabelSelector, type LabelSelectorRequirement } from '../../lib/k8s/labels.js';
import { asArray, asRecord, asString, asStringMap } from '../../lib/k8s/values.js';
import type { RawRole } from './policy.js';
import { rbacProblem } from './problems.js';
import type { RoleDef, SourcedRule } from './types.js';

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

function readSelector(value: unknown): LabelSelector {
  const record = asRecord(value);
  if (record === undefined) throw new InvalidSelectorError('a selector must be a mapping');
  const expressions: LabelSelectorRequirement[] = asArray(record.matchExpressions).map((item) => {
    const req = asRecord(item);
    const key = asString(req?.key);
    const operator = asString(req?.operator);
    if (key === undefined || operator === undefined || !OPERATORS.has(operator)) throw new InvalidSelectorError('matchExpressions need a key and an operator In, NotIn, Exists or DoesNotExist');
    const values = asArray(req?.values).filter((v): v is string => typeof v === 'string');
    return { key, operator: operator as LabelSelectorRequirement['operator'], values };
  });
  return { matchLabels: asStringMap(record.matchLabels), matchExpressions: expressions };
}

/** A stable identity for "the same rule" (the controller compares rules field by field), computed once per rule. */
const IDENTITIES = new WeakMap<SourcedRule, string>();
function ruleIdentity(sourced: SourcedRule): string {
  let id = IDENTITIES.get(sourced);
  if (id === undefined) {
    id = JSON.stringify(sourced.rule);
    IDENTITIES.set(sourced, id);
  }
  return id;
}

/**
 * Selector matches and rules looked at while aggregating, at most. Real clusters need a few
 * thousand (admin, edit and view over some hundred aggregate-to-* roles); hostile input (hundreds
 * of aggregated roles that all select each other) would need billions, so aggregation stops here
 * with a located warning.
 */
export const MAX_AGGREGATION_WORK = 2_000_000;

interface Mutable {
  raw: RawRole;
  rules: SourcedRule[];
  selectors?: LabelSelector[];
}

/** Resolves every role (Role and ClusterRole) to its effective rules. */
export function resolveRoles(raws: readonly RawRole[], problems: Problem[]): RoleDef[] {
  const defs = new Map<RawRole, RoleDef>();
  const states: Mutable[] = raws.map((raw) => ({ raw, rules: [] }));
  // Build the RoleDef objects first so rules can point at their origin role.
  for (const state of states) {
    const { raw } = state;
    const def: RoleDef = { kind: raw.kind, ...(raw.namespace === undefined ? {} : { namespace: raw.namespace }), name: raw.name, key: raw.key, labels: raw.labels, rules: state.rules, resource: raw.resource };
    defs.set(raw, def);
    state.rules.push(...raw.rules.map((r) => ({ rule: r.rule, origin: def, path: r.path })));
  }
  const aggregated: Mutable[] = [];
  for (const state of states) {
    if (state.raw.aggregation === undefined) continue;
    try {
      const selectors = state.raw.aggregation;
      // The API server requires at least one selector in an aggregationRule.
      if (!Array.isArray(selectors) || selectors.length === 0) throw new InvalidSelectorError('clusterRoleSelectors must be a non-empty list');
      state.selectors = (selectors as unknown[]).map(readSelector);
      // Validate every requirement now (selectorMatches throws on bad values), so a bad selector fails once, here.
      for (const s of state.selectors) selectorMatches(s, {});
    } catch (error) {
      const message = error instanceof InvalidSelectorError ? error.message : 'unreadable selector';
      problems.push(rbacProblem('rbac-invalid-selector', state.raw.resource, '/aggregationRule', `aggregationRule ignored: ${message}`));
      continue;
    }
    aggregated.push(state);
  }
  // The rules as written (or as the controller last wrote them, in a dump of a live cluster).
  const stored = new Map(aggregated.map((state) => [state, state.rules.splice(0)]));
  if (aggregated.length > 0) {
    const { unfinished, unsourced } = aggregate(aggregated, states.filter((s) => s.raw.kind === 'ClusterRole'), stored);
    for (const state of unsourced) {
      problems.push(rbacProblem('rbac-missing-role', state.raw.resource, '/aggregationRule', `no ClusterRole in the input matches the aggregationRule of ClusterRole ${state.raw.name}; its rules as written are used, as the aggregation controller last stored them`, 'note'));
    }
    if (unfinished !== undefined) {
      problems.push(rbacProblem('rbac-aggregation-too-large', unfinished.raw.resource, '/aggregationRule', `aggregation stopped after ${MAX_AGGREGATION_WORK} steps: the aggregationRules of this input select each other too widely, so aggregated ClusterRoles may lack rules`));
    }
  }
  return raws.map((raw) => defs.get(raw)).filter((d): d is RoleDef => d !== undefined);
}

/**
 * Unions the rules into every aggregated role. Returns the roles no selector matched, and the role
 * it stopped at if the work budget ran out.
 */
function aggregate(aggregated: readonly Mutable[], clusterRoles: readonly Mutable[], stored: ReadonlyMap<Mutable, readonly SourcedRule[]>): { unfinished?: Mutable; unsourced: Mutable[] } {
  const sorted = [...clusterRoles].sort((a, b) => (a.raw.name < b.raw.name ? -1 : a.raw.name > b.raw.name ? 1 : 0));
  const sources = new Map<Mutable, Mutable[]>();
  let work = 0;
  for (const state of aggregated) {
    // The controller walks selector by selector, each over the roles in name order, skipping itself.
    const ordered = new Set<Mutable>();
    for (const selector of state.selectors ?? []) {
      work += sorted.length;
      if (work > MAX_AGGREGATION_WORK) return { unfinished: state, unsourced: [] };
      for (const candidate of sorted) if (candidate !== state && selectorMatches(selector, candidate.raw.labels)) ordered.add(candidate);
    }
    sources.set(state, [...ordered]);
  }
  // Nothing in the input to aggregate from: the input is part of a cluster (an exported role
  // without its aggregate-to-* sources), so the stored rules are the best account of the role.
  const unsourced = aggregated.filter((state) => sources.get(state)?.length === 0 && (stored.get(state)?.length ?? 0) > 0);
  for (const state of unsourced) state.rules.push(...(stored.get(state) ?? []));
  const seen = new Map<Mutable, Set<string>>(aggregated.map((state) => [state, new Set<string>()]));
  // Rules only grow from empty, so this reaches the least fixpoint in at most (roles + 1) rounds.
  for (let round = 0; round <= aggregated.length; round++) {
    let changed = false;
    for (const state of aggregated) {
      const ids = seen.get(state) ?? new Set<string>();
      for (const source of sources.get(state) ?? []) {
        work += source.rules.length;
        if (work > MAX_AGGREGATION_WORK) return { unfinished: state, unsourced };
        for (const rule of source.rules) {
          const id = ruleIdentity(rule);
          if (ids.has(id)) continue;
          ids.add(id);
          state.rules.push(rule);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return { unsourced };
}
