/**
 * Which network classes may open connections to a destination class, without visiting every pair.
 * Sources whose egress no policy restricts reach any destination its ingress admits; when no
 * policy selects the destination on ingress either, they are one group ("any pod with open
 * egress") instead of one edge each. Otherwise the candidates come from walking the policy rules
 * (a rule's peers name the classes it admits), and each candidate's connections are the netpol
 * engine's exact verdict. With admin network policies, which can allow across isolation, every
 * class is a candidate.
 */
import type { Analysis, EndpointClass } from '../netpol/analysis.js';
import type { ConnectionSet } from '../netpol/connections.js';
import type { IndexedPolicy } from '../netpol/evaluate.js';

export interface ClassReach {
  /** Undefined: every class with open egress. */
  readonly src: EndpointClass | undefined;
  readonly conns: ConnectionSet;
}

export function hasOpenEgress(cls: EndpointClass): boolean {
  return cls.egress.length === 0 && cls.adminEgress.length === 0 && cls.baselineEgress === undefined;
}

function hasOpenIngress(cls: EndpointClass): boolean {
  return cls.ingress.length === 0 && cls.adminIngress.length === 0 && cls.baselineIngress === undefined;
}

export class NetworkReach {
  private readonly byGroup = new Map<number, EndpointClass[]>();
  private readonly adminTiers: boolean;
  private readonly egressTargets = new Map<EndpointClass, Set<EndpointClass> | 'all'>();

  constructor(private readonly analysis: Analysis, private readonly classes: readonly EndpointClass[]) {
    this.adminTiers = analysis.cluster.admin.length > 0 || analysis.cluster.baseline !== undefined;
    for (const cls of classes) {
      if (cls.view.kind !== 'pod') continue;
      for (const id of cls.view.matchedPeers) {
        const list = this.byGroup.get(id);
        if (list === undefined) this.byGroup.set(id, [cls]);
        else list.push(cls);
      }
    }
  }

  into(dst: EndpointClass): ClassReach[] {
    const out: ClassReach[] = [];
    const exact = (src: EndpointClass): void => {
      const conns = this.analysis.allowed(src, dst);
      if (!conns.isEmpty()) out.push({ src, conns });
    };
    if (this.adminTiers) {
      for (const src of this.classes) exact(src);
      return out;
    }
    if (hasOpenIngress(dst)) {
      // Open egress meets open ingress: everything is allowed.
      const open = this.anyOpen();
      if (open !== undefined) out.push({ src: undefined, conns: this.analysis.allowed(open, dst) });
      for (const src of this.classes) {
        if (hasOpenEgress(src)) continue;
        const targets = this.egressTargetsOf(src);
        if (targets === 'all' || targets.has(dst)) exact(src);
      }
      return out.filter((r) => !r.conns.isEmpty());
    }
    const candidates = this.ruleTargets(dst.ingress, 'Ingress');
    for (const src of candidates === 'all' ? this.classes : candidates) exact(src);
    return out;
  }

  private anyOpen(): EndpointClass | undefined {
    return this.classes.find(hasOpenEgress);
  }

  private egressTargetsOf(src: EndpointClass): Set<EndpointClass> | 'all' {
    let targets = this.egressTargets.get(src);
    if (targets === undefined) {
      targets = this.ruleTargets(src.egress, 'Egress');
      this.egressTargets.set(src, targets);
    }
    return targets;
  }

  /** Classes the rules' pod peers name; `all` when a rule names no peers (every pod). */
  private ruleTargets(policies: readonly IndexedPolicy[], direction: 'Ingress' | 'Egress'): Set<EndpointClass> | 'all' {
    const out = new Set<EndpointClass>();
    for (const indexed of policies) {
      const rules = direction === 'Egress' ? indexed.policy.egress : indexed.policy.ingress;
      const ids = direction === 'Egress' ? indexed.egressPeerIds : indexed.ingressPeerIds;
      for (const [r, rule] of rules.entries()) {
        if (rule.peers === undefined) return 'all';
        rule.peers.forEach((peer, i) => {
          if (peer.kind === 'pods') for (const cls of this.byGroup.get(ids[r]?.[i] ?? -1) ?? []) out.add(cls);
        });
      }
    }
    return out;
  }
}
