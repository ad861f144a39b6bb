/**
 * The registry of compliance frameworks: an explicit list sorted by id (no registration by import
 * side effect). The MITRE and threat-model frameworks are derived from the rules' metadata.
 */
import { RULES } from '../rules/index.js';
import { CIS_KUBERNETES } from './cis-kubernetes.js';
import { mitreFramework } from './mitre-attack-containers.js';
import { NIST_800_190 } from './nist-800-190.js';
import { NSA_CISA } from './nsa-cisa-hardening.js';
import { PSS_BASELINE, PSS_RESTRICTED } from './pod-security-standards.js';
import { threatModelFramework } from './threat-model.js';
import type { Framework } from './types.js';

export type { AutomatedControl, Control, Framework, ManualControl, RuleCheck } from './types.js';
export { frameworkRuleIds, isManual } from './types.js';

export const FRAMEWORKS: readonly Framework[] = [
  CIS_KUBERNETES,
  mitreFramework(RULES),
  NIST_800_190,
  NSA_CISA,
  PSS_BASELINE,
  PSS_RESTRICTED,
  threatModelFramework(RULES),
];

/** Ids are lower-case; `--framework CIS-Kubernetes` or `NSA-CISA` names the same framework. */
export function findFramework(id: string): Framework | undefined {
  const wanted = id.toLowerCase();
  return FRAMEWORKS.find((f) => f.id === wanted);
}

/** Frameworks whose rules run at a Pod Security Standards policy version (`--pss-version`). */
export const PSS_FRAMEWORK_RULES: Readonly<Record<string, string>> = {
  'pss-baseline': 'pss-baseline',
  'pss-restricted': 'pss-restricted',
};
