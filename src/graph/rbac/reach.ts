/**
 * Where a set of held rules allows an action: in which namespaces (or cluster-wide), on which
 * object names. Used to turn "this identity holds these rules" into escalation edges without
 * asking the authorizer once per namespace and name.
 */
import { apiGroupMatches, resourceMatches, verbMatches } from './match.js';
import type { Grant } from './authorizer.js';
import type { RoleDef, SourcedRule } from './types.js';

const NAMELESS_VERBS: ReadonlySet<string> = new Set(['create', 'deletecollection']);

/**
 * A rule held somewhere: `scope` is `''` for cluster-wide (a ClusterRoleBinding), `*` for every
 * namespace but no cluster-scoped resource (RoleBindings everywhere), else the namespace of a RoleBinding.
 */
export interface ScopedGrant {
  readonly scope: string;
  readonly grant: Grant;
}

export interface Probe {
  readonly verbs: readonly string[];
  readonly apiGroup: string;
  readonly resource: string;
  readonly subresource?: string;
  /** Cluster-scoped resources (nodes, users, clusterroles) are only reachable through ClusterRoleBindings. */
  readonly clusterScoped?: boolean;
}

export interface Reach {
  readonly scope: string;
  /** `undefined` = any name; else only these names (the rule's resourceNames). */
  readonly names?: readonly string[];
  readonly verb: string;
  /** The chain that allows it: absent for synthetic holders (the admin of a namespace reached by escalation). */
  readonly grant?: Grant;
  /** The role and rule, also set for a role held hypothetically (one that could be bound). */
  readonly role?: RoleDef;
  readonly rule?: SourcedRule;
}

/** A rule held at a scope, with the binding when there is one. */
export interface HeldRule {
  readonly scope: string;
  readonly role: RoleDef;
  readonly rule: SourcedRule;
  readonly grant?: Grant;
}

/** Every held rule that allows one of the probe's verbs, with its scope and name restriction. */
export function reachOf(grants: readonly ScopedGrant[], probe: Probe): Reach[] {
  return reachOfRules(
    grants.map(({ scope, grant }) => ({ scope, role: grant.role, rule: grant.rule, grant })),
    probe,
  );
}

export function reachOfRules(held: readonly HeldRule[], probe: Probe): Reach[] {
  const out: Reach[] = [];
  for (const { scope, grant, role, rule: sourced } of held) {
    const rule = sourced.rule;
    if (rule.type !== 'resource') continue;
    // A RoleBinding (in one namespace, or in every one: `*`) never grants cluster-scoped requests.
    if (probe.clusterScoped === true && scope !== '') continue;
    if (!apiGroupMatches(rule.apiGroups, probe.apiGroup) || !resourceMatches(rule.resources, probe.resource, probe.subresource)) continue;
    // A create (or deletecollection) of the resource itself names no object, so resourceNames never grant it.
    const named = rule.resourceNames.length > 0 && probe.subresource === undefined;
    const verb = probe.verbs.find((v) => verbMatches(rule.verbs, v) && !(named && NAMELESS_VERBS.has(v)));
    if (verb === undefined) continue;
    out.push({ scope, verb, role, rule: sourced, ...(grant === undefined ? {} : { grant }), ...(rule.resourceNames.length === 0 ? {} : { names: rule.resourceNames }) });
  }
  return out;
}

/** Whether a reach covers namespace `ns` (cluster-wide reaches cover all) and name `name`. */
export function covers(reach: Reach, ns: string, name?: string): boolean {
  if (reach.scope === '*' ? ns === '' : reach.scope !== '' && reach.scope !== ns) return false;
  return reach.names === undefined || (name !== undefined && reach.names.includes(name));
}

/** The first reach that covers the namespace and name, for evidence. */
export function firstCovering(reaches: readonly Reach[], ns: string, name?: string): Reach | undefined {
  return reaches.find((r) => covers(r, ns, name));
}
