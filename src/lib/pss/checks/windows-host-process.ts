/** Baseline "HostProcess": Windows HostProcess containers (full host access) are forbidden. */
import { containersPhrase, type CheckDefinition } from '../check.js';
import { asRecord, isTrue } from '../pod-view.js';

function hostProcess(securityContext: Record<string, unknown> | undefined): boolean {
  return isTrue(asRecord(securityContext?.windowsOptions)?.hostProcess);
}

export const windowsHostProcess: CheckDefinition = {
  id: 'windowsHostProcess',
  level: 'baseline',
  control: 'HostProcess',
  versions: [
    {
      minimumMinor: 0,
      check: (pod) => {
        const setters: string[] = [];
        const paths: string[] = [];
        if (hostProcess(pod.securityContext)) {
          setters.push('pod');
          paths.push('/spec/securityContext/windowsOptions/hostProcess');
        }
        const bad = pod.containers.filter((c) => hostProcess(c.securityContext));
        if (bad.length > 0) setters.push(containersPhrase(bad.map((c) => c.name)));
        paths.push(...bad.map((c) => `${c.path}/securityContext/windowsOptions/hostProcess`));
        if (setters.length === 0) return undefined;
        return { reason: 'hostProcess', detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`, paths };
      },
    },
  ],
};
