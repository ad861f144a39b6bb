/**
 * Restricted "Capabilities" (v1.22+): every container must drop ALL and may add back only
 * NET_BIND_SERVICE. Replaces the baseline capabilities check at the restricted level.
 */
import { containersPhrase, type CheckDefinition, type CheckFn } from '../check.js';
import { joinQuote, sortedSet } from '../go-format.js';
import { asArray, asRecord } from '../pod-view.js';

const requireDropAll: CheckFn = (pod) => {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbidden: string[] = [];
  const paths: string[] = [];
  for (const container of pod.containers) {
    const capabilities = asRecord(container.securityContext?.capabilities);
    if (capabilities === undefined) {
      missingDropAll.push(container.name);
      paths.push(container.securityContext === undefined ? container.path : `${container.path}/securityContext`);
      continue;
    }
    if (!asArray(capabilities.drop).includes('ALL')) {
      missingDropAll.push(container.name);
      paths.push(`${container.path}/securityContext/capabilities`);
    }
    const before = forbidden.length;
    for (const [index, capability] of asArray(capabilities.add).entries()) {
      if (typeof capability !== 'string' || capability === 'NET_BIND_SERVICE') continue;
      forbidden.push(capability);
      paths.push(`${container.path}/securityContext/capabilities/add/${index}`);
    }
    if (forbidden.length > before) addingForbidden.push(container.name);
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) details.push(`${containersPhrase(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  if (addingForbidden.length > 0) details.push(`${containersPhrase(addingForbidden)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`);
  if (details.length === 0) return undefined;
  return { reason: 'unrestricted capabilities', detail: details.join('; '), paths };
};

export const capabilitiesRestricted: CheckDefinition = {
  id: 'capabilities_restricted',
  level: 'restricted',
  control: 'Capabilities',
  versions: [
    { minimumMinor: 22, check: requireDropAll, overrides: ['capabilities_baseline'] },
    // From v1.25 Windows pods are exempt: Linux capabilities do not exist there.
    { minimumMinor: 25, check: (pod) => (pod.isWindows ? undefined : requireDropAll(pod)), overrides: ['capabilities_baseline'] },
  ],
};
