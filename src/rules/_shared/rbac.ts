/**
 * RBAC policy rules read with the authorizer's own matching semantics (Kubernetes
 * `rbac.RuleAllows`): `*` in verbs, apiGroups or resources matches anything; a resource entry
 * matches the requested `resource` or `resource/subresource` exactly, and a `*` resource followed by
 * `/subresource` matches that subresource of every resource. A trailing `/*` (as in `pods/*`) is
 * NOT a wildcard in RBAC: it only matches a subresource literally named `*`.
 */
import type { Resource } from '../../model/resource.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString, asStringMap } from '../../lib/k8s/values.js';

export const ALL = '*';

export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
  /** JSON pointer of the rule inside its Role or ClusterRole. */
  readonly path: string;
}

/** One request the rule may grant: a verb on a resource (optionally a subresource) of a group. */
export interface Permission {
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
}

function strings(value: unknown): string[] {
  return asArray(value).filter((v): v is string => typeof v === 'string');
}

/** The resource rules of a Role or ClusterRole (non-resource URL rules have no resources and match nothing here). */
export function policyRulesOf(role: Resource): PolicyRule[] {
  return asArray(role.object.rules).flatMap((value, index) => {
    const rule = asRecord(value);
    if (rule === undefined) return [];
    return [
      {
        verbs: strings(rule.verbs),
        apiGroups: strings(rule.apiGroups),
        resources: strings(rule.resources),
        resourceNames: strings(rule.resourceNames),
        path: pointer('/rules', index),
      },
    ];
  });
}

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

export function groupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g === ALL || g === group);
}

export function resourceMatches(rule: PolicyRule, resource: string, subresource?: string): boolean {
  const combined = subresource === undefined ? resource : `${resource}/${subresource}`;
  return rule.resources.some((r) => r === ALL || r === combined || (subresource !== undefined && r === `*/${subresource}`));
}

/**
 * Whether the rule grants the permission on objects of any name. A rule with resourceNames only
 * grants the named objects, which is the least-privilege form, so it does not count here.
 */
export function grants(rule: PolicyRule, permission: Permission): boolean {
  return (
    rule.resourceNames.length === 0 &&
    verbMatches(rule, permission.verb) &&
    groupMatches(rule, permission.group) &&
    resourceMatches(rule, permission.resource, permission.subresource)
  );
}

/** The verbs among `verbs` that the rule grants on the resource. */
export function grantedVerbs(rule: PolicyRule, verbs: readonly string[], target: Omit<Permission, 'verb'>): string[] {
  return verbs.filter((verb) => grants(rule, { ...target, verb }));
}

/** Roles shipped by the API server's bootstrap policy that are not named `system:...`. */
const BOOTSTRAP_USER_ROLES = new Set(['cluster-admin', 'admin', 'edit', 'view']);
const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';

/**
 * Roles every cluster ships with (the `system:` roles and the bootstrap user-facing roles): they
 * are not something the user wrote, so role rules skip them. The API server's bootstrap policy
 * labels every role it creates; a name alone is free text (charts ship ClusterRoles named
 * `system:metrics-server` or `system:coredns`), so an unlabelled `system:` role is judged.
 */
export function isSystemRole(role: Resource): boolean {
  const labels = asStringMap(asRecord(role.object.metadata)?.labels);
  if (labels[BOOTSTRAP_LABEL] !== 'rbac-defaults') return false;
  return role.name.startsWith('system:') || (role.kind === 'ClusterRole' && BOOTSTRAP_USER_ROLES.has(role.name));
}

export interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly path: string;
}

export function subjectsOf(binding: Resource): Subject[] {
  return asArray(binding.object.subjects).flatMap((value, index) => {
    const subject = asRecord(value);
    const kind = asString(subject?.kind);
    const name = asString(subject?.name);
    if (kind === undefined || name === undefined) return [];
    const namespace = asString(subject?.namespace);
    return [{ kind, name, ...(namespace === undefined ? {} : { namespace }), path: pointer('/subjects', index) }];
  });
}

export interface RoleRef {
  readonly kind: string;
  readonly name: string;
}

export function roleRefOf(binding: Resource): RoleRef | undefined {
  const ref = asRecord(binding.object.roleRef);
  const kind = asString(ref?.kind);
  const name = asString(ref?.name);
  return kind === undefined || name === undefined ? undefined : { kind, name };
}

/** The groups and user every anonymous or any authenticated caller belongs to. */
export const PUBLIC_PRINCIPALS: ReadonlySet<string> = new Set(['system:anonymous', 'system:unauthenticated', 'system:authenticated']);

/**
 * A subject that is a cluster component (system:kube-scheduler, system:masters, system:nodes ...):
 * a `system:` user or group other than the public ones and the groups of every service account.
 */
export function isSystemSubject(subject: Subject): boolean {
  if (subject.kind !== 'User' && subject.kind !== 'Group') return false;
  if (!subject.name.startsWith('system:')) return false;
  if (PUBLIC_PRINCIPALS.has(subject.name)) return false;
  return subject.name !== 'system:serviceaccounts' && !subject.name.startsWith('system:serviceaccounts:');
}

/** "ServiceAccount ns/name", "User alice", "Group dev". */
export function describeSubject(subject: Subject): string {
  return subject.kind === 'ServiceAccount' ? `ServiceAccount ${subject.namespace ?? '?'}/${subject.name}` : `${subject.kind} ${subject.name}`;
}

export const ROLE_KINDS = ['ClusterRole', 'Role'] as const;
export const BINDING_KINDS = ['ClusterRoleBinding', 'RoleBinding'] as const;
