/** Baseline "Capabilities": only the container runtime's default set may be added. */
import { containersPhrase, type CheckDefinition } from '../check.js';
import { joinQuote, sortedSet } from '../go-format.js';
import { asArray, asRecord } from '../pod-view.js';

/** The default capability set of container runtimes; adding anything else (e.g. NET_RAW... SYS_ADMIN) is forbidden. */
const ALLOWED = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export const capabilitiesBaseline: CheckDefinition = {
  id: 'capabilities_baseline',
  level: 'baseline',
  control: 'Capabilities',
  versions: [
    {
      minimumMinor: 0,
      check: (pod) => {
        const badContainers: string[] = [];
        const badCapabilities: string[] = [];
        const paths: string[] = [];
        for (const container of pod.containers) {
          const before = badCapabilities.length;
          for (const [index, capability] of asArray(asRecord(container.securityContext?.capabilities)?.add).entries()) {
            if (typeof capability !== 'string' || ALLOWED.has(capability)) continue;
            badCapabilities.push(capability);
            paths.push(`${container.path}/securityContext/capabilities/add/${index}`);
          }
          if (badCapabilities.length > before) badContainers.push(container.name);
        }
        if (badContainers.length === 0) return undefined;
        return {
          reason: 'non-default capabilities',
          detail: `${containersPhrase(badContainers)} must not include ${joinQuote(sortedSet(badCapabilities))} in securityContext.capabilities.add`,
          paths,
        };
      },
    },
  ],
};
