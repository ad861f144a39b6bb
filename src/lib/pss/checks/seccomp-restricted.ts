/**
 * Restricted "Seccomp" (v1.19+): a RuntimeDefault or Localhost profile must be set, on the pod or
 * on every container. Replaces the baseline seccomp check at the restricted level; from v1.25
 * Windows pods are exempt (seccomp is Linux-only).
 */
import { containersPhrase, type CheckDefinition, type CheckFn } from '../check.js';
import { asRecord } from '../pod-view.js';
import { badSeccompDetail, explicitlyBadSeccomp, validSeccompType } from './seccomp-baseline.js';

const requireSeccomp: CheckFn = (pod) => {
  const { setters, values, paths } = explicitlyBadSeccomp(pod);
  if (setters.length > 0) return { reason: 'seccompProfile', detail: badSeccompDetail(setters, values), paths };
  const podProfile = asRecord(pod.securityContext?.seccompProfile);
  if (podProfile !== undefined && validSeccompType(podProfile)) return undefined;
  const implicit = pod.containers.filter((c) => asRecord(c.securityContext?.seccompProfile) === undefined);
  if (implicit.length === 0) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `pod or ${containersPhrase(implicit.map((c) => c.name))} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    paths: implicit.map((c) => (c.securityContext === undefined ? c.path : `${c.path}/securityContext`)),
  };
};

export const seccompProfileRestricted: CheckDefinition = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  control: 'Seccomp',
  versions: [
    { minimumMinor: 19, check: requireSeccomp, overrides: ['seccompProfile_baseline'] },
    { minimumMinor: 25, check: (pod) => (pod.isWindows ? undefined : requireSeccomp(pod)), overrides: ['seccompProfile_baseline'] },
  ],
};
