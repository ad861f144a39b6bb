/**
 * Class-to-class connections without visiting every pair. An isolated side allows only what
 * its rules match, so those rules are walked forwards (rule peer -> classes it matches) instead
 * of testing every class against every rule; pairs no rule names are never visited. The cost is
 * the number of rule matches plus the size of the output. Valid for NetworkPolicies and Cilium
 * rules: admin tiers can allow or deny across isolation, so clusters with them use the pairwise
 * walk. Cilium deny rules only take away, so the pairs found are re-judged exactly (`exact`) when
 * a side has deny rules; a Cilium policy that does not isolate leaves its side open.
 */
import type { EndpointClass } from './analysis.js';
import { ConnectionSet } from './connections.js';
import { ruleConnections } from './evaluate.js';
import type { IndexedPolicy } from './evaluate.js';
import type { PolicyRule } from './model.js';

export type ClassPair = readonly [EndpointClass, EndpointClass, ConnectionSet];

/**
 * For one isolated side of `owner`, the connections its rules allow with each class they match
 * (`peerIds` picks the rule peers; ports resolve against the destination: the target on egress,
 * the owner on ingress).
 */
/** Rule connections memoised by rule and by the destination's named ports (most rules name none). */
class RuleConnections {
  private readonly cache = new Map<PolicyRule, Map<number, ConnectionSet>>();

  of(indexed: IndexedPolicy, rule: PolicyRule, dst: EndpointClass): ConnectionSet {
    let byPorts = this.cache.get(rule);
    if (byPorts === undefined) {
      byPorts = new Map();
      this.cache.set(rule, byPorts);
    }
    const key = rule.ports?.some((p) => p.kind === 'named') === true ? dst.portsId : -1;
    let conns = byPorts.get(key);
    if (conns === undefined) {
      conns = ruleConnections(indexed.policy, rule, dst.ports);
      byPorts.set(key, conns);
    }
    return conns;
  }
}

function ruleTargets(
  owner: EndpointClass,
  direction: 'Ingress' | 'Egress',
  all: readonly EndpointClass[],
  byGroup: ReadonlyMap<number, readonly EndpointClass[]>,
  memo: RuleConnections,
): Map<EndpointClass, ConnectionSet> {
  const out = new Map<EndpointClass, ConnectionSet>();
  const policies: readonly IndexedPolicy[] = direction === 'Egress' ? owner.egress : owner.ingress;
  for (const indexed of policies) {
    const rules = direction === 'Egress' ? indexed.policy.egress : indexed.policy.ingress;
    const ids = direction === 'Egress' ? indexed.egressPeerIds : indexed.ingressPeerIds;
    rules.forEach((rule, r) => {
      let targets: Iterable<EndpointClass>;
      if (rule.peers === undefined) targets = all;
      else {
        const set = new Set<EndpointClass>();
        rule.peers.forEach((peer, i) => {
          if (peer.kind === 'pods') for (const cls of byGroup.get(ids[r]?.[i] ?? -1) ?? []) set.add(cls);
        });
        targets = set;
      }
      for (const target of targets) {
        const conns = memo.of(indexed, rule, direction === 'Egress' ? target : owner);
        if (conns.isEmpty()) continue;
        out.set(target, (out.get(target) ?? ConnectionSet.none()).union(conns));
      }
    });
  }
  return out;
}

/** Whether any policy selecting the class isolates it in that direction (a Cilium one may only contribute). */
function isolated(cls: EndpointClass, direction: 'Ingress' | 'Egress'): boolean {
  return direction === 'Egress' ? cls.egress.some((p) => p.policy.affectsEgress) : cls.ingress.some((p) => p.policy.affectsIngress);
}

function hasDenyRules(cls: EndpointClass, direction: 'Ingress' | 'Egress'): boolean {
  return direction === 'Egress' ? cls.egress.some((p) => (p.policy.egressDeny?.length ?? 0) > 0) : cls.ingress.some((p) => (p.policy.ingressDeny?.length ?? 0) > 0);
}

export function sparseClassPairs(classes: readonly EndpointClass[], exact?: (src: EndpointClass, dst: EndpointClass) => ConnectionSet): ClassPair[] {
  const byGroup = new Map<number, EndpointClass[]>();
  for (const cls of classes) {
    if (cls.view.kind !== 'pod') continue;
    for (const id of cls.view.matchedPeers) {
      const list = byGroup.get(id);
      if (list === undefined) byGroup.set(id, [cls]);
      else list.push(cls);
    }
  }
  const memo = new RuleConnections();
  const egressOf = new Map<EndpointClass, Map<EndpointClass, ConnectionSet>>();
  const egressInto = new Map<EndpointClass, [EndpointClass, ConnectionSet][]>();
  const openEgress: EndpointClass[] = [];
  for (const src of classes) {
    if (!isolated(src, 'Egress')) {
      openEgress.push(src);
      continue;
    }
    const targets = ruleTargets(src, 'Egress', classes, byGroup, memo);
    egressOf.set(src, targets);
    for (const [dst, conns] of targets) {
      const list = egressInto.get(dst);
      if (list === undefined) egressInto.set(dst, [[src, conns]]);
      else list.push([src, conns]);
    }
  }
  const out: ClassPair[] = [];
  const push = (src: EndpointClass, dst: EndpointClass, conns: ConnectionSet): void => {
    const judged = exact !== undefined && (hasDenyRules(src, 'Egress') || hasDenyRules(dst, 'Ingress')) ? exact(src, dst) : conns;
    if (!judged.isEmpty()) out.push([src, dst, judged]);
  };
  for (const dst of classes) {
    const senders = egressInto.get(dst) ?? [];
    if (isolated(dst, 'Ingress')) {
      for (const [src, ingress] of ruleTargets(dst, 'Ingress', classes, byGroup, memo)) {
        const egress = isolated(src, 'Egress') ? (egressOf.get(src)?.get(dst) ?? ConnectionSet.none()) : ConnectionSet.all();
        push(src, dst, egress.intersect(ingress));
      }
      continue;
    }
    for (const src of openEgress) push(src, dst, ConnectionSet.all());
    for (const [src, conns] of senders) push(src, dst, conns);
  }
  return out;
}
