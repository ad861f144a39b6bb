/**
 * Containers without limits can take all of a node's memory, CPU or scratch disk, starving or
 * evicting every other pod on it. Limits count when the container sets them or its namespace's
 * LimitRange gives a default.
 */
import { defineRule, fail, warn } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { describeContainer } from '../_lib/pod.js';
import type { ResourceName } from '../_lib/resources.js';
import { defaultsFor, hasLimit, resourcedContainers } from '../_lib/resources.js';

interface LimitCheck {
  readonly resource: ResourceName;
  readonly consequence: string;
  readonly outcome: (message: string, path: string) => Violation;
}

const CHECKS: readonly LimitCheck[] = [
  { resource: 'memory', consequence: "a leak or an attacker can use up the node's memory and get other pods OOM-killed", outcome: (m, p) => fail(m, p) },
  { resource: 'cpu', consequence: 'it can take all the CPU of the node and starve other pods', outcome: (m, p) => fail(m, p, 'low') },
  { resource: 'ephemeral-storage', consequence: 'it can fill the node\'s disk with logs and scratch files, which evicts other pods', outcome: (m, p) => warn(m, p, 'low') },
];

export const rule = defineRule({
  id: 'resource-limits',
  title: 'Container has no resource limits',
  severity: 'medium',
  threats: ['container-compromise'],
  mitre: ['T1499', 'T1496'],
  remediation: 'Set resources.limits.memory and resources.limits.cpu (and ephemeral-storage) on every container, or give the namespace a LimitRange with defaults.',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/policy/limit-range/',
  ],
  target: 'workload',
  *check({ resource, workload }, { index }) {
    const defaults = defaultsFor(index, resource);
    for (const ref of resourcedContainers(workload.containers)) {
      for (const check of CHECKS) {
        if (hasLimit(workload, ref, check.resource, defaults)) continue;
        yield check.outcome(`${describeContainer(ref)} has no ${check.resource} limit: ${check.consequence}`, pointer(ref.path, 'resources', 'limits', check.resource));
      }
    }
  },
});
