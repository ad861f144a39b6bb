/**
 * PersistentVolumes are cluster-scoped and may be of type hostPath. Whoever can create one can
 * point it at any directory of a node (/, /etc/kubernetes, /var/lib/kubelet) and claim it from a
 * namespace, reaching the node's filesystem without any pod naming a hostPath.
 */
import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { ROLE_KINDS } from '../_shared/rbac.js';
import { findGrants, grantMessage } from '../_shared/role-grants.js';

// update and patch can rewrite the source of an unbound volume (spec.hostPath.path) as well.
const PERSISTENT_VOLUME_WRITE = [{ group: '', resource: 'persistentvolumes', verbs: ['create', 'update', 'patch'], clusterScoped: true }];

export const rule = defineRule({
  id: 'rbac-persistent-volume-create',
  title: 'Role can create PersistentVolumes',
  severity: 'high',
  threats: ['host-compromise', 'identity-access'],
  mitre: ['T1611', 'T1078'],
  remediation: 'Remove create, update and patch on persistentvolumes from the role and let a StorageClass provisioner create volumes instead.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#persistent-volume-creation',
    'https://kubernetes.io/docs/concepts/storage/persistent-volumes/',
  ],
  target: { kinds: ROLE_KINDS },
  *check(role: Resource) {
    for (const match of findGrants(role, PERSISTENT_VOLUME_WRITE)) {
      yield fail(`${grantMessage(role, match)}: its holders can define hostPath volumes on any node directory and mount them through a claim`, match.rule.path);
    }
  },
});
