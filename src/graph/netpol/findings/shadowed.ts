/**
 * Shadowed rules: a NetworkPolicy rule whose every allowed connection is also allowed by other
 * rules (of the same policy or of another policy selecting the same pods), so deleting it changes
 * nothing. Decided with the engine's own evaluation (`allowedBy`) and connection sets: for every
 * class of selected pod and every class of far endpoint (each workload class, each range of the
 * address partition, and an unlabelled pod of an unknown namespace standing for pods not in the
 * input), the rule's connections must be a subset of what the remaining rules allow. This is the
 * NetworkPolicy tier only: admin policies decide above and below it whatever the rules say.
 */
import type { Analysis, EndpointClass } from '../analysis.js';
import { NetpolError } from '../errors.js';
import { allowedBy, type IndexedPolicy, type PeerView } from '../evaluate.js';
import type { ContainerPort, NetworkPolicy } from '../model.js';

export type Direction = 'Ingress' | 'Egress';

export interface ShadowedRule {
  readonly direction: Direction;
  /** 0-based rule index. */
  readonly rule: number;
  /** `namespace/policy direction rule #n` of the rules that allow the same connections. */
  readonly coveredBy: readonly string[];
}

export type ShadowVerdict = { readonly kind: 'decided'; readonly shadowed: readonly ShadowedRule[] } | { readonly kind: 'over-budget' } | { readonly kind: 'invalid' };

interface FarEnd {
  readonly view: PeerView;
  readonly ports: readonly ContainerPort[] | undefined;
}

/** Most (selected class, far end) comparisons one scan spends on shadowing before it gives up. */
export const SHADOW_BUDGET = 2_000_000;

export class ShadowAnalysis {
  private readonly analysis: Analysis;
  private spent = 0;
  private farEnds: Record<Direction, FarEnd[]> | undefined;

  constructor(analysis: Analysis) {
    this.analysis = analysis;
  }

  verdict(policy: NetworkPolicy): ShadowVerdict {
    const shadowed: ShadowedRule[] = [];
    try {
      for (const direction of ['Ingress', 'Egress'] as const) {
        const affects = direction === 'Ingress' ? policy.affectsIngress : policy.affectsEgress;
        const rules = direction === 'Ingress' ? policy.ingress : policy.egress;
        if (!affects || rules.length === 0) continue;
        const selected = this.selectedClasses(policy, direction);
        for (let r = 0; r < rules.length; r++) {
          const result = this.ruleShadow(selected, direction, r);
          if (result === 'over-budget') return { kind: 'over-budget' };
          if (result !== undefined) shadowed.push({ direction, rule: r, coveredBy: result });
        }
      }
    } catch (error) {
      if (error instanceof NetpolError) return { kind: 'invalid' };
      throw error;
    }
    return { kind: 'decided', shadowed };
  }

  /** Each distinct class of pod the policy selects, with the policy as indexed for it. */
  private selectedClasses(policy: NetworkPolicy, direction: Direction): { cls: EndpointClass; mine: IndexedPolicy }[] {
    const out = new Map<EndpointClass, IndexedPolicy>();
    for (const w of this.analysis.workloads) {
      if (out.has(w.cls)) continue;
      const mine = (direction === 'Ingress' ? w.cls.ingress : w.cls.egress).find((p) => p.policy === policy);
      if (mine !== undefined) out.set(w.cls, mine);
    }
    return [...out].map(([cls, mine]) => ({ cls, mine }));
  }

  /** Undefined: not shadowed (or allows nothing anywhere); otherwise the covering rules. */
  private ruleShadow(selected: readonly { cls: EndpointClass; mine: IndexedPolicy }[], direction: Direction, r: number): string[] | 'over-budget' | undefined {
    const fars = this.farEndsFor(direction);
    let allowsSomething = false;
    const covering = new Set<string>();
    for (const { cls, mine } of selected) {
      const only = keepRules(mine, direction, (i) => i === r);
      const policies = direction === 'Ingress' ? cls.ingress : cls.egress;
      const others = policies.map((p) => (p === mine ? keepRules(mine, direction, (i) => i !== r) : p));
      for (const far of fars) {
        this.spent++;
        if (this.spent > SHADOW_BUDGET) return 'over-budget';
        const dstPorts = direction === 'Ingress' ? cls.ports : far.ports;
        const own = allowedBy([only], direction, far.view, dstPorts).conns;
        if (own.isEmpty()) continue;
        allowsSomething = true;
        const rest = allowedBy(others, direction, far.view, dstPorts, true);
        if (!own.isSubsetOf(rest.conns)) return undefined;
        const mineName = `${mine.policy.namespace}/${mine.policy.name}`;
        for (const hit of rest.hits) {
          if (hit.conns.intersect(own).isEmpty()) continue;
          // Hits number the rules of the policy as given, which lacks rule r: restore the original numbers.
          const number = hit.policy === mineName && hit.rule > r ? hit.rule + 1 : hit.rule;
          covering.add(`${hit.policy} ${direction.toLowerCase()} rule #${number}`);
        }
      }
    }
    return allowsSomething ? [...covering].sort() : undefined;
  }

  /** Far endpoints, one per distinct view: workload classes, address ranges, and a pod from outside the input. */
  private farEndsFor(direction: Direction): FarEnd[] {
    this.farEnds ??= this.buildFarEnds();
    return this.farEnds[direction];
  }

  private buildFarEnds(): Record<Direction, FarEnd[]> {
    const pods = new Map<string, FarEnd>();
    for (const w of this.analysis.workloads) if (!pods.has(w.cls.peerSig)) pods.set(w.cls.peerSig, { view: w.cls.view, ports: w.cls.ports });
    const stranger = this.analysis.classOfExtra({ namespace: 'any-namespace', name: 'any', kind: 'Pod', labels: {}, ports: [], hostNetwork: false, resources: [] });
    const podEnds = [...pods.values(), { view: stranger.view, ports: stranger.ports }];
    const ipEnds = (ranges: Analysis['srcRanges']): FarEnd[] => ranges.map((r) => ({ view: { kind: 'ip', range: r.range }, ports: undefined }));
    return { Ingress: [...podEnds, ...ipEnds(this.analysis.srcRanges)], Egress: [...podEnds, ...ipEnds(this.analysis.dstRanges)] };
  }
}

/** The indexed policy with only the rules of one direction that `keep` accepts (peer ids kept aligned). */
function keepRules(indexed: IndexedPolicy, direction: Direction, keep: (index: number) => boolean): IndexedPolicy {
  if (direction === 'Ingress') {
    return { ...indexed, policy: { ...indexed.policy, ingress: indexed.policy.ingress.filter((_, i) => keep(i)) }, ingressPeerIds: indexed.ingressPeerIds.filter((_, i) => keep(i)) };
  }
  return { ...indexed, policy: { ...indexed.policy, egress: indexed.policy.egress.filter((_, i) => keep(i)) }, egressPeerIds: indexed.egressPeerIds.filter((_, i) => keep(i)) };
}
