/** The vocabulary of the Pod Security Standards evaluator. */

export type PssLevel = 'privileged' | 'baseline' | 'restricted';

/** A policy version as namespace labels spell it: `latest` or `v1.<minor>`. */
export type PssVersion = 'latest' | `v1.${number}`;

/** Upstream's check ids (k8s.io/pod-security-admission/policy), which also fix the evaluation order. */
export type PssCheckId =
  | 'appArmorProfile'
  | 'capabilities_baseline'
  | 'hostNamespaces'
  | 'hostPathVolumes'
  | 'hostPorts'
  | 'hostProbesAndHostLifecycle'
  | 'privileged'
  | 'procMount'
  | 'seLinuxOptions'
  | 'seccompProfile_baseline'
  | 'sysctls'
  | 'windowsHostProcess'
  | 'allowPrivilegeEscalation'
  | 'capabilities_restricted'
  | 'procMount_restricted'
  | 'restrictedVolumes'
  | 'runAsNonRoot'
  | 'runAsUser'
  | 'seccompProfile_restricted';

/** One failed check, worded exactly as the PodSecurity admission controller words it. */
export interface PssCheckResult {
  readonly id: PssCheckId;
  /** The level the check belongs to (a restricted evaluation also runs baseline checks). */
  readonly level: 'baseline' | 'restricted';
  /** The control's name in the Pod Security Standards document, e.g. "Host Namespaces". */
  readonly control: string;
  /** Upstream's ForbiddenReason, e.g. `host namespaces`. */
  readonly reason: string;
  /** Upstream's ForbiddenDetail, e.g. `hostNetwork=true, hostPID=true`. */
  readonly detail: string;
  /** JSON pointers, relative to a Pod object (`/metadata/...`, `/spec/...`), of the offending fields. */
  readonly paths: readonly string[];
}

/** What a check function returns when the pod violates it. */
export interface Violation {
  readonly reason: string;
  readonly detail: string;
  readonly paths: readonly string[];
}
