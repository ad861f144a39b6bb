/**
 * Least privilege from what an identity did: per identity, the smallest Roles (one per namespace
 * it worked in) and ClusterRole (cluster-scoped and all-namespace requests, non-resource URLs)
 * that allow every request it made, and every rule it holds that allowed none of them.
 */
import type { RbacIndex } from './authorizer.js';
import type { AuditUse } from './audit.js';
import { ruleAllows, type Request } from './match.js';
import { effectivePermissions, type EffectiveRule } from './permissions.js';
import type { UserInfo } from './subjects.js';
import type { NonResourceRule, ResourceRule } from './types.js';

export interface SuggestedRole {
  readonly kind: 'Role' | 'ClusterRole';
  /** For Roles. */
  readonly namespace?: string;
  readonly rules: readonly (Omit<ResourceRule, 'type'> | Omit<NonResourceRule, 'type'>)[];
}

export interface UnusedGrant {
  /** `''` cluster-wide, else the namespace of the RoleBinding. */
  readonly scope: string;
  readonly rule: EffectiveRule;
}

export interface Suggestion {
  readonly user: string;
  readonly requests: number;
  readonly roles: readonly SuggestedRole[];
  /** Held rules that allowed none of the observed requests: candidates for removal. */
  readonly unused: readonly UnusedGrant[];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

/**
 * Groups requests of one scope into rules: one per (group, resource), verbs merged. Impersonation
 * gets a rule of its own naming the identities impersonated: unnamed, it would be every identity.
 */
function rulesFor(requests: readonly Request[]): SuggestedRole['rules'] {
  const resources = new Map<string, { apiGroup: string; resource: string; verbs: Set<string>; names: Set<string> }>();
  const urls = new Map<string, Set<string>>();
  for (const request of requests) {
    if (request.type === 'nonResource') {
      const verbs = urls.get(request.path) ?? new Set<string>();
      verbs.add(request.verb);
      urls.set(request.path, verbs);
      continue;
    }
    const resource = request.subresource === undefined ? request.resource : `${request.resource}/${request.subresource}`;
    const impersonate = request.verb === 'impersonate';
    const key = `${request.apiGroup}\u0000${resource}${impersonate ? '\u0000impersonate' : ''}`;
    const entry = resources.get(key) ?? { apiGroup: request.apiGroup, resource, verbs: new Set<string>(), names: new Set<string>() };
    entry.verbs.add(request.verb);
    if (impersonate) entry.names.add(request.name);
    resources.set(key, entry);
  }
  const rules: SuggestedRole['rules'][number][] = [...resources.values()]
    .sort((a, b) => (a.apiGroup === b.apiGroup ? cmp(a.resource, b.resource) : cmp(a.apiGroup, b.apiGroup)))
    .map((r) => ({ apiGroups: [r.apiGroup], resources: [r.resource], verbs: sorted(r.verbs), resourceNames: sorted(r.names) }));
  for (const [url, verbs] of [...urls.entries()].sort(([a], [b]) => cmp(a, b))) rules.push({ nonResourceURLs: [url], verbs: sorted(verbs) });
  return rules;
}

export function suggestLeastPrivilege(index: RbacIndex, uses: readonly AuditUse[]): Suggestion[] {
  const byUser = new Map<string, { groups: Set<string>; requests: Request[] }>();
  for (const use of uses) {
    const entry = byUser.get(use.user) ?? { groups: new Set<string>(), requests: [] };
    for (const g of use.groups) entry.groups.add(g);
    entry.requests.push(use.request);
    byUser.set(use.user, entry);
  }
  const out: Suggestion[] = [];
  for (const [user, { groups, requests }] of [...byUser.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const scopes = new Map<string, Request[]>();
    for (const request of requests) {
      const scope = request.type === 'resource' ? request.namespace : '';
      const list = scopes.get(scope) ?? [];
      list.push(request);
      scopes.set(scope, list);
    }
    const roles: SuggestedRole[] = [...scopes.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([scope, list]) => (scope === '' ? { kind: 'ClusterRole' as const, rules: rulesFor(list) } : { kind: 'Role' as const, namespace: scope, rules: rulesFor(list) }));
    const info: UserInfo = { name: user, groups: [...groups] };
    const unused: UnusedGrant[] = [];
    for (const scope of effectivePermissions(index, info)) {
      for (const rule of scope.rules) {
        const used = requests.some((r) => ruleAllows(rule.rule, r) && (scope.scope === '' || (r.type === 'resource' && r.namespace === scope.scope)));
        if (!used) unused.push({ scope: scope.scope, rule });
      }
    }
    out.push({ user, requests: requests.length, roles, unused });
  }
  return out;
}
