/**
 * The check both isolation rules make, one per direction: a workload's pods are open (no policy
 * isolates them that way: a failure, with what that allows) or on the host network (policies
 * cannot isolate them: a warning). Decided with the scan's shared netpol analysis.
 */
import type { Outcome, WorkloadSubject } from '../../core/rule.js';
import type { ResourceIndex } from '../../core/resource-index.js';
import { fail, warn } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { isolationOf, scanNetpol } from '../../graph/netpol/findings/index.js';

export function* isolationOutcomes(subject: WorkloadSubject, index: ResourceIndex, direction: 'Ingress' | 'Egress', openConsequence: string): Generator<Outcome> {
  const endpoint = scanNetpol(index)?.endpointOf(subject.resource);
  if (endpoint === undefined) return;
  const { kind, name } = subject.resource;
  const way = direction.toLowerCase();
  const isolation = isolationOf(endpoint, direction);
  if (isolation.kind === 'open') {
    yield fail(`${kind} "${name}": no NetworkPolicy selects its pods for ${way}, so ${openConsequence}`, subject.workload.podMetaPath);
  } else if (isolation.kind === 'host-network') {
    yield warn(`${kind} "${name}" uses the host network: NetworkPolicies do not isolate its ${way} (it shares the node's)`, pointer(subject.workload.podSpecPath, 'hostNetwork'));
  }
}
