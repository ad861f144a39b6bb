/**
 * The RBAC objects as the authorizer sees them, read once from untrusted resources. Every rule and
 * binding keeps the resource it came from and its JSON pointer, so answers can cite evidence.
 */
import type { Resource } from '../../model/resource.js';

/** A rule over API resources (`apiGroups` + `resources`), as in rbac.authorization.k8s.io/v1 PolicyRule. */
export interface ResourceRule {
  readonly type: 'resource';
  readonly verbs: readonly string[];
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
}

/** A rule over non-resource URLs (`/healthz`, `/metrics`, `/api/*`): only ClusterRoleBindings grant these. */
export interface NonResourceRule {
  readonly type: 'nonResource';
  readonly verbs: readonly string[];
  readonly nonResourceURLs: readonly string[];
}

export type Rule = ResourceRule | NonResourceRule;

export type RoleKind = 'Role' | 'ClusterRole';

/** A rule with the role that wrote it: for aggregated ClusterRoles, `origin` is the role aggregated from. */
export interface SourcedRule {
  readonly rule: Rule;
  readonly origin: RoleDef;
  /** JSON pointer of the rule inside `origin`. */
  readonly path: string;
}

export interface RoleDef {
  readonly kind: RoleKind;
  /** Set for Roles only. */
  readonly namespace?: string;
  readonly name: string;
  /** `Role/ns/name` or `ClusterRole/name`. */
  readonly key: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The rules the role grants, after aggregation. */
  readonly rules: readonly SourcedRule[];
  readonly resource: Resource;
}

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

/** A subject as written in a binding (a ServiceAccount of a RoleBinding may omit its namespace). */
export type BindingSubject =
  | { readonly kind: 'User' | 'Group'; readonly name: string; readonly path: string }
  | { readonly kind: 'ServiceAccount'; readonly name: string; readonly namespace: string; readonly path: string };

export interface BindingDef {
  readonly kind: 'RoleBinding' | 'ClusterRoleBinding';
  /** Set for RoleBindings only: the namespace the grant is confined to. */
  readonly namespace?: string;
  readonly name: string;
  readonly key: string;
  readonly roleRef: { readonly kind: RoleKind; readonly name: string };
  /** The key of the role the binding refers to (it may not exist in the input). */
  readonly roleKey: string;
  readonly subjects: readonly BindingSubject[];
  readonly resource: Resource;
}

/** "ClusterRole/admin", "Role/dev/reader". */
export function roleKey(kind: RoleKind, name: string, namespace?: string): string {
  return kind === 'Role' ? `Role/${namespace ?? ''}/${name}` : `ClusterRole/${name}`;
}

/** "ClusterRole admin", "Role dev/reader", "RoleBinding dev/x". */
export function objectLabel(object: { readonly kind: string; readonly namespace?: string; readonly name: string }): string {
  return object.namespace === undefined ? `${object.kind} ${object.name}` : `${object.kind} ${object.namespace}/${object.name}`;
}
