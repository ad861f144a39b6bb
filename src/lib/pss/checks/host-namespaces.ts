/** Baseline "Host Namespaces": sharing the node's network, PID or IPC namespace is forbidden. */
import type { CheckDefinition } from '../check.js';
import { isTrue } from '../pod-view.js';

const NAMESPACE_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export const hostNamespaces: CheckDefinition = {
  id: 'hostNamespaces',
  level: 'baseline',
  control: 'Host Namespaces',
  versions: [
    {
      minimumMinor: 0,
      check: (pod) => {
        const shared = NAMESPACE_FIELDS.filter((field) => isTrue(pod.spec[field]));
        if (shared.length === 0) return undefined;
        return {
          reason: 'host namespaces',
          detail: shared.map((field) => `${field}=true`).join(', '),
          paths: shared.map((field) => `/spec/${field}`),
        };
      },
    },
  ],
};
