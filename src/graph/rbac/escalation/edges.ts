/**
 * The ways one holder of permissions becomes or obtains another identity, each a Kubernetes
 * mechanism:
 * - create a pod (or a controller that makes pods) in namespace N: it may run as any ServiceAccount
 *   of N and its token is mounted into it; in a namespace without Pod Security enforcement the pod
 *   may also be privileged, which is the node;
 * - create serviceaccounts/token: mint a token for that ServiceAccount;
 * - get/list/watch secrets: read the long-lived token Secret of a ServiceAccount, and the secrets;
 * - create + get secrets: a new `kubernetes.io/service-account-token` Secret is filled by the
 *   token controller with the named ServiceAccount's token;
 * - impersonate users, groups or serviceaccounts (group system:masters bypasses RBAC). The API
 *   server authorizes every impersonation header on its own: Impersonate-Group is refused without
 *   an Impersonate-User it may also send, and a user name of the form system:serviceaccount:NS:NAME
 *   is checked as `impersonate serviceaccounts` NAME in NS, never as `impersonate users`;
 * - bind a role with create on (cluster)rolebindings: hold that role;
 * - escalate + update/patch on a role one holds: rewrite it to grant everything;
 * - exec/attach into a pod, or add an ephemeral container to it: act as its ServiceAccount;
 * - nodes/proxy: the kubelet API of a node, which runs commands in every pod on it;
 * - create CSRs, approve them and use the kube-apiserver-client signer: a client certificate
 *   for any user name (ServiceAccount user names included) and any group but system:masters,
 *   which the CertificateSubjectRestriction admission plugin (on by default) refuses;
 * - hold `*` on `*` in `*`: cluster-admin (or, in one namespace, that namespace's admin).
 */
import { covers, firstCovering, type Probe, type Reach } from '../reach.js';
import type { Inventory } from '../inventory.js';
import { MASTERS, parseServiceAccountUser, serviceAccountUser } from '../subjects.js';
import { evidenceOf, type Holder } from './holder.js';
import type { EdgeKind, GraphEdge } from './types.js';

export const CLUSTER_ADMIN = 'cluster-admin';
export const ALL_NODES = 'nodes';
export const ALL_SECRETS = 'secrets:*';
export const secretsNode = (ns: string): string => `secrets:${ns}`;
export const nodeNode = (name: string): string => `node:${name}`;
export const namespaceAdminNode = (ns: string): string => `namespace-admin:${ns}`;
/** Scope of a role bound by a RoleBinding in every namespace (not cluster-scoped resources). */
export const ANY_NAMESPACE = '*';
/** Hubs keep the graph small: "any ServiceAccount of N" instead of one edge per ServiceAccount. */
export const serviceAccountsHub = (ns: string): string => `serviceaccounts:${ns}`;
export const podsHub = (ns: string): string => `pods:${ns}`;
export const ALL_USERS = 'users:*';
export const ALL_GROUPS = 'groups:*';
/** Any group a client certificate may carry: all but system:masters (CertificateSubjectRestriction). */
export const CERTIFICATE_GROUPS = 'groups:*-masters';

const RBAC = 'rbac.authorization.k8s.io';
/**
 * Pods are made directly, or by a controller from its pod template. A pod's serviceAccountName is
 * immutable, but a controller's template is not: updating or patching an existing Deployment (...)
 * to another ServiceAccount makes new pods run as it.
 */
const POD_MAKERS: readonly Probe[] = [
  { verbs: ['create'], apiGroup: '', resource: 'pods' },
  ...[
    ['apps', 'deployments'],
    ['apps', 'daemonsets'],
    ['apps', 'statefulsets'],
    ['apps', 'replicasets'],
    ['batch', 'jobs'],
    ['batch', 'cronjobs'],
    ['', 'replicationcontrollers'],
  ].map(([apiGroup = '', resource = '']) => ({ verbs: ['create', 'update', 'patch'], apiGroup, resource })),
];
const EXEC: readonly Probe[] = [
  // kubectl exec/attach are `create` on the subresource; before the websocket change (1.31) a `get` was enough.
  { verbs: ['create', 'get'], apiGroup: '', resource: 'pods', subresource: 'exec' },
  { verbs: ['create', 'get'], apiGroup: '', resource: 'pods', subresource: 'attach' },
  { verbs: ['update', 'patch'], apiGroup: '', resource: 'pods', subresource: 'ephemeralcontainers' },
];
const SECRETS_READ: Probe = { verbs: ['get', 'list', 'watch'], apiGroup: '', resource: 'secrets' };
const SECRETS_LIST: Probe = { verbs: ['list', 'watch'], apiGroup: '', resource: 'secrets' };
const SECRETS_CREATE: Probe = { verbs: ['create'], apiGroup: '', resource: 'secrets' };
const SECRETS_GET: Probe = { verbs: ['get'], apiGroup: '', resource: 'secrets' };
const TOKEN: Probe = { verbs: ['create'], apiGroup: '', resource: 'serviceaccounts', subresource: 'token' };
const NODES_PROXY: Probe = { verbs: ['get', 'create'], apiGroup: '', resource: 'nodes', subresource: 'proxy', clusterScoped: true };
const IMPERSONATE_USERS: Probe = { verbs: ['impersonate'], apiGroup: '', resource: 'users', clusterScoped: true };
const IMPERSONATE_GROUPS: Probe = { verbs: ['impersonate'], apiGroup: '', resource: 'groups', clusterScoped: true };
const IMPERSONATE_SAS: Probe = { verbs: ['impersonate'], apiGroup: '', resource: 'serviceaccounts' };
const EVERYTHING: Probe = { verbs: ['*'], apiGroup: '*', resource: '*' };
const CSR_CREATE: Probe = { verbs: ['create'], apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests', clusterScoped: true };
const CSR_APPROVAL: Probe = { verbs: ['update', 'patch'], apiGroup: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval', clusterScoped: true };
const SIGNER_APPROVE: Probe = { verbs: ['approve'], apiGroup: 'certificates.k8s.io', resource: 'signers', clusterScoped: true };
const CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';

export interface EdgeContext {
  readonly inventory: Inventory;
  /** Candidate role holders for `bind`: [node id, role kind, role name, scope, role namespace]. */
  readonly bindable: (holder: Holder, reach: { clusterRoles: Reach[]; roles: Reach[]; crb: Reach[]; rb: Reach[] }) => { to: string; reach: Reach; binding: Reach; probe: Probe }[];
}

type Emit = (to: string, kind: EdgeKind, explanation: string, reaches: readonly { reach: Reach; probe: Probe }[]) => void;

function all(holder: Holder, probes: readonly Probe[]): { reach: Reach; probe: Probe }[] {
  return probes.flatMap((probe) => holder.reach(probe).map((reach) => ({ reach, probe })));
}

function find(list: readonly { reach: Reach; probe: Probe }[], ns: string, name?: string): { reach: Reach; probe: Probe } | undefined {
  return list.find((r) => covers(r.reach, ns, name));
}

export function edgesOf(holder: Holder, ctx: EdgeContext): GraphEdge[] {
  const edges = new Map<string, GraphEdge>();
  const emit: Emit = (to, kind, explanation, reaches) => {
    if (to === holder.id) return;
    const key = `${to}|${kind}`;
    if (edges.has(key)) return;
    edges.set(key, { from: holder.id, to, kind, explanation, evidence: reaches.map((r) => evidenceOf(r.reach, r.probe)) });
  };
  // Most direct first: breadth-first search keeps the first of equally short steps.
  privilegeEdges(holder, ctx, emit);
  // Whoever holds everything cluster-wide needs no other step: its other edges would only be noise.
  if (edges.has(`${CLUSTER_ADMIN}|holds`)) return [...edges.values()].filter((e) => e.to === CLUSTER_ADMIN || e.kind === 'holds');
  identityEdges(holder, ctx, emit);
  secretEdges(holder, ctx, emit);
  podEdges(holder, ctx, emit);
  return [...edges.values()];
}

/** Reaches that cover any object name, by namespace: `*` when one covers every namespace. */
function byNamespace(list: readonly { reach: Reach; probe: Probe }[]): Map<string, { reach: Reach; probe: Probe }> {
  const out = new Map<string, { reach: Reach; probe: Probe }>();
  for (const item of list) {
    if (item.reach.names !== undefined) continue;
    const ns = item.reach.scope === '' || item.reach.scope === ANY_NAMESPACE ? ANY_NAMESPACE : item.reach.scope;
    if (!out.has(ns)) out.set(ns, item);
  }
  // Everything is covered by `*`: drop the single namespaces.
  const any = out.get(ANY_NAMESPACE);
  return any === undefined ? out : new Map([[ANY_NAMESPACE, any]]);
}

function where(ns: string): string {
  return ns === ANY_NAMESPACE ? 'in any namespace' : `in ${ns}`;
}

/** Per inventory, what every holder's pod edges ask: asked once per holder, so computed once. */
const FACTS = new WeakMap<Inventory, { readonly open: readonly string[]; readonly withTokenPods: ReadonlySet<string> }>();

function namespaceFacts(inventory: Inventory): { readonly open: readonly string[]; readonly withTokenPods: ReadonlySet<string> } {
  let facts = FACTS.get(inventory);
  if (facts === undefined) {
    facts = {
      // Namespaces whose Pod Security admission would not refuse a privileged pod, in name order.
      open: inventory.namespaces.filter((ns) => !inventory.podSecurityEnforced.has(ns)),
      withTokenPods: new Set(inventory.pods.filter((p) => p.automountToken).map((p) => p.namespace)),
    };
    FACTS.set(inventory, facts);
  }
  return facts;
}

function podEdges(holder: Holder, ctx: EdgeContext, emit: Emit): void {
  const { inventory } = ctx;
  const makers = all(holder, POD_MAKERS);
  for (const [ns, r] of byNamespace(makers)) {
    const how = r.reach.verb === 'create' ? 'create' : 'rewrite the pod template of';
    const what = r.probe.resource === 'pods' ? 'a pod' : `a ${r.probe.resource.replace(/s$/, '')}`;
    emit(serviceAccountsHub(ns), 'create-pod', `${how} ${what} ${where(ns)} running as any ServiceAccount there, and read the token mounted into it`, [r]);
  }
  if (makers.length > 0) {
    const { open } = namespaceFacts(inventory);
    const cluster = makers.find((m) => (m.reach.scope === '' || m.reach.scope === ANY_NAMESPACE) && m.reach.names === undefined);
    // The first open namespace some maker covers: any, with a maker for every namespace; else one of the makers' own.
    const scopes = new Set(makers.filter((m) => m.reach.names === undefined).map((m) => m.reach.scope));
    const place = (cluster === undefined ? open.find((ns) => scopes.has(ns)) : open[0]) ?? (cluster === undefined ? undefined : 'a new or unlabelled namespace');
    const evidence = place === undefined ? undefined : (find(makers, place) ?? cluster);
    if (place !== undefined && evidence !== undefined) {
      emit(ALL_NODES, 'privileged-pod', `create a privileged pod with hostPID and a hostPath mount of / in ${place} (no Pod Security enforce label there) and take over its node`, [evidence]);
    }
  }
  const exec = all(holder, EXEC);
  if (exec.length > 0) {
    const wide = byNamespace(exec);
    for (const [ns, r] of wide) {
      if (ns === ANY_NAMESPACE || namespaceFacts(inventory).withTokenPods.has(ns)) {
        emit(podsHub(ns), 'exec', `run a command in any pod ${where(ns)} (${r.reach.verb} ${r.probe.resource}/${r.probe.subresource ?? ''}) and read its ServiceAccount token`, [r]);
      }
    }
    // Rules naming pods reach only those pods.
    const named = exec.filter((r) => r.reach.names !== undefined);
    for (const pod of named.length === 0 ? [] : inventory.pods) {
      if (!pod.automountToken || pod.resource.kind !== 'Pod') continue;
      const r = find(named, pod.namespace, pod.resource.name);
      if (r !== undefined) emit(serviceAccountUser(pod.namespace, pod.serviceAccount), 'exec', `run a command in Pod ${pod.namespace}/${pod.resource.name} (${r.reach.verb} ${r.probe.resource}/${r.probe.subresource ?? ''}) and read the token of ServiceAccount ${pod.serviceAccount}`, [r]);
    }
  }
  const proxy = holder.reach(NODES_PROXY);
  for (const reach of proxy) {
    if (reach.names === undefined) emit(ALL_NODES, 'kubelet-proxy', `reach every kubelet API through nodes/proxy (${reach.verb}) and run commands in any pod`, [{ reach, probe: NODES_PROXY }]);
    else for (const name of reach.names) emit(nodeNode(name), 'kubelet-proxy', `reach the kubelet API of node ${name} through nodes/proxy (${reach.verb})`, [{ reach, probe: NODES_PROXY }]);
  }
}

function secretEdges(holder: Holder, ctx: EdgeContext, emit: Emit): void {
  const read = holder.reach(SECRETS_READ);
  for (const [ns, r] of byNamespace(read.map((reach) => ({ reach, probe: SECRETS_READ })))) {
    emit(ns === ANY_NAMESPACE ? ALL_SECRETS : secretsNode(ns), 'read-secrets', `${r.reach.verb} every secret ${ns === ANY_NAMESPACE ? 'in every namespace' : `in namespace ${ns}`}`, [r]);
  }
  for (const secret of ctx.inventory.tokenSecrets) {
    const reach = firstCovering(read, secret.namespace, secret.name);
    if (reach !== undefined) emit(serviceAccountUser(secret.namespace, secret.serviceAccount), 'read-token-secret', `${reach.verb} Secret ${secret.namespace}/${secret.name}, the long-lived token of ServiceAccount ${secret.serviceAccount}`, [{ reach, probe: SECRETS_READ }]);
  }
  const create = byNamespace(holder.reach(SECRETS_CREATE).map((reach) => ({ reach, probe: SECRETS_CREATE })));
  if (create.size > 0) {
    const get = holder.reach(SECRETS_GET);
    const list = holder.reach(SECRETS_LIST);
    for (const [ns, c] of create) {
      // The new Secret's name is the creator's choice, so reading it back needs get (on any name, or a name it may get) or list.
      const g = ns === ANY_NAMESPACE ? get.find((r) => r.scope === '' || r.scope === ANY_NAMESPACE) ?? list.find((r) => r.scope === '' || r.scope === ANY_NAMESPACE) : get.find((r) => r.scope === '' || r.scope === ANY_NAMESPACE || r.scope === ns) ?? firstCovering(list, ns);
      if (g === undefined) continue;
      const back = g.names === undefined ? `${g.verb} it back` : `name it ${g.names[0] ?? ''} and get it back`;
      emit(serviceAccountsHub(ns), 'create-token-secret', `create a Secret of type kubernetes.io/service-account-token for any ServiceAccount ${where(ns)}; the token controller fills in its token; ${back}`, [c, { reach: g, probe: SECRETS_GET }]);
    }
  }
  const token = holder.reach(TOKEN);
  for (const [ns, r] of byNamespace(token.map((reach) => ({ reach, probe: TOKEN })))) {
    emit(serviceAccountsHub(ns), 'request-token', `request a token for any ServiceAccount ${where(ns)} (TokenRequest API)`, [r]);
  }
  for (const reach of token) {
    if (reach.names === undefined) continue;
    for (const sa of ctx.inventory.serviceAccounts) {
      if (covers(reach, sa.namespace, sa.name)) emit(serviceAccountUser(sa.namespace, sa.name), 'request-token', `request a token for ServiceAccount ${sa.namespace}/${sa.name} (TokenRequest API)`, [{ reach, probe: TOKEN }]);
    }
  }
}

function identityEdges(holder: Holder, ctx: EdgeContext, emit: Emit): void {
  const users = holder.reach(IMPERSONATE_USERS);
  for (const reach of users) {
    if (reach.names === undefined) {
      emit(ALL_USERS, 'impersonate', 'impersonate any user other than a ServiceAccount (Impersonate-User header)', [{ reach, probe: IMPERSONATE_USERS }]);
      continue;
    }
    // A ServiceAccount user name is authorized as impersonating that ServiceAccount, so naming it here grants nothing.
    for (const name of reach.names) {
      if (parseServiceAccountUser(name) === undefined) emit(`user:${name}`, 'impersonate', `impersonate user ${name} (Impersonate-User header)`, [{ reach, probe: IMPERSONATE_USERS }]);
    }
  }
  const sas = holder.reach(IMPERSONATE_SAS);
  // Groups ride on an impersonated user or ServiceAccount: the first one the holder may impersonate is the evidence.
  const userCarrier = users.find((r) => r.names === undefined || r.names.some((n) => parseServiceAccountUser(n) === undefined));
  const carrier = userCarrier !== undefined ? { reach: userCarrier, probe: IMPERSONATE_USERS } : sas[0] !== undefined ? { reach: sas[0], probe: IMPERSONATE_SAS } : undefined;
  if (carrier !== undefined) groupEdges(holder, carrier, emit);
  for (const [ns, r] of byNamespace(sas.map((reach) => ({ reach, probe: IMPERSONATE_SAS })))) {
    emit(serviceAccountsHub(ns), 'impersonate', `impersonate any ServiceAccount ${where(ns)}`, [r]);
  }
  for (const reach of sas) {
    if (reach.names === undefined) continue;
    for (const sa of ctx.inventory.serviceAccounts) {
      if (covers(reach, sa.namespace, sa.name)) emit(serviceAccountUser(sa.namespace, sa.name), 'impersonate', `impersonate ServiceAccount ${sa.namespace}/${sa.name}`, [{ reach, probe: IMPERSONATE_SAS }]);
    }
  }
}

/** Impersonate-Group, sent along with an identity the holder may impersonate (`carrier`). */
function groupEdges(holder: Holder, carrier: { reach: Reach; probe: Probe }, emit: Emit): void {
  const masters = 'impersonate group system:masters along with an identity it may impersonate; the API server lets system:masters past authorization';
  for (const reach of holder.reach(IMPERSONATE_GROUPS)) {
    const evidence = [{ reach, probe: IMPERSONATE_GROUPS }, carrier];
    if (reach.names === undefined) {
      emit(CLUSTER_ADMIN, 'impersonate', masters, evidence);
      emit(ALL_GROUPS, 'impersonate', 'impersonate any group (Impersonate-Group header, with an Impersonate-User it may send)', evidence);
      continue;
    }
    for (const name of reach.names) {
      if (name === MASTERS) emit(CLUSTER_ADMIN, 'impersonate', masters, evidence);
      else emit(`group:${name}`, 'impersonate', `impersonate group ${name} (Impersonate-Group header, with an Impersonate-User it may send)`, evidence);
    }
  }
}

function privilegeEdges(holder: Holder, ctx: EdgeContext, emit: Emit): void {
  for (const reach of holder.reach(EVERYTHING)) {
    if (reach.names !== undefined) continue;
    if (reach.scope === '') emit(CLUSTER_ADMIN, 'holds', 'holds every verb on every resource in every namespace', [{ reach, probe: EVERYTHING }]);
    else emit(namespaceAdminNode(reach.scope), 'holds', `holds every verb on every resource in namespace ${reach.scope}`, [{ reach, probe: EVERYTHING }]);
  }
  const csr = holder.reach(CSR_CREATE);
  const approval = holder.reach(CSR_APPROVAL);
  const signer = holder.reach(SIGNER_APPROVE).find((r) => r.names === undefined || r.names.includes(CLIENT_SIGNER) || r.names.includes('kubernetes.io/*'));
  const [c, a] = [csr[0], approval[0]];
  if (c !== undefined && a !== undefined && signer !== undefined) {
    const evidence = [
      { reach: c, probe: CSR_CREATE },
      { reach: a, probe: CSR_APPROVAL },
      { reach: signer, probe: SIGNER_APPROVE },
    ];
    const how = `create a CSR for a client certificate, approve it for signer ${CLIENT_SIGNER}, and authenticate with it`;
    // The certificate's CN is the user name, its O the groups; system:masters is refused at admission.
    emit(ALL_USERS, 'csr-approve', `${how} as any user`, evidence);
    emit(serviceAccountsHub(ANY_NAMESPACE), 'csr-approve', `${how} as the user name of any ServiceAccount`, evidence);
    emit(CERTIFICATE_GROUPS, 'csr-approve', `${how} in any group but system:masters (refused by the CertificateSubjectRestriction admission plugin)`, evidence);
  }
  escalateEdges(holder, emit);
  const reaches = {
    clusterRoles: holder.reach({ verbs: ['bind'], apiGroup: RBAC, resource: 'clusterroles' }),
    roles: holder.reach({ verbs: ['bind'], apiGroup: RBAC, resource: 'roles' }),
    crb: holder.reach({ verbs: ['create', 'update', 'patch'], apiGroup: RBAC, resource: 'clusterrolebindings', clusterScoped: true }),
    rb: holder.reach({ verbs: ['create', 'update', 'patch'], apiGroup: RBAC, resource: 'rolebindings' }),
  };
  if ((reaches.clusterRoles.length > 0 || reaches.roles.length > 0) && (reaches.crb.length > 0 || reaches.rb.length > 0)) {
    for (const target of ctx.bindable(holder, reaches)) {
      const what = target.to.startsWith('bindable:') ? `any ${target.to.slice(9).replace(/@.*$/, '')}` : target.to.slice('role:'.length);
      emit(target.to, 'bind', `create a binding to ${what} for itself (${target.reach.verb} allows binding a role it does not hold)`, [
        { reach: target.reach, probe: target.probe },
        { reach: target.binding, probe: { verbs: [target.binding.verb], apiGroup: RBAC, resource: /@.|^role:Role\/|^bindable:Role/.test(target.to) ? 'rolebindings' : 'clusterrolebindings' } },
      ]);
    }
  }
}

/** escalate + update on a role the holder holds: rewrite it with `*` and keep the binding. */
function escalateEdges(holder: Holder, emit: Emit): void {
  for (const held of holder.held) {
    const resource = held.roleKind === 'ClusterRole' ? 'clusterroles' : 'roles';
    const probe = { verbs: ['escalate'], apiGroup: RBAC, resource, clusterScoped: held.roleKind === 'ClusterRole' };
    const write = { verbs: ['update', 'patch'], apiGroup: RBAC, resource, clusterScoped: held.roleKind === 'ClusterRole' };
    const roleNs = held.roleNamespace ?? '';
    const escalate = firstCovering(holder.reach(probe), roleNs, held.roleName);
    const update = firstCovering(holder.reach(write), roleNs, held.roleName);
    if (escalate === undefined || update === undefined) continue;
    const to = held.scope === '' ? CLUSTER_ADMIN : namespaceAdminNode(held.scope);
    emit(to, 'escalate', `add a rule granting * on * to ${held.roleKind} ${held.roleName}, which it holds ${held.scope === '' ? 'cluster-wide' : `in ${held.scope}`} (escalate skips the privilege check)`, [
      { reach: escalate, probe },
      { reach: update, probe: write },
    ]);
  }
}
