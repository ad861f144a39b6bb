/**
 * Creating a pod, or writing a controller's pod template, lets the writer choose the ServiceAccount and
 * the mounts of a pod in the namespace. Judged by the RBAC engine at each binding's scope.
 */
import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../core/rule.js';
import { defineRule } from '../../core/rule.js';
import { RISK_RULE_KINDS, riskOutcomes } from '../../graph/rbac/risks/outcomes.js';

export const rule = defineRule({
  id: 'rbac-workload-create',
  title: 'Role can create or modify workloads',
  severity: 'medium',
  threats: ['identity-access', 'container-compromise', 'host-compromise'],
  mitre: ['T1610', 'T1078'],
  remediation: 'Grant workload create, update and patch only to deployment pipelines, and enforce the restricted Pod Security Standard in namespaces where they hold it.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation',
    'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
  ],
  target: { kinds: RISK_RULE_KINDS },
  check(resource: Resource, { index }: RuleContext<undefined>) {
    return riskOutcomes(resource, index, 'workload-create');
  },
});
