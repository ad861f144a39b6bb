/**
 * Pod Security Standards exactly as Kubernetes' PodSecurity admission evaluates them, for every
 * policy version from v1.0 to the newest (see LATEST_MINOR). Pure: no I/O, no clock.
 */
export type { PssCheckId, PssCheckResult, PssCheckResult as CheckResult, PssLevel, PssVersion } from './types.js';
export { evaluatePodSecurity, rebasePssPath } from './evaluate.js';
export { forbiddenDetail, podSecurityViolationMessage } from './aggregate.js';
export {
  ENFORCE_LEVEL_LABEL,
  ENFORCE_VERSION_LABEL,
  LATEST_MINOR,
  enforcePolicyOf,
  evaluatedMinor,
  isPssLevel,
  isPssVersion,
  parseLevel,
  parseVersion,
  type EnforcePolicy,
} from './policy-version.js';
export { evaluateWorkloadPodSecurity, type WorkloadPssViolation } from './workload.js';
export { pssLevelOption, pssVersionOption } from './version-option.js';
