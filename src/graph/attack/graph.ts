/**
 * The attack graph under construction: nodes by id, edges with adjacency lists, and the candidate
 * fixes each edge can be removed by. Builders add to it; queries (paths, cut) read it.
 */
import type { AttackEvidence, AttackFixKind, AttackNode, AttackStepKind } from '../../model/attack.js';
import type { JsonObject, ResourceRef } from '../../model/resource.js';
import type { Revocation } from './remove-verb.js';

export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly kind: AttackStepKind;
  readonly explanation: string;
  /**
   * The explanation with the file and line of each fact behind it, for the steps of listed paths.
   * Lazy: a position lookup for every edge of a 10,000-workload graph would cost more than the
   * graph, and only the few listed steps are read by a person.
   */
  readonly located?: () => string;
  readonly evidence: AttackEvidence;
  readonly findingIds: string[];
  /** Applying any one of these fixes removes the edge. Empty: nothing in the manifests removes it. */
  readonly fixIds: string[];
  /** Probability that an attacker takes this step successfully (see docs/attack-paths.md). */
  readonly probability: number;
}

/** A fix before the cut is known (which paths it cuts is filled in at the end). */
export interface FixCandidate {
  readonly id: string;
  readonly kind: AttackFixKind;
  readonly description: string;
  readonly cost: number;
  readonly resource?: ResourceRef;
  /** The patch as an object: written as YAML only for the fixes a result reports (a graph has one per workload). */
  readonly patch?: JsonObject;
  readonly patchType?: 'create' | 'merge' | 'delete';
  /** upgrade-package fixes: the image and the vulnerability ids the upgrade removes. */
  readonly upgrade?: { readonly image: string; readonly ids: readonly string[] };
  /**
   * remove-verb fixes: what the patch takes out of the role. Several chosen on one role must
   * compose, and each `patch` is a whole `rules` list, so they are applied from this, in turn.
   */
  readonly revoke?: Revocation;
}

export class AttackGraph {
  readonly nodes = new Map<string, AttackNode>();
  readonly edges: Edge[] = [];
  readonly fixes = new Map<string, FixCandidate>();
  private readonly outgoing = new Map<string, number[]>();
  private readonly edgeKeys = new Map<string, number>();

  addNode(node: AttackNode): void {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
  }

  /** Marks a node as an entry or a jewel (nodes are immutable records: replaced). */
  mark(id: string, flag: 'entry' | 'jewel'): void {
    const node = this.nodes.get(id);
    if (node !== undefined && node[flag] !== true) this.nodes.set(id, { ...node, [flag]: true });
  }

  /**
   * Adds an edge; an edge with the same ends, kind and `distinct` key merges its fixes and findings
   * into the first (`distinct` keeps parallel edges apart, e.g. one per exposing Service).
   */
  addEdge(edge: Omit<Edge, 'findingIds' | 'fixIds'> & { findingIds?: readonly string[]; fixIds?: readonly string[] }, distinct = ''): void {
    if (edge.from === edge.to) return;
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.kind}\u0000${distinct}`;
    const existing = this.edgeKeys.get(key);
    if (existing !== undefined) {
      const first = this.edges[existing];
      if (first !== undefined) {
        for (const id of edge.findingIds ?? []) if (!first.findingIds.includes(id)) first.findingIds.push(id);
      }
      return;
    }
    this.edgeKeys.set(key, this.edges.length);
    const list = this.outgoing.get(edge.from);
    if (list === undefined) this.outgoing.set(edge.from, [this.edges.length]);
    else list.push(this.edges.length);
    this.edges.push({ ...edge, findingIds: [...(edge.findingIds ?? [])], fixIds: [...(edge.fixIds ?? [])] });
  }

  addFix(fix: FixCandidate): string {
    if (!this.fixes.has(fix.id)) this.fixes.set(fix.id, fix);
    return fix.id;
  }

  /** Indices of the edges leaving a node. */
  out(id: string): readonly number[] {
    return this.outgoing.get(id) ?? [];
  }

  /** Every edge with the same ends and kind (one per exposing Service, say): together they are one step. */
  parallel(edge: Edge): Edge[] {
    return this.out(edge.from)
      .map((i) => this.edge(i))
      .filter((e) => e.to === edge.to && e.kind === edge.kind);
  }

  edge(index: number): Edge {
    const edge = this.edges[index];
    if (edge === undefined) throw new RangeError(`no edge ${index}`);
    return edge;
  }
}
