/**
 * The RBAC part of the attack graph is the escalation graph itself (src/graph/rbac/escalation):
 * its nodes and edges are taken over with their ids, explanations and evidence. Each edge whose
 * evidence names bindings gets a `remove-binding` fix per binding and, where the role can be
 * edited, a `remove-verb` fix taking the verb out of the role (remove-verb.ts); a step granted by
 * several bindings together (bind + create rolebindings) falls to removing any one of them.
 */
import type { AttackNodeKind, AttackStepKind } from '../../model/attack.js';
import type { Resource } from '../../model/resource.js';
import type { EscalationGraph, EdgeKind, Evidence, NodeKind } from '../rbac/escalation/types.js';
import type { FindingLookup } from './findings.js';
import type { AttackGraph, FixCandidate } from './graph.js';
import { removeVerbFix } from './remove-verb.js';
import { where } from './locate.js';
import { asRecord, asString } from '../../lib/k8s/values.js';

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

const RBAC_GROUP = 'rbac.authorization.k8s.io/';

/** `Kind ns/name` or `Kind name` (objectLabel's form) to the object, for bindings and roles. */
function rbacByLabel(resources: readonly Resource[]): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const r of resources) {
    if (!r.apiVersion.startsWith(RBAC_GROUP)) continue;
    if (r.kind === 'RoleBinding' || r.kind === 'Role') out.set(`${r.kind} ${r.namespace ?? 'default'}/${r.name}`, r);
    else if (r.kind === 'ClusterRoleBinding' || r.kind === 'ClusterRole') out.set(`${r.kind} ${r.name}`, r);
  }
  return out;
}

/** Role label -> the labels of the bindings that refer to it (a Role only from its own namespace). */
function bindingsByRole(resources: readonly Resource[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of resources) {
    if ((r.kind !== 'RoleBinding' && r.kind !== 'ClusterRoleBinding') || !r.apiVersion.startsWith(RBAC_GROUP)) continue;
    const ref = asRecord(r.object.roleRef);
    const name = asString(ref?.name);
    if (name === undefined || (ref?.kind !== 'Role' && ref?.kind !== 'ClusterRole')) continue;
    if (ref.kind === 'Role' && r.kind !== 'RoleBinding') continue;
    const role = ref.kind === 'Role' ? `Role ${r.namespace ?? 'default'}/${name}` : `ClusterRole ${name}`;
    const binding = r.kind === 'RoleBinding' ? `${r.kind} ${r.namespace ?? 'default'}/${r.name}` : `${r.kind} ${r.name}`;
    out.set(role, [...(out.get(role) ?? []), binding]);
  }
  for (const list of out.values()) list.sort();
  return out;
}

/**
 * The bindings and role rules behind a step, each with where it is written: the binding is what
 * `remove-binding` deletes, the rule what `remove-verb` edits. A role the API server provides
 * (the built-in cluster-admin when the input lacks it) has no place in the input.
 */
function grantsOf(evidence: readonly Evidence[], objects: ReadonlyMap<string, Resource>): string[] {
  const out = new Set<string>();
  for (const e of evidence) {
    const binding = e.binding === undefined ? undefined : objects.get(e.binding);
    const parts: string[] = [];
    if (e.binding !== undefined) parts.push(binding === undefined ? e.binding : `${e.binding} at ${where(binding, '')}`);
    if (e.role !== undefined) parts.push(e.file === undefined || !objects.has(e.role) ? e.role : `${e.role} rule at ${e.file}${e.line === undefined ? '' : `:${String(e.line)}`}`);
    if (parts.length > 0) out.add(`granted by ${parts.join(' through ')}`);
  }
  return [...out];
}

export function importRbac(graph: AttackGraph, escalation: EscalationGraph, resources: readonly Resource[], findings: FindingLookup): void {
  for (const node of escalation.nodes) graph.addNode({ id: node.id, kind: NODE_KINDS[node.kind], label: node.label });
  const objects = rbacByLabel(resources);
  const roleBindings = bindingsByRole(resources);
  // Many edges cite the same rule: each role, resource and verb is worked out once.
  const narrower = new Map<string, FixCandidate | undefined>();
  const narrowerFix = (label: string, evidence: Evidence): FixCandidate | undefined => {
    const key = `${label}|${evidence.resource}|${evidence.verb}|${evidence.ruleOf ?? ''}`;
    if (narrower.has(key)) return narrower.get(key);
    const role = objects.get(label);
    const fix = role === undefined ? undefined : removeVerbFix(role, evidence, roleBindings.get(label) ?? []);
    narrower.set(key, fix);
    return fix;
  };
  for (const edge of escalation.edges) {
    const fixIds: string[] = [];
    const labels: string[] = [];
    for (const evidence of edge.evidence) {
      if (evidence.role !== undefined) labels.push(evidence.role);
      // Also for a role held hypothetically (one someone may bind): editing it removes the step too.
      const narrower = evidence.role === undefined ? undefined : narrowerFix(evidence.role, evidence);
      if (narrower !== undefined) fixIds.push(graph.addFix(narrower));
      if (evidence.binding === undefined) continue;
      labels.push(evidence.binding);
      const binding = objects.get(evidence.binding);
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
      ...(edge.evidence.length === 0 ? {} : { located: () => `${edge.explanation} (${grantsOf(edge.evidence, objects).join('; ')})` }),
      evidence: edge.evidence.length === 0 ? {} : { rbac: edge.evidence.map((e) => ({ verb: e.verb, resource: e.resource, ...(e.binding === undefined ? {} : { binding: e.binding }), ...(e.role === undefined ? {} : { role: e.role }), ...(e.file === undefined ? {} : { file: e.file }), ...(e.line === undefined ? {} : { line: e.line }) })) },
      findingIds: findings.onLabels(labels),
      fixIds: [...new Set(fixIds)],
      probability: edge.kind === 'exec' || edge.kind === 'kubelet-exec' || edge.kind === 'kubelet-proxy' ? 0.95 : 1,
    }, `${edge.kind}|${edge.explanation}`);
  }
}
