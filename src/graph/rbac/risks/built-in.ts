/**
 * The default ClusterRoles a binding may refer to without the input defining them: cluster-admin,
 * and admin, edit and view with the `system:aggregate-to-*` roles they aggregate. The API server's
 * bootstrap policy creates them and reconciles them at every start: it recreates a missing one and
 * adds back any rule a stored one lacks, unless the stored role is annotated
 * `rbac.authorization.kubernetes.io/autoupdate: "false"`. So a RoleBinding to `edit` grants secret
 * reads, pod creation and exec whether or not the input holds the role (almost no set of manifests
 * does); judging bindings against these stand-ins keeps them in every risk, as a cluster grants.
 *
 * admin, edit and view stay aggregated roles here as in a cluster: a chart's ClusterRole labelled
 * `rbac.authorization.k8s.io/aggregate-to-edit: "true"` adds its rules to edit, and so to admin.
 * The rules are those of the Kubernetes v1.37 bootstrap policy (tested against its golden file).
 */
import type { JsonObject, Resource } from '../../../model/resource.js';
import { asRecord } from '../../../lib/k8s/values.js';

const NO_POSITIONS = { get: () => undefined, nearest: () => undefined };
const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const BOOTSTRAP = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const aggregateTo = (role: string): string => `rbac.authorization.k8s.io/aggregate-to-${role}`;

/** One policy rule: its API groups ('' is the core group), and its resources and verbs separated by spaces. */
type RuleLine = readonly [groups: readonly string[], resources: string, verbs: string];

const CORE = [''];

const READ = 'get list watch';
const WRITE = 'create delete deletecollection patch update';

const AGGREGATE_TO_VIEW: readonly RuleLine[] = [
  [CORE, 'configmaps endpoints persistentvolumeclaims persistentvolumeclaims/status pods replicationcontrollers replicationcontrollers/scale serviceaccounts services services/status', READ],
  [CORE, 'bindings limitranges namespaces/status pods/log pods/status replicationcontrollers/status resourcequotas resourcequotas/status', READ],
  [CORE, 'namespaces', READ],
  [['', 'events.k8s.io'], 'events', READ],
  [['discovery.k8s.io'], 'endpointslices', READ],
  [['apps'], 'controllerrevisions daemonsets daemonsets/status deployments deployments/scale deployments/status replicasets replicasets/scale replicasets/status statefulsets statefulsets/scale statefulsets/status', READ],
  [['autoscaling'], 'horizontalpodautoscalers horizontalpodautoscalers/status', READ],
  [['batch'], 'cronjobs cronjobs/status jobs jobs/status', READ],
  [['extensions'], 'daemonsets daemonsets/status deployments deployments/scale deployments/status ingresses ingresses/status networkpolicies replicasets replicasets/scale replicasets/status replicationcontrollers/scale', READ],
  [['policy'], 'poddisruptionbudgets poddisruptionbudgets/status', READ],
  [['networking.k8s.io'], 'ingresses ingresses/status networkpolicies', READ],
  [['resource.k8s.io'], 'resourceclaims resourceclaims/status resourceclaimtemplates', READ],
];

const AGGREGATE_TO_EDIT: readonly RuleLine[] = [
  [CORE, 'pods/attach pods/exec pods/portforward pods/proxy secrets services/proxy', READ],
  [CORE, 'serviceaccounts', 'impersonate'],
  [CORE, 'pods pods/attach pods/exec pods/portforward pods/proxy', WRITE],
  [CORE, 'pods/eviction', 'create'],
  [CORE, 'configmaps persistentvolumeclaims replicationcontrollers replicationcontrollers/scale secrets serviceaccounts services services/proxy', WRITE],
  [CORE, 'serviceaccounts/token', 'create'],
  [['', 'events.k8s.io'], 'events', WRITE],
  [['apps'], 'daemonsets deployments deployments/rollback deployments/scale replicasets replicasets/scale statefulsets statefulsets/scale', WRITE],
  [['autoscaling'], 'horizontalpodautoscalers', WRITE],
  [['batch'], 'cronjobs jobs', WRITE],
  [['extensions'], 'daemonsets deployments deployments/rollback deployments/scale ingresses networkpolicies replicasets replicasets/scale replicationcontrollers/scale', WRITE],
  [['policy'], 'poddisruptionbudgets', WRITE],
  [['networking.k8s.io'], 'ingresses networkpolicies', WRITE],
  [['coordination.k8s.io'], 'leases', `${WRITE} ${READ}`],
  [['resource.k8s.io'], 'resourceclaims resourceclaimtemplates', WRITE],
];

const AGGREGATE_TO_ADMIN: readonly RuleLine[] = [
  [['authorization.k8s.io'], 'localsubjectaccessreviews', 'create'],
  [['rbac.authorization.k8s.io'], 'rolebindings roles', `${WRITE} ${READ}`],
];

function rulesOf(lines: readonly RuleLine[]): JsonObject[] {
  const words = (text: string): string[] => text.split(' ');
  return lines.map(([groups, resources, verbs]) => ({ apiGroups: [...groups], resources: words(resources), verbs: words(verbs) }));
}

function clusterRole(name: string, labels: Record<string, string>, body: JsonObject): Resource {
  return {
    apiVersion: RBAC_V1,
    kind: 'ClusterRole',
    name,
    object: { apiVersion: RBAC_V1, kind: 'ClusterRole', metadata: { name, labels: { ...BOOTSTRAP, ...labels } }, ...body },
    source: { file: '(built in)', documentIndex: 0, pointerPrefix: '', position: { line: 1, column: 1 }, positions: NO_POSITIONS },
  };
}

const aggregated = (role: string, labels: Record<string, string> = {}): Resource =>
  clusterRole(role, labels, { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [aggregateTo(role)]: 'true' } }] } });

const CLUSTER_ADMIN = clusterRole('cluster-admin', {}, {
  rules: [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ],
});

/** Each stand-in by name, with the stand-ins it needs beside it (what it aggregates). */
const STAND_INS: ReadonlyMap<string, { readonly role: Resource; readonly needs: readonly string[] }> = new Map([
  ['cluster-admin', { role: CLUSTER_ADMIN, needs: [] }],
  ['admin', { role: aggregated('admin'), needs: ['edit', 'system:aggregate-to-admin'] }],
  ['edit', { role: aggregated('edit', { [aggregateTo('admin')]: 'true' }), needs: ['view', 'system:aggregate-to-edit'] }],
  ['view', { role: aggregated('view', { [aggregateTo('edit')]: 'true' }), needs: ['system:aggregate-to-view'] }],
  ['system:aggregate-to-admin', { role: clusterRole('system:aggregate-to-admin', { [aggregateTo('admin')]: 'true' }, { rules: rulesOf(AGGREGATE_TO_ADMIN) }), needs: [] }],
  ['system:aggregate-to-edit', { role: clusterRole('system:aggregate-to-edit', { [aggregateTo('edit')]: 'true' }, { rules: rulesOf(AGGREGATE_TO_EDIT) }), needs: [] }],
  ['system:aggregate-to-view', { role: clusterRole('system:aggregate-to-view', { [aggregateTo('view')]: 'true' }, { rules: rulesOf(AGGREGATE_TO_VIEW) }), needs: [] }],
]);

const STAND_IN_ROLES = new Set([...STAND_INS.values()].map((s) => s.role));

export function isBuiltInStandIn(resource: Resource): boolean {
  return STAND_IN_ROLES.has(resource);
}

export const BUILT_IN_CLUSTER_ADMIN: Resource = CLUSTER_ADMIN;

/** Whether the API server restores the default rules of this stored default role at start-up. */
export function isReconciled(role: Resource): boolean {
  const metadata = role.object.metadata;
  const value = asRecord(asRecord(metadata)?.annotations)?.['rbac.authorization.kubernetes.io/autoupdate'];
  return value !== 'false';
}

/** The default ClusterRole a binding refers to, if it refers to one of the stand-ins. */
function referredDefault(resource: Resource): string | undefined {
  if (resource.kind !== 'ClusterRoleBinding' && resource.kind !== 'RoleBinding') return undefined;
  const roleRef = asRecord(resource.object.roleRef);
  const name = roleRef?.kind === 'ClusterRole' && typeof roleRef.name === 'string' ? roleRef.name : undefined;
  return name !== undefined && STAND_INS.has(name) ? name : undefined;
}

/**
 * The resources as a cluster would have them: with the default ClusterRoles that bindings refer to
 * (and the roles those aggregate) added where the input lacks them; the same array when nothing is
 * missing. Every analysis of what an identity holds needs the roles a cluster always has.
 */
export function withBuiltInRoles(resources: readonly Resource[]): readonly Resource[] {
  const present = new Set<string>();
  const wanted: string[] = [];
  for (const resource of resources) {
    if (resource.kind === 'ClusterRole' && resource.apiVersion.startsWith('rbac.authorization.k8s.io/')) present.add(resource.name);
    const name = referredDefault(resource);
    if (name !== undefined) wanted.push(name);
  }
  const added: Resource[] = [];
  const seen = new Set<string>();
  for (let name = wanted.pop(); name !== undefined; name = wanted.pop()) {
    const standIn = STAND_INS.get(name);
    if (standIn === undefined || seen.has(name) || present.has(name)) continue;
    seen.add(name);
    added.push(standIn.role);
    wanted.push(...standIn.needs);
  }
  return added.length === 0 ? resources : [...resources, ...added];
}
