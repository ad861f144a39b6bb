/**
 * The Pod Security Standards (kubernetes.io/docs/concepts/security/pod-security-standards/), one
 * framework per level. Each control counts the pss-baseline / pss-restricted findings whose message
 * starts with the reason PodSecurity admission gives for that control, so a scan at any policy
 * version (`--pss-version`) reports per control exactly what the admission controller would deny.
 */
import type { Control, Framework } from './types.js';
import { only } from './types.js';

const URL = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';

/** A control answered by the level's rule, through the admission controller's reason(s). */
function control(id: string, title: string, rule: string, reasons: readonly string[], note?: string): Control {
  const escaped = reasons.map((r) => r.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  const checks = [only(rule, new RegExp(`^(${escaped.join('|')})( \\(|$)`))];
  return note === undefined ? { id, title, checks } : { id, title, checks, note };
}

/** The Baseline controls, in the document's order, answered by `rule` (a restricted scan runs them too). */
function baselineControls(rule: string): Control[] {
  return [
    control('baseline-hostprocess', 'HostProcess', rule, ['hostProcess']),
    control('baseline-host-namespaces', 'Host Namespaces', rule, ['host namespaces']),
    control('baseline-privileged-containers', 'Privileged Containers', rule, ['privileged']),
    control('baseline-capabilities', 'Capabilities', rule, ['non-default capabilities']),
    control('baseline-hostpath-volumes', 'HostPath Volumes', rule, ['hostPath volumes']),
    control('baseline-host-ports', 'Host Ports', rule, ['hostPort']),
    control('baseline-host-probes', 'Host Probes / Lifecycle Hooks', rule, ['probe or lifecycle host'], 'policy version v1.34 and later'),
    control('baseline-apparmor', 'AppArmor', rule, ['forbidden AppArmor profile', 'forbidden AppArmor profiles']),
    control('baseline-selinux', 'SELinux', rule, ['seLinuxOptions']),
    control('baseline-proc-mount', '/proc Mount Type', rule, ['procMount']),
    control('baseline-seccomp', 'Seccomp', rule, ['seccompProfile'], 'at the restricted level both Seccomp controls report as "seccompProfile"'),
    control('baseline-sysctls', 'Sysctls', rule, ['forbidden sysctls']),
  ];
}

export const PSS_BASELINE: Framework = {
  id: 'pss-baseline',
  title: 'Pod Security Standards: Baseline',
  version: 'latest',
  url: `${URL}#baseline`,
  controls: baselineControls('pss-baseline'),
};

export const PSS_RESTRICTED: Framework = {
  id: 'pss-restricted',
  title: 'Pod Security Standards: Restricted',
  version: 'latest',
  url: `${URL}#restricted`,
  controls: [
    ...baselineControls('pss-restricted'),
    control('restricted-volume-types', 'Volume Types', 'pss-restricted', ['restricted volume types']),
    control('restricted-privilege-escalation', 'Privilege Escalation', 'pss-restricted', ['allowPrivilegeEscalation != false'], 'policy version v1.8 and later'),
    control('restricted-running-as-non-root', 'Running as Non-root', 'pss-restricted', ['runAsNonRoot != true']),
    control('restricted-running-as-non-root-user', 'Running as Non-root user', 'pss-restricted', ['runAsUser=0'], 'policy version v1.23 and later'),
    control('restricted-seccomp', 'Seccomp', 'pss-restricted', ['seccompProfile'], 'policy version v1.19 and later'),
    control('restricted-capabilities', 'Capabilities', 'pss-restricted', ['unrestricted capabilities'], 'policy version v1.22 and later'),
  ],
};
