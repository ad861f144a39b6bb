/**
 * Restricted "Privilege Escalation" (v1.8+): every container must set
 * allowPrivilegeEscalation=false (unset means true: setuid binaries can gain privileges).
 */
import { containersPhrase, type CheckDefinition, type CheckFn } from '../check.js';
import { optionalBool } from '../pod-view.js';

const requireNoEscalation: CheckFn = (pod) => {
  const bad = pod.containers.filter((c) => optionalBool(c.securityContext?.allowPrivilegeEscalation) !== false);
  if (bad.length === 0) return undefined;
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containersPhrase(bad.map((c) => c.name))} must set securityContext.allowPrivilegeEscalation=false`,
    paths: bad.map((c) => (c.securityContext === undefined ? c.path : `${c.path}/securityContext/allowPrivilegeEscalation`)),
  };
};

export const allowPrivilegeEscalation: CheckDefinition = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  control: 'Privilege Escalation',
  versions: [
    { minimumMinor: 8, check: requireNoEscalation },
    // From v1.25 Windows pods (spec.os.name) are exempt: the field does not exist on Windows.
    { minimumMinor: 25, check: (pod) => (pod.isWindows ? undefined : requireNoEscalation(pod)) },
  ],
};
