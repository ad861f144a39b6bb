/**
 * Builds the escalation graph: every identity the input knows (binding subjects, ServiceAccounts,
 * the ServiceAccounts pods run as) with the edges its permissions give, then every node those edges
 * reach (roles it can bind, namespace admin, nodes), until nothing new is reached.
 */
import type { RbacIndex } from '../authorizer.js';
import { isBootstrapObject, isSystemSubject } from '../defaults.js';
import type { Inventory, PodRun } from '../inventory.js';
import { covers, type Reach } from '../reach.js';
import { MASTERS, formatSubject, parseServiceAccountUser, serviceAccountUser, subjectKey, userInfoOf, type SubjectRef } from '../subjects.js';
import type { BindingDef, RoleDef } from '../types.js';
import { ALL_GROUPS, ALL_NODES, ALL_USERS, ANY_NAMESPACE, CERTIFICATE_GROUPS, CLUSTER_ADMIN, edgesOf, podsHub, serviceAccountsHub, type EdgeContext } from './edges.js';
import { grantHolder, namespaceAdminHolder, roleHolder, type Holder } from './holder.js';
import type { EscalationGraph, GraphEdge, GraphNode, NodeKind } from './types.js';

/** The node id of a subject: the same text `parseSubject` reads back. A User named like a ServiceAccount is that ServiceAccount. */
export function subjectNodeId(subject: SubjectRef): string {
  if (subject.kind === 'User') {
    const sa = parseServiceAccountUser(subject.name);
    if (sa !== undefined) return formatSubject({ kind: 'ServiceAccount', ...sa });
  }
  return formatSubject(subject);
}

function normalise(subject: SubjectRef): SubjectRef {
  if (subject.kind !== 'User') return subject;
  const sa = parseServiceAccountUser(subject.name);
  return sa === undefined ? subject : { kind: 'ServiceAccount', ...sa };
}

const SUBJECT_KINDS: Record<SubjectRef['kind'], NodeKind> = { User: 'user', Group: 'group', ServiceAccount: 'serviceaccount' };

class Builder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges: GraphEdge[] = [];
  private readonly principals = new Map<string, SubjectRef>();
  private readonly roleEdges = new Map<string, GraphEdge[]>();
  private readonly matters = new Map<string, boolean>();
  private readonly accountsByNamespace = new Map<string, string[]>();
  private readonly podsByNamespace = new Map<string, PodRun[]>();
  private readonly rolesByNamespace = new Map<string, RoleDef[]>();
  /** Roles by name, so a bind rule naming many roles is matched without scanning every role per name. */
  private readonly rolesByName = new Map<string, RoleDef[]>();
  private readonly clusterRoles: RoleDef[] = [];
  private readonly ctx: EdgeContext;

  constructor(private readonly index: RbacIndex, private readonly inventory: Inventory, extra: readonly SubjectRef[]) {
    for (const binding of index.bindings) {
      for (const subject of binding.subjects) this.addPrincipal(subject.kind === 'ServiceAccount' ? { kind: 'ServiceAccount', namespace: subject.namespace, name: subject.name } : { kind: subject.kind, name: subject.name });
    }
    for (const sa of inventory.serviceAccounts) this.addPrincipal({ kind: 'ServiceAccount', ...sa });
    for (const subject of extra) this.addPrincipal(subject);
    // A ServiceAccount named by a binding exists as far as escalation is concerned: pods can be made to run as it.
    const known = new Set(inventory.serviceAccounts.map((sa) => `${sa.namespace}/${sa.name}`));
    const serviceAccounts = [...inventory.serviceAccounts];
    for (const ref of this.principals.values()) {
      if (ref.kind === 'ServiceAccount' && !known.has(`${ref.namespace}/${ref.name}`)) {
        known.add(`${ref.namespace}/${ref.name}`);
        serviceAccounts.push({ namespace: ref.namespace, name: ref.name });
      }
    }
    for (const sa of serviceAccounts) push(this.accountsByNamespace, sa.namespace, sa.name);
    for (const pod of inventory.pods) if (pod.automountToken) push(this.podsByNamespace, pod.namespace, pod);
    for (const role of index.roles.values()) {
      if (role.kind === 'ClusterRole') this.clusterRoles.push(role);
      else {
        push(this.rolesByNamespace, role.namespace ?? '', role);
        push(this.rolesByName, role.name, role);
      }
    }
    this.ctx = {
      inventory: { ...inventory, serviceAccounts },
      bindable: (holder, reaches) => this.bindable(holder, reaches),
    };
  }

  private addPrincipal(subject: SubjectRef): void {
    const ref = normalise(subject);
    const id = subjectNodeId(ref);
    if (!this.principals.has(id)) this.principals.set(id, ref);
  }

  build(): EscalationGraph {
    const queue: string[] = [];
    for (const [id, ref] of this.principals) {
      const direct: BindingDef[] = [];
      const key = subjectKey(ref);
      for (const entry of this.index.bindingsFor(userInfoOf(ref))) if (subjectKey(entry.subject) === key) direct.push(entry.binding);
      this.addNode(id, SUBJECT_KINDS[ref.kind], id, isSystemSubject(ref, direct));
      queue.push(id);
    }
    const queued = new Set(queue);
    for (let i = 0; i < queue.length; i++) {
      for (const edge of this.edgesFrom(queue[i] ?? '')) {
        this.edges.push(edge);
        if (!this.nodes.has(edge.to)) this.addSink(edge.to);
        if (!queued.has(edge.to)) {
          queued.add(edge.to);
          queue.push(edge.to);
        }
      }
    }
    return { nodes: [...this.nodes.values()].sort((a, b) => cmp(a.id, b.id)), edges: this.edges };
  }

  private addNode(id: string, kind: NodeKind, label: string, system: boolean): void {
    if (!this.nodes.has(id)) this.nodes.set(id, { id, kind, label, system });
  }

  private addSink(id: string): void {
    if (id === CLUSTER_ADMIN) this.addNode(id, 'cluster-admin', 'cluster-admin (full control of the cluster)', false);
    else if (id === ALL_NODES) this.addNode(id, 'nodes', 'every node (root on the hosts)', false);
    else if (id.startsWith('node:')) this.addNode(id, 'node', `node ${id.slice(5)}`, false);
    else if (id.startsWith('secrets:')) this.addNode(id, 'secrets', id === 'secrets:*' ? 'every secret' : `every secret in namespace ${id.slice(8)}`, false);
    else if (id.startsWith('namespace-admin:')) this.addNode(id, 'namespace-admin', id === 'namespace-admin:*' ? 'admin of every namespace' : `admin of namespace ${id.slice(16)}`, false);
    else if (id.startsWith('serviceaccounts:')) this.addNode(id, 'hub', id === 'serviceaccounts:*' ? 'any ServiceAccount' : `any ServiceAccount of namespace ${id.slice(16)}`, false);
    else if (id.startsWith('pods:')) this.addNode(id, 'hub', id === 'pods:*' ? 'any running pod' : `the running pods of namespace ${id.slice(5)}`, false);
    else if (id === ALL_USERS) this.addNode(id, 'hub', 'any user', false);
    else if (id === ALL_GROUPS) this.addNode(id, 'hub', 'any group', false);
    else if (id === CERTIFICATE_GROUPS) this.addNode(id, 'hub', 'any group but system:masters', false);
    else if (id.startsWith('bindable:')) {
      const [kind, scope = ''] = id.slice(9).split('@');
      this.addNode(id, 'hub', `any ${kind ?? ''} it may bind${scope === '' ? ' cluster-wide' : scope === ANY_NAMESPACE ? ' in every namespace' : ` in ${scope}`}`, false);
    }
    else if (id.startsWith('role:')) {
      const role = this.roleOfNode(id);
      this.addNode(id, 'role', `holder of ${id.slice(5)}`, role !== undefined && isBootstrapObject(role.role.resource));
    } else this.addNode(id, id.startsWith('group:') ? 'group' : id.startsWith('user:') ? 'user' : 'serviceaccount', id, false);
  }

  private edgesFrom(id: string): GraphEdge[] {
    const ref = this.principals.get(id);
    if (ref !== undefined) {
      const edges = edgesOf(this.principalHolder(id, ref), this.ctx);
      if (ref.kind === 'Group' && ref.name === MASTERS) edges.unshift({ from: id, to: CLUSTER_ADMIN, kind: 'masters', explanation: 'members of system:masters bypass authorization entirely', evidence: [] });
      return edges;
    }
    if (id.startsWith('namespace-admin:')) return edgesOf(namespaceAdminHolder(id, id.slice(16)), this.ctx);
    if (id.startsWith('role:')) return this.roleNodeEdges(id);
    if (id === ALL_NODES || id.startsWith('node:')) return this.kubeletEdges(id);
    return this.hubEdges(id);
  }

  /** Hubs fan out to what they stand for. */
  private hubEdges(id: string): GraphEdge[] {
    const edge = (to: string, explanation: string): GraphEdge => ({ from: id, to, kind: 'member', explanation, evidence: [] });
    if (id === serviceAccountsHub(ANY_NAMESPACE)) return [...this.accountsByNamespace.keys()].sort().map((ns) => edge(serviceAccountsHub(ns), `any ServiceAccount of namespace ${ns}`));
    if (id.startsWith('serviceaccounts:')) {
      const ns = id.slice('serviceaccounts:'.length);
      return (this.accountsByNamespace.get(ns) ?? []).map((name) => edge(serviceAccountUser(ns, name), `ServiceAccount ${name} of namespace ${ns}`));
    }
    if (id === podsHub(ANY_NAMESPACE)) return [...this.podsByNamespace.keys()].sort().map((ns) => edge(podsHub(ns), `the pods of namespace ${ns}`));
    if (id.startsWith('pods:')) {
      const ns = id.slice('pods:'.length);
      const seen = new Set<string>();
      const out: GraphEdge[] = [];
      for (const pod of this.podsByNamespace.get(ns) ?? []) {
        const to = serviceAccountUser(ns, pod.serviceAccount);
        if (seen.has(to)) continue;
        seen.add(to);
        out.push(edge(to, `${pod.resource.kind} ${ns}/${pod.resource.name} runs as ServiceAccount ${pod.serviceAccount} with its token mounted`));
      }
      return out;
    }
    // Not ServiceAccounts: the API server checks a ServiceAccount user name as `impersonate serviceaccounts`.
    if (id === ALL_USERS) return [...this.principals.keys()].filter((p) => p.startsWith('user:')).map((u) => edge(u, `user ${u.slice(5)}`));
    if (id.startsWith('bindable:')) return this.bindableEdges(id);
    if (id === ALL_GROUPS || id === CERTIFICATE_GROUPS) {
      const groups = [...this.principals.keys()].filter((p) => p.startsWith('group:') && (id === ALL_GROUPS || p !== `group:${MASTERS}`));
      return groups.map((g) => edge(g, `group ${g.slice(6)}`));
    }
    return [];
  }

  private principalHolder(id: string, ref: SubjectRef): Holder {
    const grants = this.index.grantsOf(userInfoOf(ref)).map(({ scope, grant }) => ({ scope, grant }));
    return grantHolder(id, grants);
  }

  private kubeletEdges(id: string): GraphEdge[] {
    if (id === ALL_NODES) return [{ from: id, to: podsHub(ANY_NAMESPACE), kind: 'kubelet-exec', explanation: 'run a command through the kubelet in any pod and read its ServiceAccount token', evidence: [] }];
    const node = id.slice(5);
    const seen = new Set<string>();
    const edges: GraphEdge[] = [];
    for (const pod of this.inventory.pods) {
      if (!pod.automountToken || pod.nodeName !== node) continue;
      const to = serviceAccountUser(pod.namespace, pod.serviceAccount);
      if (seen.has(to)) continue;
      seen.add(to);
      edges.push({ from: id, to, kind: 'kubelet-exec', explanation: `run a command through the kubelet in ${pod.resource.kind} ${pod.namespace}/${pod.resource.name} on node ${node} and read its ServiceAccount token`, evidence: [] });
    }
    return edges;
  }

  /** `role:ClusterRole/x` (bound cluster-wide), `role:ClusterRole/x@ns`, `role:Role/ns/x`. */
  private roleOfNode(id: string): { role: RoleDef; scope: string } | undefined {
    const text = id.slice(5);
    const at = text.lastIndexOf('@');
    if (text.startsWith('ClusterRole/')) {
      const name = at < 0 ? text.slice(12) : text.slice(12, at);
      const role = this.index.role(`ClusterRole/${name}`);
      return role === undefined ? undefined : { role, scope: at < 0 ? '' : text.slice(at + 1) };
    }
    const role = this.index.role(text);
    return role === undefined ? undefined : { role, scope: role.namespace ?? '' };
  }

  private roleNodeEdges(id: string): GraphEdge[] {
    const cached = this.roleEdges.get(id);
    if (cached !== undefined) return cached;
    const found = this.roleOfNode(id);
    const edges = found === undefined ? [] : edgesOf(roleHolder(id, found.role, found.scope), this.ctx);
    this.roleEdges.set(id, edges);
    return edges;
  }

  /**
   * Whether holding a role leads anywhere: it gives an edge of its own, not counting further binds
   * (asking the full question would recurse through every role that can bind another).
   */
  private roleMatters(id: string): boolean {
    const cached = this.matters.get(id);
    if (cached !== undefined) return cached;
    const found = this.roleOfNode(id);
    const holder = found === undefined ? undefined : roleHolder(id, found.role, found.scope);
    const matters = holder !== undefined && (edgesOf(holder, { ...this.ctx, bindable: () => [] }).length > 0 || holder.reach({ verbs: ['bind'], apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles' }).length > 0 || holder.reach({ verbs: ['bind'], apiGroup: 'rbac.authorization.k8s.io', resource: 'roles' }).length > 0);
    this.matters.set(id, matters);
    return matters;
  }

  private bindable(holder: Holder, reaches: Parameters<EdgeContext['bindable']>[1]): ReturnType<EdgeContext['bindable']> {
    const out: ReturnType<EdgeContext['bindable']> = [];
    const holds = new Set(holder.held.map((h) => `${h.roleKind}/${h.roleNamespace === undefined ? '' : `${h.roleNamespace}/`}${h.roleName}@${h.scope}`));
    const add = (to: string, bind: Reach | undefined, binding: Reach | undefined, resource: string): void => {
      if (bind !== undefined && binding !== undefined && to !== holder.id) out.push({ to, reach: bind, binding, probe: { verbs: ['bind'], apiGroup: 'rbac.authorization.k8s.io', resource } });
    };
    const one = (to: string, heldKey: string, bind: Reach | undefined, binding: Reach | undefined, resource: string): void => {
      if (!holds.has(heldKey) && this.roleMatters(to)) add(to, bind, binding, resource);
    };
    const anyName = (list: readonly Reach[], ok: (r: Reach) => boolean): Reach | undefined => list.find((r) => r.names === undefined && ok(r));
    const crb = reaches.crb.find((r) => covers(r, ''));
    // Where RoleBindings may be created: every namespace (`*`), or these namespaces.
    const rbEverywhere = reaches.rb.find((r) => r.names === undefined && (r.scope === '' || r.scope === ANY_NAMESPACE));
    const rbNamespaces = rbEverywhere === undefined ? [...new Set(reaches.rb.filter((r) => r.names === undefined).map((r) => r.scope))] : [];
    // Binding any role at all goes through one hub per scope, so the graph stays linear in the roles.
    const clusterWide = anyName(reaches.clusterRoles, (r) => r.scope === '');
    if (crb !== undefined && clusterWide !== undefined) add(bindableHub('ClusterRole', ''), clusterWide, crb, 'clusterroles');
    const everywhere = anyName(reaches.clusterRoles, (r) => r.scope === '' || r.scope === ANY_NAMESPACE);
    if (rbEverywhere !== undefined && everywhere !== undefined) add(bindableHub('ClusterRole', ANY_NAMESPACE), everywhere, rbEverywhere, 'clusterroles');
    for (const ns of rbNamespaces) {
      add(bindableHub('ClusterRole', ns), anyName(reaches.clusterRoles, (r) => covers(r, ns)), reaches.rb.find((r) => covers(r, ns)), 'clusterroles');
    }
    const rolesIn = (ns: string): Reach | undefined => anyName(reaches.roles, (r) => covers(r, ns));
    for (const ns of rbEverywhere === undefined ? rbNamespaces : [...this.rolesByNamespace.keys()]) {
      add(bindableHub('Role', ns), rolesIn(ns), reaches.rb.find((r) => covers(r, ns)), 'roles');
    }
    // Rules naming roles reach only those roles.
    for (const reach of reaches.clusterRoles) {
      for (const name of reach.names ?? []) {
        if (crb !== undefined && reach.scope === '') one(`role:ClusterRole/${name}`, `ClusterRole/${name}@`, reach, crb, 'clusterroles');
        for (const ns of rbNamespaces) if (covers(reach, ns, name)) one(`role:ClusterRole/${name}@${ns}`, `ClusterRole/${name}@${ns}`, reach, reaches.rb.find((r) => covers(r, ns)), 'clusterroles');
        if (rbEverywhere !== undefined && (reach.scope === '' || reach.scope === ANY_NAMESPACE)) one(`role:ClusterRole/${name}@${ANY_NAMESPACE}`, `ClusterRole/${name}@${ANY_NAMESPACE}`, reach, rbEverywhere, 'clusterroles');
      }
    }
    for (const reach of reaches.roles) {
      for (const name of reach.names ?? []) {
        for (const role of this.rolesByName.get(name) ?? []) {
          // The bind check names the role, so the rule's resourceNames are matched against it.
          if (!covers(reach, role.namespace ?? '', name)) continue;
          one(`role:${role.key}`, `${role.key}@${role.namespace ?? ''}`, reach, reaches.rb.find((r) => covers(r, role.namespace ?? '')), 'roles');
        }
      }
    }
    return out.filter((t) => !t.to.startsWith('bindable:') || this.hubEdges(t.to).length > 0);
  }

  /** The roles behind a bindable hub that lead anywhere. */
  private bindableEdges(id: string): GraphEdge[] {
    const cached = this.roleEdges.get(id);
    if (cached !== undefined) return cached;
    const [kind, scope = ''] = id.slice('bindable:'.length).split('@');
    const edges: GraphEdge[] = [];
    const targets = kind === 'Role' ? (this.rolesByNamespace.get(scope) ?? []) : this.clusterRoles;
    for (const role of targets) {
      const to = kind === 'Role' || scope === '' ? `role:${role.key}` : `role:${role.key}@${scope}`;
      if (this.roleMatters(to)) edges.push({ from: id, to, kind: 'member', explanation: `bind ${role.kind} ${role.name}${scope === '' || kind === 'Role' ? '' : scope === ANY_NAMESPACE ? ' in every namespace' : ` in ${scope}`}`, evidence: [] });
    }
    this.roleEdges.set(id, edges);
    return edges;
  }
}

/** `bindable:ClusterRole@` (cluster-wide), `bindable:ClusterRole@ns`, `bindable:ClusterRole@*`, `bindable:Role@ns`. */
function bindableHub(kind: 'ClusterRole' | 'Role', scope: string): string {
  return `bindable:${kind}@${scope}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildEscalationGraph(index: RbacIndex, inventory: Inventory, extraSubjects: readonly SubjectRef[] = []): EscalationGraph {
  return new Builder(index, inventory, extraSubjects).build();
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
