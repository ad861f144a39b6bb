/**
 * A named port in a policy rule means every container port of the destination pod carrying that
 * name (on the rule's protocol, when the rule gives one). Port names are unique per container,
 * not per pod, so two containers may both expose `metrics`, or `dns` on TCP and on UDP: each
 * match counts, not only the first.
 */
import { ConnectionSet, type Protocol } from './connections.js';
import { IntervalSet } from './intervals.js';
import type { ContainerPort } from './model.js';

/** `protocol` undefined: each matching port on its own protocol (AdminNetworkPolicy named ports carry none). */
export function namedPortConnections(dstPorts: readonly ContainerPort[], name: string, protocol: Protocol | undefined): ConnectionSet {
  let conns = ConnectionSet.none();
  for (const p of dstPorts) {
    if (p.name !== name || (protocol !== undefined && p.protocol !== protocol)) continue;
    conns = conns.union(ConnectionSet.of(p.protocol, IntervalSet.of(p.port, p.port)));
  }
  return conns;
}
