/**
 * The Restricted Pod Security Standard (which includes Baseline), checked exactly as the
 * PodSecurity admission controller checks it: one finding per failed control, worded as the
 * controller words it, at the policy version the user chooses (default latest).
 */
import { z } from 'zod';
import { defineRule, fail } from '../../core/rule.js';
import { evaluateWorkloadPodSecurity, pssVersionOption } from '../../lib/pss/index.js';

const options = z.object({
  /** Pod Security Standards policy version: `latest` or `v1.<minor>` (e.g. `v1.29`). */
  version: pssVersionOption.default('latest'),
});

export const rule = defineRule({
  id: 'pss-restricted',
  // The whole standard at once repeats the finer rules; it runs with --framework or when named.
  enabledByDefault: false,
  title: 'Violates the Restricted Pod Security Standard',
  severity: 'medium',
  threats: ['container-compromise', 'host-compromise', 'compliance-auditing'],
  mitre: ['T1611', 'T1610', 'T1068'],
  remediation: 'Harden the pod spec to meet the Restricted Pod Security Standard, as each finding describes.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
  ],
  options,
  target: 'workload',
  *check({ workload }, { options: { version } }) {
    for (const violation of evaluateWorkloadPodSecurity(workload, 'restricted', version)) yield fail(violation.message, violation.path);
  },
});
