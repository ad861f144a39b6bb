/** Baseline "Host Ports": binding a port of the node (hostPort) is forbidden. */
import { containersPhrase, type CheckDefinition } from '../check.js';
import { pluralize, sortedSet } from '../go-format.js';
import { asArray, asRecord } from '../pod-view.js';

export const hostPorts: CheckDefinition = {
  id: 'hostPorts',
  level: 'baseline',
  control: 'Host Ports',
  versions: [
    {
      minimumMinor: 0,
      check: (pod) => {
        const badContainers: string[] = [];
        const ports: string[] = [];
        const paths: string[] = [];
        for (const container of pod.containers) {
          const before = ports.length;
          for (const [index, value] of asArray(container.fields.ports).entries()) {
            const hostPort = asRecord(value)?.hostPort;
            if (typeof hostPort !== 'number' || hostPort === 0) continue;
            ports.push(String(hostPort));
            paths.push(`${container.path}/ports/${index}/hostPort`);
          }
          if (ports.length > before) badContainers.push(container.name);
        }
        if (badContainers.length === 0) return undefined;
        // Upstream keeps the ports in a string set, so they sort as strings ("10" < "9").
        const distinct = sortedSet(ports);
        return {
          reason: 'hostPort',
          detail: `${containersPhrase(badContainers)} ${pluralize('uses', 'use', badContainers.length)} ${pluralize('hostPort', 'hostPorts', distinct.length)} ${distinct.join(', ')}`,
          paths,
        };
      },
    },
  ],
};
