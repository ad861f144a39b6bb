/**
 * Requests are what the scheduler reserves. A container without them is scheduled as if it
 * needed nothing, lands on full nodes, and is the first evicted under pressure (BestEffort). A
 * request counts when set, when defaulted from the container's own limit, or from a LimitRange.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { describeContainer } from '../_lib/pod.js';
import type { ResourceName } from '../_lib/resources.js';
import { defaultsFor, hasRequest, resourcedContainers } from '../_lib/resources.js';

const REQUIRED: readonly ResourceName[] = ['cpu', 'memory'];

export const rule = defineRule({
  id: 'resource-requests',
  title: 'Container has no resource requests',
  severity: 'low',
  threats: ['container-compromise'],
  mitre: ['T1499'],
  remediation: 'Set resources.requests.cpu and resources.requests.memory on every container to what it needs under normal load.',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
  ],
  target: 'workload',
  *check({ resource, workload }, { index }) {
    const defaults = defaultsFor(index, resource);
    for (const ref of resourcedContainers(workload.containers)) {
      for (const name of REQUIRED) {
        if (hasRequest(workload, ref, name, defaults)) continue;
        yield fail(`${describeContainer(ref)} has no ${name} request: the scheduler reserves no ${name} for it, so it can land on an overcommitted node`, pointer(ref.path, 'resources', 'requests', name));
      }
    }
  },
});
