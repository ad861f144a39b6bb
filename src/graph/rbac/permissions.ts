/**
 * The effective permissions of an identity: every rule it holds through any binding (its own or its
 * groups'), merged per scope (cluster-wide, or one namespace) with identical rules listed once and
 * every binding -> role that grants them. Non-resource rules count only cluster-wide.
 */
import { locate } from '../../core/locate.js';
import type { RbacIndex } from './authorizer.js';
import type { UserInfo } from './subjects.js';
import { formatSubject } from './subjects.js';
import { objectLabel, type Rule } from './types.js';

export interface RuleSource {
  readonly binding: string;
  /** The binding subject that matched: the identity itself or one of its groups. */
  readonly via: string;
  readonly role: string;
  readonly ruleOf?: string;
  readonly rulePath: string;
  readonly file: string;
  readonly line: number;
}

export interface EffectiveRule {
  readonly rule: Rule;
  readonly sources: readonly RuleSource[];
}

export interface ScopePermissions {
  /** `''` = cluster-wide (ClusterRoleBindings), else the namespace of the RoleBindings. */
  readonly scope: string;
  readonly rules: readonly EffectiveRule[];
}

export function effectivePermissions(index: RbacIndex, user: UserInfo): ScopePermissions[] {
  const scopes = new Map<string, Map<string, { rule: Rule; sources: RuleSource[] }>>();
  for (const { scope, grant } of index.grantsOf(user)) {
    // A RoleBinding never grants non-resource URLs (those requests have no namespace), so such a rule of its ClusterRole is no permission.
    if (scope !== '' && grant.rule.rule.type === 'nonResource') continue;
    const rules = scopes.get(scope) ?? new Map<string, { rule: Rule; sources: RuleSource[] }>();
    scopes.set(scope, rules);
    const id = JSON.stringify(grant.rule.rule);
    const entry = rules.get(id) ?? { rule: grant.rule.rule, sources: [] };
    rules.set(id, entry);
    const where = locate(grant.rule.origin.resource, grant.rule.path);
    entry.sources.push({
      binding: objectLabel(grant.binding),
      via: formatSubject(grant.subject),
      role: objectLabel(grant.role),
      ...(grant.rule.origin === grant.role ? {} : { ruleOf: objectLabel(grant.rule.origin) }),
      rulePath: grant.rule.path,
      file: where.file,
      line: where.line,
    });
  }
  return [...scopes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([scope, rules]) => ({ scope, rules: [...rules.values()] }));
}

/** "get,list secrets [names: a,b]" or "get /healthz": one rule in one line. */
export function describeRule(rule: Rule): string {
  if (rule.type === 'nonResource') return `${rule.verbs.join(',')} ${rule.nonResourceURLs.join(',')}`;
  const groups = rule.apiGroups.map((g) => (g === '' ? 'core' : g)).join(',');
  const names = rule.resourceNames.length === 0 ? '' : ` [names: ${rule.resourceNames.join(',')}]`;
  return `${rule.verbs.join(',')} ${rule.resources.join(',')} (${groups})${names}`;
}
