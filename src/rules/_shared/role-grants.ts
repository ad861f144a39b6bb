/**
 * The shared shape of the "this role grants a dangerous permission" rules: a list of resources
 * with the verbs that make them dangerous, matched against every rule of a Role or ClusterRole.
 */
import type { Resource } from '../../model/resource.js';
import type { PolicyRule } from './rbac.js';
import { grantedVerbs, isSystemRole, policyRulesOf } from './rbac.js';

export interface DangerousGrant {
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly verbs: readonly string[];
  /**
   * The resource is cluster-scoped (nodes, webhook configurations, users, ...): a namespaced Role
   * cannot grant it, because a request for it carries no namespace for a RoleBinding to match.
   */
  readonly clusterScoped?: boolean;
}

export interface GrantMatch {
  readonly rule: PolicyRule;
  readonly grant: DangerousGrant;
  readonly verbs: readonly string[];
}

/** "secrets", "pods/exec", "validatingwebhookconfigurations.admissionregistration.k8s.io". */
export function resourceLabel(grant: Omit<DangerousGrant, 'verbs'>): string {
  const name = grant.subresource === undefined ? grant.resource : `${grant.resource}/${grant.subresource}`;
  return grant.group === '' ? name : name.replace(/^([^/]+)/, `$1.${grant.group}`);
}

/** `Role "ns/name"` or `ClusterRole "name"`. */
export function roleLabel(role: Resource): string {
  return role.kind === 'Role' && role.namespace !== undefined ? `Role "${role.namespace}/${role.name}"` : `${role.kind} "${role.name}"`;
}

/**
 * Every (policy rule, dangerous grant) pair where the rule grants at least one of the grant's verbs.
 * System roles yield nothing: they ship with every cluster.
 */
export function findGrants(role: Resource, dangerous: readonly DangerousGrant[]): GrantMatch[] {
  if (isSystemRole(role)) return [];
  const matches: GrantMatch[] = [];
  for (const rule of policyRulesOf(role)) {
    for (const grant of dangerous) {
      if (grant.clusterScoped === true && role.kind === 'Role') continue;
      const verbs = grantedVerbs(rule, grant.verbs, grant);
      if (verbs.length > 0) matches.push({ rule, grant, verbs });
    }
  }
  return matches;
}

/** `ClusterRole "x" grants get, list on secrets`. */
export function grantMessage(role: Resource, match: GrantMatch): string {
  return `${roleLabel(role)} grants ${match.verbs.join(', ')} on ${resourceLabel(match.grant)}`;
}

/** The matches of one policy rule, reported together so a wildcard rule gives one finding, not one per resource. */
export interface RuleGrants {
  readonly rule: PolicyRule;
  readonly matches: readonly GrantMatch[];
}

export function grantsByRule(matches: readonly GrantMatch[]): RuleGrants[] {
  const byPath = new Map<string, { rule: PolicyRule; matches: GrantMatch[] }>();
  for (const match of matches) {
    const entry = byPath.get(match.rule.path);
    if (entry === undefined) byPath.set(match.rule.path, { rule: match.rule, matches: [match] });
    else entry.matches.push(match);
  }
  return [...byPath.values()];
}

/** `ClusterRole "x" grants create, patch on pods, deployments.apps; get on pods/exec`. */
export function groupedGrantMessage(role: Resource, grants: RuleGrants): string {
  const byVerbs = new Map<string, string[]>();
  for (const match of grants.matches) {
    const verbs = match.verbs.join(', ');
    byVerbs.set(verbs, [...(byVerbs.get(verbs) ?? []), resourceLabel(match.grant)]);
  }
  const parts = [...byVerbs.entries()].map(([verbs, resources]) => `${verbs} on ${resources.join(', ')}`);
  return `${roleLabel(role)} grants ${parts.join('; ')}`;
}
