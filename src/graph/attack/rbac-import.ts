/**
 * The RBAC part of the attack graph is the escalation graph itself (src/graph/rbac/escalation):
 * its nodes and edges are taken over with their ids, explanations and evidence. Each edge whose
 * evidence names bindings gets a `remove-binding` fix per binding; a step granted by several
 * bindings together (bind + create rolebindings) falls to removing any one of them.
 */
import type { AttackNodeKind, AttackStepKind } from '../../model/attack.js';
import type { Resource } from '../../model/resource.js';
import type { EscalationGraph, EdgeKind, NodeKind } from '../rbac/escalation/types.js';
import type { FindingLookup } from './findings.js';
import type { AttackGraph } from './graph.js';

const NODE_KINDS: Record<NodeKind, AttackNodeKind> = {
  user: 'identity',
  group: 'identity',
  serviceaccount: 'serviceaccount',
  hub: 'permission',
  role: 'permission',
  'namespace-admin': 'namespace-admin',
  'cluster-admin': 'cluster-admin',
  secrets: 'secret',
  nodes: 'node',
  node: 'node',
};

function stepKind(kind: EdgeKind): AttackStepKind {
  if (kind === 'read-secrets') return 'secret-read';
  if (kind === 'exec' || kind === 'kubelet-exec' || kind === 'kubelet-proxy') return 'exec';
  if (kind === 'member') return 'member';
  return 'rbac';
}

export const REMOVE_BINDING_COST = 2;

/** `Kind ns/name` or `Kind name` (objectLabel's form) to the binding object. */
function bindingsByLabel(resources: readonly Resource[]): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const r of resources) {
    if (r.kind !== 'RoleBinding' && r.kind !== 'ClusterRoleBinding') continue;
    out.set(r.kind === 'RoleBinding' ? `${r.kind} ${r.namespace ?? 'default'}/${r.name}` : `${r.kind} ${r.name}`, r);
  }
  return out;
}

export function importRbac(graph: AttackGraph, escalation: EscalationGraph, resources: readonly Resource[], findings: FindingLookup): void {
  for (const node of escalation.nodes) graph.addNode({ id: node.id, kind: NODE_KINDS[node.kind], label: node.label });
  const bindings = bindingsByLabel(resources);
  for (const edge of escalation.edges) {
    const fixIds: string[] = [];
    const labels: string[] = [];
    for (const evidence of edge.evidence) {
      if (evidence.role !== undefined) labels.push(evidence.role);
      if (evidence.binding === undefined) continue;
      labels.push(evidence.binding);
      const binding = bindings.get(evidence.binding);
      // Bootstrap bindings of a real cluster are out of reach of a manifest change here.
      if (binding === undefined) continue;
      const ref = { apiVersion: binding.apiVersion, kind: binding.kind, ...(binding.namespace === undefined ? {} : { namespace: binding.namespace }), name: binding.name };
      fixIds.push(
        graph.addFix({
          id: `remove-binding:${evidence.binding.replace(' ', '/')}`,
          kind: 'remove-binding',
          description: `Delete ${evidence.binding}, which grants ${evidence.verb} ${evidence.resource}${evidence.role === undefined ? '' : ` through ${evidence.role}`}`,
          cost: REMOVE_BINDING_COST,
          resource: ref,
          patchType: 'delete',
          patch: ref,
        }),
      );
    }
    graph.addEdge({
      from: edge.from,
      to: edge.to,
      kind: stepKind(edge.kind),
      explanation: edge.explanation,
      evidence: edge.evidence.length === 0 ? {} : { rbac: edge.evidence.map((e) => ({ verb: e.verb, resource: e.resource, ...(e.binding === undefined ? {} : { binding: e.binding }), ...(e.role === undefined ? {} : { role: e.role }), ...(e.file === undefined ? {} : { file: e.file }), ...(e.line === undefined ? {} : { line: e.line }) })) },
      findingIds: findings.onLabels(labels),
      fixIds: [...new Set(fixIds)],
      probability: edge.kind === 'exec' || edge.kind === 'kubelet-exec' || edge.kind === 'kubelet-proxy' ? 0.95 : 1,
    }, `${edge.kind}|${edge.explanation}`);
  }
}
