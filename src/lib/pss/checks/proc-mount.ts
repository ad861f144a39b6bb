/**
 * "/proc Mount Type": the default /proc masks must stay. Baseline relaxes this from v1.35 for pods
 * in their own user namespace (hostUsers: false); restricted keeps the unconditional check and,
 * from v1.35, replaces the baseline one.
 */
import { containersPhrase, type CheckDefinition, type CheckFn } from '../check.js';
import { joinQuote, sortedSet } from '../go-format.js';
import { asString } from '../pod-view.js';

const unmaskedProcMount: CheckFn = (pod) => {
  const badContainers: string[] = [];
  const types: string[] = [];
  const paths: string[] = [];
  for (const container of pod.containers) {
    const procMount = asString(container.securityContext?.procMount);
    if (procMount === undefined || procMount === 'Default') continue;
    badContainers.push(container.name);
    types.push(procMount);
    paths.push(`${container.path}/securityContext/procMount`);
  }
  if (badContainers.length === 0) return undefined;
  return {
    reason: 'procMount',
    detail: `${containersPhrase(badContainers)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
    paths,
  };
};

export const procMountBaseline: CheckDefinition = {
  id: 'procMount',
  level: 'baseline',
  control: '/proc Mount Type',
  versions: [
    { minimumMinor: 0, check: unmaskedProcMount },
    { minimumMinor: 35, check: (pod) => (pod.inUserNamespace ? undefined : unmaskedProcMount(pod)) },
  ],
};

export const procMountRestricted: CheckDefinition = {
  id: 'procMount_restricted',
  level: 'restricted',
  control: '/proc Mount Type',
  versions: [{ minimumMinor: 35, check: unmaskedProcMount, overrides: ['procMount'] }],
};
