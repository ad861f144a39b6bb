/**
 * The Baseline Pod Security Standard, checked exactly as the PodSecurity admission controller
 * checks it: one finding per failed control, worded as the controller words it, at the policy
 * version the user chooses (default latest).
 */
import { z } from 'zod';
import { defineRule, fail } from '../../core/rule.js';
import { evaluateWorkloadPodSecurity, pssVersionOption } from '../../lib/pss/index.js';

const options = z.object({
  /** Pod Security Standards policy version: `latest` or `v1.<minor>` (e.g. `v1.29`). */
  version: pssVersionOption.default('latest'),
});

export const rule = defineRule({
  id: 'pss-baseline',
  // The whole standard at once repeats the finer rules; it runs with --framework or when named.
  enabledByDefault: false,
  title: 'Violates the Baseline Pod Security Standard',
  severity: 'high',
  threats: ['host-compromise', 'container-compromise', 'compliance-auditing'],
  mitre: ['T1611', 'T1610'],
  remediation: 'Change the pod spec so it meets the Baseline Pod Security Standard, as each finding describes.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
  ],
  options,
  target: 'workload',
  *check({ workload }, { options: { version } }) {
    for (const violation of evaluateWorkloadPodSecurity(workload, 'baseline', version)) yield fail(violation.message, violation.path);
  },
});
