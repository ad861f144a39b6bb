/**
 * kubesec (../shared/testdata/k8s/kubesec) scores an object below zero when it has a critical
 * finding. Palisade has no score; the comparison is: "score < 0" must get a finding from one of the
 * rules below (kubesec's critical checks), "score == 0" and "score > 0" must get none, and
 * "invalid input" must give a located input problem.
 */
import type { RuleCheck } from '../types.js';

/** The Palisade counterparts of kubesec's critical checks. */
export const KUBESEC_CRITICAL: readonly RuleCheck[] = [
  { rule: 'privileged-container' },
  { rule: 'host-namespaces', message: /hostNetwork|hostPID/ },
  { rule: 'sensitive-host-path', message: /docker/i },
  { rule: 'dangerous-capabilities', message: /SYS_ADMIN/ },
  { rule: 'privilege-escalation-allowed', message: /sets allowPrivilegeEscalation: true/ },
  { rule: 'seccomp-unconfined', message: /explicitly Unconfined/ },
  { rule: 'pss-baseline', message: /^forbidden AppArmor profile/ },
];

/** Deliberate differences, keyed by asset. */
const NO_NAME = 'the object has no metadata.name: the API server rejects it, so Palisade reports a located missing-field problem and judges nothing in it';

export const KUBESEC_DIFFERENCES: Readonly<Record<string, string>> = {
  'asset/score-0-daemonset-host-network.yml': NO_NAME,
  'asset/score-0-daemonset-host-pid.yml': NO_NAME,
  'asset/score-0-daemonset-volume-host-docker-socket.yml': NO_NAME,
};
