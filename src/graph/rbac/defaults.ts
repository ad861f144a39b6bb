/**
 * The objects every cluster starts with: the RBAC bootstrap policy the API server creates and
 * reconciles (labelled `kubernetes.io/bootstrapping: rbac-defaults`), and the cluster components'
 * own identities. They stay in every answer (who-can and paths must be true of the real cluster)
 * but are not the user's risk unless a binding hands them to a non-system subject.
 */
import { asRecord, asStringMap } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';
import { ALL_SERVICE_ACCOUNTS, ANONYMOUS, AUTHENTICATED, UNAUTHENTICATED, parseServiceAccountUser, type SubjectRef } from './subjects.js';
import type { BindingDef } from './types.js';

const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';

export function isBootstrapObject(resource: Resource): boolean {
  return asStringMap(asRecord(resource.object.metadata)?.labels)[BOOTSTRAP_LABEL] === 'rbac-defaults';
}

/** Identities everyone (or every workload) has: bindings to them are user risks, never defaults. */
const PUBLIC = new Set([ANONYMOUS, UNAUTHENTICATED, AUTHENTICATED, ALL_SERVICE_ACCOUNTS]);

/**
 * A cluster component: a `system:` user or group other than the public ones and the
 * ServiceAccount groups, or a ServiceAccount whose every binding is a bootstrap default
 * (the kube-system controllers).
 */
export function isSystemSubject(subject: SubjectRef, bindings: readonly BindingDef[]): boolean {
  if (subject.kind === 'ServiceAccount') return bindings.length > 0 && bindings.every((b) => isBootstrapObject(b.resource));
  if (PUBLIC.has(subject.name) || subject.name.startsWith(`${ALL_SERVICE_ACCOUNTS}:`)) return false;
  if (subject.kind === 'User' && parseServiceAccountUser(subject.name) !== undefined) return bindings.length > 0 && bindings.every((b) => isBootstrapObject(b.resource));
  return subject.name.startsWith('system:');
}

/** A binding the user made that hands a default role to somebody: bootstrap-made bindings are not. */
export function isUserBinding(binding: BindingDef): boolean {
  return !isBootstrapObject(binding.resource);
}
