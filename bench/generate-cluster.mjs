// Generates the attack-path benchmark's input in memory: a cluster of 10,000 Pods on 200 Nodes in
// 200 namespaces, 1,000 NetworkPolicies and 20,000 RBAC objects (Roles, ClusterRoles and their
// bindings), with the Services, Ingresses, ServiceAccounts and Secrets that make paths possible.
// Deterministic (a fixed linear congruential generator), so two runs measure the same graph.
//
// The mix is chosen so the analysis has real work: some namespaces are internet-facing, about
// half are segmented by a default-deny policy, a few pods escape to their node, a few service
// accounts can read secrets or hold cluster-admin, so paths exist but do not cover everything.

const position = { line: 1, column: 1 };
const positions = { get: () => position, nearest: () => ({ pointer: '', position }) };
let documentIndex = 0;

function resource(apiVersion, kind, metadata, body) {
  const object = { apiVersion, kind, metadata, ...body };
  return {
    apiVersion,
    kind,
    name: metadata.name,
    ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
    object,
    source: { file: 'generated-cluster.yaml', documentIndex: documentIndex++, pointerPrefix: '', position, positions },
  };
}

const RBAC = 'rbac.authorization.k8s.io/v1';
const TIERS = ['web', 'api', 'worker', 'db', 'cache'];
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
const RESOURCES = [['', 'pods'], ['', 'pods/log'], ['', 'pods/exec'], ['', 'services'], ['', 'configmaps'], ['', 'secrets'], ['apps', 'deployments'], ['batch', 'jobs'], ['', 'serviceaccounts/token'], ['networking.k8s.io', 'ingresses']];

/**
 * @param {{ pods?: number, policies?: number, rbacObjects?: number, namespaces?: number, nodes?: number }} [size]
 * @returns {{ resources: object[], counts: Record<string, number> }}
 */
export function generateCluster(size = {}) {
  const podCount = size.pods ?? 10_000;
  const policyCount = size.policies ?? 1_000;
  const rbacCount = size.rbacObjects ?? 20_000;
  const namespaceCount = size.namespaces ?? 200;
  const nodeCount = size.nodes ?? 200;
  documentIndex = 0;
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (list) => list[Math.floor(random() * list.length)];

  const out = [];
  const namespaces = Array.from({ length: namespaceCount }, (_, i) => `team-${i}`);
  const nodes = Array.from({ length: nodeCount }, (_, i) => `node-${i}`);
  for (const name of nodes) out.push(resource('v1', 'Node', { name, labels: { 'kubernetes.io/hostname': name } }, { spec: {} }));

  namespaces.forEach((ns, n) => {
    out.push(resource('v1', 'Namespace', { name: ns, labels: { 'kubernetes.io/metadata.name': ns, team: `t${n % 20}`, env: n % 3 === 0 ? 'prod' : 'dev' } }, {}));
    for (let s = 0; s < 5; s++) out.push(resource('v1', 'ServiceAccount', { name: `sa-${s}`, namespace: ns }, { automountServiceAccountToken: s !== 4 }));
    out.push(resource('v1', 'Secret', { name: 'db-credentials', namespace: ns }, { type: 'Opaque', data: { password: 'aHVudGVyMg==' } }));
    out.push(resource('v1', 'Secret', { name: 'tls', namespace: ns }, { type: 'kubernetes.io/tls', data: { 'tls.crt': 'Y3J0', 'tls.key': 'a2V5' } }));
    // Internet exposure on every fifth namespace: a LoadBalancer in front of the web tier, and an Ingress.
    const exposed = n % 5 === 0;
    out.push(resource('v1', 'Service', { name: 'web', namespace: ns }, { spec: { type: exposed ? 'LoadBalancer' : 'ClusterIP', selector: { tier: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } }));
    out.push(resource('v1', 'Service', { name: 'api', namespace: ns }, { spec: { type: n % 17 === 0 ? 'NodePort' : 'ClusterIP', selector: { tier: 'api' }, ports: [{ port: 8080, targetPort: 8080 }] } }));
    if (exposed) out.push(resource('networking.k8s.io/v1', 'Ingress', { name: 'web', namespace: ns }, { spec: { rules: [{ host: `${ns}.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } }));
  });

  for (let p = 0; p < podCount; p++) {
    const n = p % namespaceCount;
    const ns = namespaces[n];
    const tier = TIERS[Math.floor(p / namespaceCount) % TIERS.length];
    const escapes = p % 97 === 0;
    const container = {
      name: 'main',
      image: `registry.example.com/${tier}:1.${p % 20}`,
      ports: [{ name: 'http', containerPort: 8080 }],
      securityContext: escapes ? { privileged: true } : { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true },
    };
    const volumes = p % 151 === 0 ? [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }] : [];
    if (volumes.length > 0) container.volumeMounts = [{ name: 'docker', mountPath: '/var/run/docker.sock' }];
    out.push(
      resource('v1', 'Pod', { name: `${tier}-${p}`, namespace: ns, labels: { app: `${tier}-${p % 7}`, tier } }, {
        spec: {
          nodeName: nodes[p % nodeCount],
          serviceAccountName: `sa-${TIERS.indexOf(tier)}`,
          ...(p % 233 === 0 ? { hostNetwork: true } : {}),
          containers: [container],
          volumes,
        },
      }),
    );
  }

  // NetworkPolicies: namespaces are segmented one after another until the budget is spent; a
  // segmented namespace gets default deny, web from anywhere, api from web, db from api, DNS.
  const policySets = [
    () => ['default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }],
    () => ['web-from-anywhere', { podSelector: { matchLabels: { tier: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 'http' }] }] }],
    () => ['api-from-web', { podSelector: { matchLabels: { tier: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'web' } } }], ports: [{ port: 8080 }] }] }],
    () => ['db-from-api', { podSelector: { matchLabels: { tier: 'db' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'api' } } }], ports: [{ port: 5432 }] }] }],
    () => ['egress-dns-and-tiers', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }] }, { to: [{ podSelector: {} }] }] }],
  ];
  for (let i = 0; i < policyCount; i++) {
    const ns = namespaces[Math.floor(i / policySets.length) % namespaceCount];
    const [name, spec] = policySets[i % policySets.length]();
    out.push(resource('networking.k8s.io/v1', 'NetworkPolicy', { name: i < namespaceCount * policySets.length ? name : `${name}-${i}`, namespace: ns }, { spec }));
  }

  // RBAC: a quarter ClusterRoles, a quarter Roles, half bindings. Most grant read-only or
  // workload verbs; a few grant secrets, exec, token creation or bind cluster-admin.
  const roleTotal = Math.floor(rbacCount / 2);
  const roles = [];
  for (let i = 0; i < roleTotal; i++) {
    const cluster = i % 2 === 0;
    const metadata = cluster ? { name: `cr-${i}` } : { name: `r-${i}`, namespace: pick(namespaces) };
    const rules = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const [group, res] = random() < 0.9 ? pick(RESOURCES.filter(([, r]) => r !== 'secrets' && r !== 'pods/exec' && r !== 'serviceaccounts/token')) : pick(RESOURCES);
      const verbs = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(VERBS)))];
      return { apiGroups: [group], resources: [res], verbs };
    });
    roles.push({ kind: cluster ? 'ClusterRole' : 'Role', ...metadata });
    out.push(resource(RBAC, cluster ? 'ClusterRole' : 'Role', metadata, { rules }));
  }
  const bindingTotal = rbacCount - roleTotal;
  for (let i = 0; i < bindingTotal; i++) {
    const role = i % 2500 === 0 ? { kind: 'ClusterRole', name: 'cluster-admin' } : pick(roles);
    const ns = role.namespace ?? pick(namespaces);
    const subject = random() < 0.5 ? { kind: 'ServiceAccount', name: `sa-${Math.floor(random() * 5)}`, namespace: ns } : random() < 0.7 ? { kind: 'User', name: `user-${Math.floor(random() * 2000)}` } : { kind: 'Group', name: `group-${Math.floor(random() * 200)}` };
    const clusterWide = role.kind === 'ClusterRole' && (role.name === 'cluster-admin' || random() < 0.05);
    const metadata = clusterWide ? { name: `crb-${i}` } : { name: `rb-${i}`, namespace: ns };
    out.push(resource(RBAC, clusterWide ? 'ClusterRoleBinding' : 'RoleBinding', metadata, { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: role.kind, name: role.name }, subjects: [subject] }));
  }

  const counts = {};
  for (const r of out) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  return { resources: out, counts };
}
