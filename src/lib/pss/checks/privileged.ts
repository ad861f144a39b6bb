/** Baseline "Privileged Containers": securityContext.privileged=true is forbidden. */
import { containersPhrase, type CheckDefinition } from '../check.js';
import { isTrue } from '../pod-view.js';

export const privileged: CheckDefinition = {
  id: 'privileged',
  level: 'baseline',
  control: 'Privileged Containers',
  versions: [
    {
      minimumMinor: 0,
      check: (pod) => {
        const bad = pod.containers.filter((c) => isTrue(c.securityContext?.privileged));
        if (bad.length === 0) return undefined;
        return {
          reason: 'privileged',
          detail: `${containersPhrase(bad.map((c) => c.name))} must not set securityContext.privileged=true`,
          paths: bad.map((c) => `${c.path}/securityContext/privileged`),
        };
      },
    },
  ],
};
