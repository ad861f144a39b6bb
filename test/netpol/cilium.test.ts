/**
 * CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy, one construct per case, on clusters
 * written after the examples of Cilium's policy documentation (L3 endpoints, namespaces, CIDR
 * and CIDR sets, entities, L4 ports, deny rules, default deny). Each case states the documented
 * behaviour and checks the connection list it implies.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { Analysis, buildCluster, connectivityList, evaluateConnection, formatEvaluation, NetpolError } from '../../src/graph/netpol/index.js';

async function load(yaml: string): Promise<Awaited<ReturnType<typeof loadInputs>>['resources']> {
  return (await loadInputs({ paths: ['-'], stdin: Readable.from([yaml]) })).resources;
}

function pod(name: string, namespace: string, labels: Record<string, string>, ports = ''): string {
  const labelLines = Object.entries(labels).map(([k, v]) => `    ${k}: ${v}`).join('\n');
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
${labelLines}
spec:
  containers:
  - name: c
    image: x${ports === '' ? '' : `\n    ports:\n${ports}`}
---
`;
}

function cnp(name: string, namespace: string, spec: string): string {
  return `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${spec}
---
`;
}

function ccnp(name: string, spec: string): string {
  return `apiVersion: cilium.io/v2
kind: CiliumClusterwideNetworkPolicy
metadata:
  name: ${name}
spec:
${spec}
---
`;
}

const APP = pod('frontend', 'app', { role: 'frontend' }) + pod('backend', 'app', { role: 'backend' }, '    - containerPort: 80\n      name: http') + pod('other', 'app', { role: 'other' });
const ELSEWHERE = pod('frontend', 'other-ns', { role: 'frontend' });

async function list(yaml: string): Promise<{ lines: string[]; notes: readonly string[] }> {
  const result = connectivityList(await load(yaml));
  return { lines: result.lines.map((l) => `${l.src} => ${l.dst} : ${l.conn}`).sort(), notes: result.notes ?? [] };
}

async function into(yaml: string, dst: string): Promise<string[]> {
  return (await list(yaml)).lines.filter((l) => l.includes(`=> ${dst} :`));
}

const BACKEND_SELECTOR = '  endpointSelector:\n    matchLabels:\n      role: backend\n';

describe('CiliumNetworkPolicy', () => {
  it('fromEndpoints allows only the selected endpoints of the policy namespace; the endpoint is deny-by-default on ingress', async () => {
    const policy = cnp('l3-rule', 'app', `${BACKEND_SELECTOR}  ingress:\n  - fromEndpoints:\n    - matchLabels:\n        role: frontend\n`);
    expect(await into(APP + ELSEWHERE + policy, 'app/backend[Pod]')).toEqual(['app/frontend[Pod] => app/backend[Pod] : All Connections']);
    // Egress is untouched: the backend still reaches everyone.
    expect((await list(APP + policy)).lines).toContain('app/backend[Pod] => app/other[Pod] : All Connections');
  });

  it('k8s:io.kubernetes.pod.namespace selects peers in another namespace; an empty selector means the policy namespace', async () => {
    const named = cnp('from-other-ns', 'app', `${BACKEND_SELECTOR}  ingress:\n  - fromEndpoints:\n    - matchLabels:\n        k8s:io.kubernetes.pod.namespace: other-ns\n        k8s:role: frontend\n`);
    expect(await into(APP + ELSEWHERE + named, 'app/backend[Pod]')).toEqual(['other-ns/frontend[Pod] => app/backend[Pod] : All Connections']);
    const empty = cnp('from-own-ns', 'app', `${BACKEND_SELECTOR}  ingress:\n  - fromEndpoints:\n    - {}\n`);
    expect(await into(APP + ELSEWHERE + empty, 'app/backend[Pod]')).toEqual(['app/frontend[Pod] => app/backend[Pod] : All Connections', 'app/other[Pod] => app/backend[Pod] : All Connections']);
  });

  it('namespace labels are selected with io.cilium.k8s.namespace.labels', async () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other-ns\n  labels:\n    team: web\n---\n';
    const policy = cnp('by-ns-label', 'app', `${BACKEND_SELECTOR}  ingress:\n  - fromEndpoints:\n    - matchLabels:\n        io.cilium.k8s.namespace.labels.team: web\n`);
    expect(await into(ns + APP + ELSEWHERE + policy, 'app/backend[Pod]')).toEqual(['other-ns/frontend[Pod] => app/backend[Pod] : All Connections']);
  });

  it('an empty rule selects nothing: `ingress: [{}]` is default deny', async () => {
    const policy = cnp('deny-all-ingress', 'app', '  endpointSelector: {}\n  ingress:\n  - {}\n');
    const { lines } = await list(APP + policy);
    expect(lines.filter((l) => l.includes('=> app/'))).toEqual([]);
    expect(lines).toContain('app/backend[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections');
  });

  it('toPorts restricts the peers to ports; protocol ANY is TCP, UDP and SCTP; a rule with ports only is open to every peer', async () => {
    const any = cnp('port-80', 'app', `${BACKEND_SELECTOR}  ingress:\n  - fromEndpoints:\n    - matchLabels:\n        role: frontend\n    toPorts:\n    - ports:\n      - port: "80"\n        protocol: ANY\n`);
    expect(await into(APP + any, 'app/backend[Pod]')).toEqual(['app/frontend[Pod] => app/backend[Pod] : SCTP 80,TCP 80,UDP 80']);
    const l4only = cnp('l4-only', 'app', `${BACKEND_SELECTOR}  ingress:\n  - toPorts:\n    - ports:\n      - port: "8000"\n        endPort: 8080\n        protocol: TCP\n`);
    expect(await into(APP + l4only, 'app/backend[Pod]')).toEqual([
      '0.0.0.0-255.255.255.255[External] => app/backend[Pod] : TCP 8000-8080',
      'app/frontend[Pod] => app/backend[Pod] : TCP 8000-8080',
      'app/other[Pod] => app/backend[Pod] : TCP 8000-8080',
    ]);
    const named = cnp('named', 'app', `${BACKEND_SELECTOR}  ingress:\n  - toPorts:\n    - ports:\n      - port: http\n`);
    expect(await into(APP + named, 'app/backend[Pod]')).toContain('app/frontend[Pod] => app/backend[Pod] : TCP 80');
  });

  it('toCIDR and toCIDRSet with except allow those external addresses only, never pods', async () => {
    const policy = cnp(
      'cidr',
      'app',
      '  endpointSelector:\n    matchLabels:\n      role: frontend\n  egress:\n  - toCIDR:\n    - 20.1.1.1/32\n  - toCIDRSet:\n    - cidr: 10.0.0.0/8\n      except:\n      - 10.96.0.0/12\n',
    );
    const from = (await list(APP + policy)).lines.filter((l) => l.startsWith('app/frontend[Pod]'));
    expect(from).toEqual([
      'app/frontend[Pod] => 10.0.0.0-10.95.255.255[External] : All Connections',
      'app/frontend[Pod] => 10.112.0.0-10.255.255.255[External] : All Connections',
      'app/frontend[Pod] => 20.1.1.1-20.1.1.1[External] : All Connections',
    ]);
  });

  it('toServices reaches the pods behind a Service by name or by Service labels; a Service without selector is noted', async () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: backend\n  namespace: app\n  labels:\n    expose: internal\nspec:\n  selector:\n    role: backend\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: external-db\n  namespace: app\nspec:\n  ports:\n  - port: 5432\n---\n';
    const byName = cnp('to-backend', 'app', '  endpointSelector:\n    matchLabels:\n      role: frontend\n  egress:\n  - toServices:\n    - k8sService:\n        serviceName: backend\n    - k8sService:\n        serviceName: external-db\n');
    const named = await list(APP + svc + byName);
    expect(named.lines.filter((l) => l.startsWith('app/frontend'))).toEqual(['app/frontend[Pod] => app/backend[Pod] : All Connections']);
    expect(named.notes).toEqual(['CiliumNetworkPolicy app/to-backend: Service app/external-db has no selector; its endpoints are not modelled']);
    const bySelector = cnp('to-internal', 'app', '  endpointSelector:\n    matchLabels:\n      role: frontend\n  egress:\n  - toServices:\n    - k8sServiceSelector:\n        selector:\n          matchLabels:\n            expose: internal\n');
    expect((await list(APP + svc + bySelector)).lines.filter((l) => l.startsWith('app/frontend'))).toEqual(['app/frontend[Pod] => app/backend[Pod] : All Connections']);
  });

  it('entities: world is every external address, cluster every pod, all both; host is noted as not modelled', async () => {
    const world = cnp('from-world', 'app', `${BACKEND_SELECTOR}  ingress:\n  - fromEntities:\n    - world\n`);
    expect(await into(APP + world, 'app/backend[Pod]')).toEqual(['0.0.0.0-255.255.255.255[External] => app/backend[Pod] : All Connections']);
    const cluster = cnp('from-cluster', 'app', `${BACKEND_SELECTOR}  ingress:\n  - fromEntities:\n    - cluster\n`);
    expect(await into(APP + ELSEWHERE + cluster, 'app/backend[Pod]')).toEqual([
      'app/frontend[Pod] => app/backend[Pod] : All Connections',
      'app/other[Pod] => app/backend[Pod] : All Connections',
      'other-ns/frontend[Pod] => app/backend[Pod] : All Connections',
    ]);
    const all = cnp('from-all', 'app', `${BACKEND_SELECTOR}  ingress:\n  - fromEntities:\n    - all\n`);
    expect(await into(APP + all, 'app/backend[Pod]')).toHaveLength(3);
    const host = await list(APP + cnp('from-host', 'app', `${BACKEND_SELECTOR}  ingress:\n  - fromEntities:\n    - host\n`));
    expect(host.lines.filter((l) => l.includes('=> app/backend'))).toEqual([]);
    expect(host.notes).toEqual(['CiliumNetworkPolicy app/from-host: the host entity is not modelled; it matches no workload or address of the analysis']);
  });

  it('ingressDeny wins over any allow, of Cilium or Kubernetes policies', async () => {
    const allow = cnp('allow-all', 'app', `${BACKEND_SELECTOR}  ingress:\n  - fromEntities:\n    - all\n`);
    const deny = cnp(
      'deny-frontend-80',
      'app',
      `${BACKEND_SELECTOR}  ingressDeny:\n  - fromEndpoints:\n    - matchLabels:\n        role: frontend\n    toPorts:\n    - ports:\n      - port: "80"\n        protocol: TCP\n`,
    );
    const out = await into(APP + allow + deny, 'app/backend[Pod]');
    expect(out).toContain('app/frontend[Pod] => app/backend[Pod] : SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535');
    expect(out).toContain('app/other[Pod] => app/backend[Pod] : All Connections');
  });

  it('eval names the deny rule that takes a port away', async () => {
    const allow = cnp('allow-all', 'app', `${BACKEND_SELECTOR}  ingress:\n  - fromEntities:\n    - all\n`);
    const deny = cnp('deny-80', 'app', `${BACKEND_SELECTOR}  ingressDeny:\n  - toPorts:\n    - ports:\n      - port: "80"\n        protocol: TCP\n`);
    const result = evaluateConnection(await load(APP + allow + deny), { source: 'app/frontend', destination: 'app/backend', port: 80, protocol: 'TCP' });
    expect(result.allowed).toBe(false);
    expect(formatEvaluation(result)).toContain('Ingress of app/backend[Pod]: denied by app/deny-80 ingressDeny rule #1');
    const other = evaluateConnection(await load(APP + allow + deny), { source: 'app/frontend', destination: 'app/backend', port: 81, protocol: 'TCP' });
    expect(other.ingress.rules).toEqual(['app/allow-all ingress rule #1']);
  });

  it('a deny policy with enableDefaultDeny false takes away only what it denies', async () => {
    const deny = cnp(
      'deny-other',
      'app',
      `${BACKEND_SELECTOR}  enableDefaultDeny:\n    ingress: false\n  ingressDeny:\n  - fromEndpoints:\n    - matchLabels:\n        role: other\n`,
    );
    expect(await into(APP + deny, 'app/backend[Pod]')).toEqual([
      '0.0.0.0-255.255.255.255[External] => app/backend[Pod] : All Connections',
      'app/frontend[Pod] => app/backend[Pod] : All Connections',
    ]);
  });

  it('the exposure analysis counts a deny-only policy as no protection, and a default-deny one as protection', async () => {
    const denyOnly = cnp('deny-other', 'app', `${BACKEND_SELECTOR}  enableDefaultDeny:\n    ingress: false\n  ingressDeny:\n  - fromEndpoints:\n    - matchLabels:\n        role: other\n`);
    const unprotected = (yaml: string): Promise<readonly string[]> => load(yaml).then((r) => connectivityList(r, { exposure: true }).exposure?.unprotected ?? []);
    expect(await unprotected(APP + denyOnly)).toContain('app/backend[Pod] is not protected on Ingress');
    const isolating = cnp('from-frontend', 'app', `${BACKEND_SELECTOR}  ingress:\n  - fromEndpoints:\n    - matchLabels:\n        role: frontend\n`);
    expect(await unprotected(APP + isolating)).not.toContain('app/backend[Pod] is not protected on Ingress');
  });

  it('Kubernetes NetworkPolicies and Cilium policies add up: either may allow', async () => {
    const np = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: from-other\n  namespace: app\nspec:\n  podSelector:\n    matchLabels:\n      role: backend\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          role: other\n---\n';
    const policy = cnp('from-frontend', 'app', `${BACKEND_SELECTOR}  ingress:\n  - fromEndpoints:\n    - matchLabels:\n        role: frontend\n`);
    expect(await into(APP + np + policy, 'app/backend[Pod]')).toEqual(['app/frontend[Pod] => app/backend[Pod] : All Connections', 'app/other[Pod] => app/backend[Pod] : All Connections']);
  });

  it('a clusterwide policy selects endpoints in every namespace its selector allows', async () => {
    const policy = ccnp(
      'egress-dns-only',
      '  endpointSelector:\n    matchExpressions:\n    - key: io.kubernetes.pod.namespace\n      operator: NotIn\n      values: [kube-system]\n  egress:\n  - toEndpoints:\n    - matchLabels:\n        io.kubernetes.pod.namespace: kube-system\n        k8s-app: kube-dns\n    toPorts:\n    - ports:\n      - port: "53"\n        protocol: UDP\n      rules:\n        dns:\n        - matchPattern: "*"\n',
    );
    const dns = pod('coredns', 'kube-system', { 'k8s-app': 'kube-dns' });
    const { lines, notes } = await list(APP + ELSEWHERE + dns + policy);
    expect(lines.filter((l) => l.startsWith('app/') || l.startsWith('other-ns/'))).toEqual([
      'app/backend[Pod] => kube-system/coredns[Pod] : UDP 53',
      'app/frontend[Pod] => kube-system/coredns[Pod] : UDP 53',
      'app/other[Pod] => kube-system/coredns[Pod] : UDP 53',
      'other-ns/frontend[Pod] => kube-system/coredns[Pod] : UDP 53',
    ]);
    expect(lines).toContain('kube-system/coredns[Pod] => app/backend[Pod] : All Connections');
    expect(notes).toEqual(['CiliumClusterwideNetworkPolicy egress-dns-only: L7 rules (dns) are not modelled; their ports are analysed as allowed']);
  });

  it('the sparse walk over rules finds exactly what judging every pair finds, with deny and non-isolating rules', async () => {
    const policies = [
      cnp('deny-all-in', 'app', '  endpointSelector:\n    matchLabels:\n      role: other\n  ingress:\n  - {}\n'),
      cnp('from-frontend', 'app', `${BACKEND_SELECTOR}  ingress:\n  - fromEndpoints:\n    - matchLabels:\n        role: frontend\n    toPorts:\n    - ports:\n      - port: http\n  - fromEntities:\n    - world\n`),
      cnp('deny-only', 'app', '  endpointSelector:\n    matchLabels:\n      role: frontend\n  enableDefaultDeny:\n    egress: false\n  egressDeny:\n  - toEndpoints:\n    - matchLabels:\n        role: other\n    toPorts:\n    - ports:\n      - port: "22"\n'),
      ccnp('cluster-egress', '  endpointSelector:\n    matchLabels:\n      role: backend\n  egress:\n  - toEntities:\n    - cluster\n  egressDeny:\n  - toEndpoints:\n    - matchLabels:\n        io.kubernetes.pod.namespace: other-ns\n'),
    ].join('');
    const analysis = new Analysis(buildCluster(await load(APP + ELSEWHERE + policies)));
    const classes = [...new Set(analysis.workloads.map((w) => w.cls))];
    const show = (pairs: ReturnType<Analysis['classPairs']>): string[] => pairs.map(([s, d, c]) => `${s.id}->${d.id}:${c.toString()}`).sort();
    const sparse = show(analysis.classPairs(classes, false));
    expect(sparse).toEqual(show(analysis.classPairs(classes, true)));
    expect(sparse.length).toBeGreaterThan(3);
  });

  it.each([
    ['an invalid CIDR', `${BACKEND_SELECTOR}  ingress:\n  - fromCIDR:\n    - 10.0.0.300/8\n`, /invalid CIDR address: 10.0.0.300\/8/],
    ['a rule without endpointSelector', '  ingress:\n  - fromEntities:\n    - world\n', /exactly one of endpointSelector and nodeSelector/],
    ['a port out of range', `${BACKEND_SELECTOR}  ingress:\n  - toPorts:\n    - ports:\n      - port: "70000"\n`, /port range 70000-70000 is illegal/],
    ['an unknown protocol', `${BACKEND_SELECTOR}  ingress:\n  - toPorts:\n    - ports:\n      - port: "80"\n        protocol: QUIC\n`, /unsupported protocol "QUIC"/],
  ])('refuses %s with a location', async (_name, spec, message) => {
    const resources = await load(APP + cnp('bad', 'app', spec));
    let caught: unknown;
    try {
      connectivityList(resources);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NetpolError);
    expect((caught as NetpolError).message).toMatch(message);
    expect((caught as NetpolError).place?.line).toBeGreaterThan(0);
  });
});
