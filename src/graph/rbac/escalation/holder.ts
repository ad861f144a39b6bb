/**
 * Something that holds permissions and so has outgoing edges: an identity (its bindings), a role
 * someone can bind to themselves (its rules, at the scope of the binding), or a synthetic
 * "admin of namespace N" reached by escalation.
 */
import { locate } from '../../../core/locate.js';
import { reachOf, reachOfRules, type Probe, type Reach, type ScopedGrant } from '../reach.js';
import { objectLabel, type RoleDef } from '../types.js';
import type { Evidence } from './types.js';

export interface Holder {
  readonly id: string;
  reach(probe: Probe): Reach[];
  /** The roles held, with their scope, for `escalate` (rewriting a role one already holds). */
  readonly held: readonly { readonly scope: string; readonly roleKind: string; readonly roleName: string; readonly roleNamespace?: string }[];
}

export function grantHolder(id: string, grants: readonly ScopedGrant[]): Holder {
  const seen = new Set<string>();
  const held: Holder['held'][number][] = [];
  for (const { scope, grant } of grants) {
    const key = `${scope}|${grant.role.key}`;
    if (seen.has(key)) continue;
    seen.add(key);
    held.push({ scope, roleKind: grant.role.kind, roleName: grant.role.name, ...(grant.role.namespace === undefined ? {} : { roleNamespace: grant.role.namespace }) });
  }
  return { id, reach: (probe) => reachOf(grants, probe), held };
}

/** A role as if bound at `scope` (`''` = by a ClusterRoleBinding). */
export function roleHolder(id: string, role: RoleDef, scope: string): Holder {
  const rules = role.rules.map((rule) => ({ scope, role, rule }));
  return {
    id,
    reach: (probe) => reachOfRules(rules, probe),
    held: [{ scope, roleKind: role.kind, roleName: role.name, ...(role.namespace === undefined ? {} : { roleNamespace: role.namespace }) }],
  };
}

/** Full control of one namespace: every verb on every namespaced resource there. */
export function namespaceAdminHolder(id: string, namespace: string): Holder {
  return {
    id,
    reach: (probe) => (probe.clusterScoped === true ? [] : [{ scope: namespace, verb: probe.verbs[0] ?? '*' }]),
    held: [],
  };
}

function resourceText(probe: Probe): string {
  const name = probe.subresource === undefined ? probe.resource : `${probe.resource}/${probe.subresource}`;
  return probe.apiGroup === '' ? name : name.replace(/^([^/]+)/, `$1.${probe.apiGroup}`);
}

export function evidenceOf(reach: Reach, probe: Probe): Evidence {
  const base = { verb: reach.verb, resource: resourceText(probe) };
  if (reach.role === undefined || reach.rule === undefined) return base;
  const where = locate(reach.rule.origin.resource, reach.rule.path);
  return {
    ...base,
    ...(reach.grant === undefined ? {} : { binding: objectLabel(reach.grant.binding) }),
    role: objectLabel(reach.role),
    ...(reach.rule.origin === reach.role ? {} : { ruleOf: objectLabel(reach.rule.origin) }),
    rulePath: reach.rule.path,
    file: where.file,
    line: where.line,
  };
}
