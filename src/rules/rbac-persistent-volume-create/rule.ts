/**
 * PersistentVolumes are cluster-scoped and may be hostPath: only a ClusterRoleBinding grants writes to them.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { RISK_RULE_KINDS, riskOutcomes } from '../../graph/rbac/risks/outcomes.js';

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
  target: { kinds: RISK_RULE_KINDS },
  check(resource: Resource, { index }: RuleContext<undefined>) {
    return riskOutcomes(resource, index, 'persistent-volume-create');
  },
});
