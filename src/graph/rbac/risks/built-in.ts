/**
 * The built-in cluster-admin ClusterRole, which stands in when a binding refers to it and the
 * input lacks it (almost every set of manifests). The API server reconciles the default roles at every
 * start: it recreates a missing one and adds back any rule a stored one lacks, unless the stored
 * role is annotated `rbac.authorization.kubernetes.io/autoupdate: "false"`. So a binding to
 * cluster-admin grants `*` on everything whether or not the input defines the role, and whatever
 * rules an input's cluster-admin lists; judging bindings against these rules keeps them in every
 * risk, exactly as a cluster would grant them.
 */
import type { Resource } from '../../../model/resource.js';
import { asRecord } from '../../../lib/k8s/values.js';

const NO_POSITIONS = { get: () => undefined, nearest: () => undefined };

const CLUSTER_ADMIN: Resource = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  name: 'cluster-admin',
  object: {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
    rules: [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ],
  },
  source: { file: '(built in)', documentIndex: 0, pointerPrefix: '', position: { line: 1, column: 1 }, positions: NO_POSITIONS },
};

export function isBuiltInStandIn(resource: Resource): boolean {
  return resource === CLUSTER_ADMIN;
}

export const BUILT_IN_CLUSTER_ADMIN: Resource = CLUSTER_ADMIN;

/** Whether the API server restores the default rules of this stored default role at start-up. */
export function isReconciled(role: Resource): boolean {
  const metadata = role.object.metadata;
  const value = asRecord(asRecord(metadata)?.annotations)?.['rbac.authorization.kubernetes.io/autoupdate'];
  return value !== 'false';
}

function refersToClusterAdmin(resource: Resource): boolean {
  if (resource.kind !== 'ClusterRoleBinding' && resource.kind !== 'RoleBinding') return false;
  const roleRef = asRecord(resource.object.roleRef);
  return roleRef?.kind === 'ClusterRole' && roleRef.name === 'cluster-admin';
}

/**
 * The resources as a cluster would have them: with the built-in cluster-admin added when a binding
 * refers to it and the input lacks it (the same array otherwise). Analyses of what an identity can
 * reach (escalation paths, attack paths) need the role a cluster always has.
 */
export function withBuiltInClusterAdmin(resources: readonly Resource[]): readonly Resource[] {
  let bound = false;
  for (const resource of resources) {
    if (resource.kind === 'ClusterRole' && resource.name === 'cluster-admin' && resource.apiVersion.startsWith('rbac.authorization.k8s.io/')) return resources;
    bound ||= refersToClusterAdmin(resource);
  }
  return bound ? [...resources, CLUSTER_ADMIN] : resources;
}
