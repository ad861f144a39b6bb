/**
 * Reads Roles, ClusterRoles, RoleBindings and ClusterRoleBindings from untrusted resources into the
 * shapes of types.ts, with the API server's validation: what it would reject is reported and left
 * out, so the analysis only ever sees what a cluster could hold.
 */
import type { Problem } from '../../model/problem.js';
import type { Resource } from '../../model/resource.js';
import { pointer } from '../../lib/json-pointer.js';
import { DEFAULT_NAMESPACE } from '../../lib/k8s/kinds.js';
import { asArray, asRecord, asString, asStringMap } from '../../lib/k8s/values.js';
import { rbacProblem } from './problems.js';
import { roleKey, type BindingDef, type BindingSubject, type RoleKind, type Rule } from './types.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** A role before aggregation: its own rules and, for ClusterRoles, its aggregation selectors. */
export interface RawRole {
  readonly kind: RoleKind;
  readonly namespace?: string;
  readonly name: string;
  readonly key: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly rules: readonly { readonly rule: Rule; readonly path: string }[];
  /** The clusterRoleSelectors, present when the ClusterRole has an aggregationRule (its rules are then the controller's). */
  readonly aggregation?: unknown;
  readonly resource: Resource;
}

function strings(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== 'string') return undefined;
    out.push(item);
  }
  return out;
}

function namespaceOf(resource: Resource): string {
  return resource.namespace ?? DEFAULT_NAMESPACE;
}

function readRule(value: unknown, path: string, role: Resource, problems: Problem[]): Rule | undefined {
  const record = asRecord(value);
  const fields = record === undefined ? undefined : {
    verbs: strings(record.verbs),
    apiGroups: strings(record.apiGroups),
    resources: strings(record.resources),
    resourceNames: strings(record.resourceNames),
    nonResourceURLs: strings(record.nonResourceURLs),
  };
  if (fields === undefined || Object.values(fields).some((f) => f === undefined)) {
    problems.push(rbacProblem('rbac-invalid-rule', role, path, 'a policy rule must be a mapping of string lists'));
    return undefined;
  }
  const { verbs = [], apiGroups = [], resources = [], resourceNames = [], nonResourceURLs = [] } = fields;
  if (verbs.length === 0) {
    problems.push(rbacProblem('rbac-invalid-rule', role, path, 'the rule has no verbs'));
    return undefined;
  }
  if (nonResourceURLs.length > 0) {
    if (role.kind === 'Role') {
      problems.push(rbacProblem('rbac-invalid-rule', role, path, 'a namespaced Role cannot grant nonResourceURLs'));
      return undefined;
    }
    if (resources.length > 0 || apiGroups.length > 0 || resourceNames.length > 0) {
      problems.push(rbacProblem('rbac-invalid-rule', role, path, 'a rule cannot mix nonResourceURLs with apiGroups, resources or resourceNames'));
      return undefined;
    }
    return { type: 'nonResource', verbs, nonResourceURLs };
  }
  if (resources.length === 0 || apiGroups.length === 0) {
    problems.push(rbacProblem('rbac-invalid-rule', role, path, 'a resource rule needs apiGroups and resources'));
    return undefined;
  }
  return { type: 'resource', verbs, apiGroups, resources, resourceNames };
}

export function readRole(resource: Resource, problems: Problem[]): RawRole | undefined {
  const kind = resource.kind as RoleKind;
  const namespace = kind === 'Role' ? namespaceOf(resource) : undefined;
  const rules: { rule: Rule; path: string }[] = [];
  asArray(resource.object.rules).forEach((value, index) => {
    const path = pointer('/rules', index);
    const rule = readRule(value, path, resource, problems);
    if (rule !== undefined) rules.push({ rule, path });
  });
  const aggregationRule = kind === 'ClusterRole' ? asRecord(resource.object.aggregationRule) : undefined;
  const labels = asStringMap(asRecord(resource.object.metadata)?.labels);
  return {
    kind,
    ...(namespace === undefined ? {} : { namespace }),
    name: resource.name,
    key: roleKey(kind, resource.name, namespace),
    labels,
    rules,
    ...(aggregationRule === undefined ? {} : { aggregation: aggregationRule.clusterRoleSelectors }),
    resource,
  };
}

function readSubject(value: unknown, path: string, binding: Resource, namespace: string | undefined, problems: Problem[]): BindingSubject | undefined {
  const record = asRecord(value);
  const kind = asString(record?.kind);
  const name = asString(record?.name);
  if (name === undefined || name === '') {
    problems.push(rbacProblem('rbac-invalid-subject', binding, path, 'the subject has no name'));
    return undefined;
  }
  if (kind === 'User' || kind === 'Group') return { kind, name, path };
  if (kind === 'ServiceAccount') {
    // A RoleBinding's ServiceAccount subject without a namespace (absent or "", as an empty Helm value renders) means one in the binding's namespace.
    const written = asString(record?.namespace);
    const saNamespace = written === undefined || written === '' ? namespace : written;
    if (saNamespace === undefined || saNamespace === '') {
      problems.push(rbacProblem('rbac-invalid-subject', binding, path, `ServiceAccount subject "${name}" needs a namespace in a ClusterRoleBinding`));
      return undefined;
    }
    return { kind, name, namespace: saNamespace, path };
  }
  problems.push(rbacProblem('rbac-invalid-subject', binding, path, `unknown subject kind "${kind ?? ''}"`));
  return undefined;
}

export function readBinding(resource: Resource, problems: Problem[]): BindingDef | undefined {
  const kind = resource.kind as BindingDef['kind'];
  const namespace = kind === 'RoleBinding' ? namespaceOf(resource) : undefined;
  const ref = asRecord(resource.object.roleRef);
  const refKind = asString(ref?.kind);
  const refName = asString(ref?.name);
  if (refName === undefined || refName === '' || (refKind !== 'Role' && refKind !== 'ClusterRole')) {
    problems.push(rbacProblem('rbac-invalid-binding', resource, '/roleRef', 'roleRef needs kind Role or ClusterRole and a name'));
    return undefined;
  }
  if (kind === 'ClusterRoleBinding' && refKind === 'Role') {
    problems.push(rbacProblem('rbac-invalid-binding', resource, '/roleRef/kind', 'a ClusterRoleBinding can only refer to a ClusterRole'));
    return undefined;
  }
  const subjects: BindingSubject[] = [];
  asArray(resource.object.subjects).forEach((value, index) => {
    const subject = readSubject(value, pointer('/subjects', index), resource, namespace, problems);
    if (subject !== undefined) subjects.push(subject);
  });
  return {
    kind,
    ...(namespace === undefined ? {} : { namespace }),
    name: resource.name,
    key: namespace === undefined ? `${kind}/${resource.name}` : `${kind}/${namespace}/${resource.name}`,
    roleRef: { kind: refKind, name: refName },
    roleKey: roleKey(refKind, refName, namespace),
    subjects,
    resource,
  };
}

export function isRbacGroup(resource: Resource): boolean {
  return resource.apiVersion.startsWith(`${RBAC_GROUP}/`);
}
