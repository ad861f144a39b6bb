/**
 * The built-in cluster-admin ClusterRole, for inputs that bind it without defining it (almost every
 * set of manifests). The API server recreates it at every start with `*` on everything, so a
 * binding to it always grants that; judging the binding against this stand-in keeps such bindings
 * in every risk, exactly as a cluster would grant them.
 */
import type { Resource } from '../../../model/resource.js';

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

/** The resources with the built-in cluster-admin added when they lack a ClusterRole of that name. */
export function withBuiltInClusterAdmin(resources: readonly Resource[]): readonly Resource[] {
  const defined = resources.some((r) => r.kind === 'ClusterRole' && r.name === 'cluster-admin' && r.apiVersion.startsWith('rbac.authorization.k8s.io/'));
  return defined ? resources : [...resources, CLUSTER_ADMIN];
}
