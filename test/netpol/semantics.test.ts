/**
 * NetworkPolicy semantics on small hand-written clusters: each case states a Kubernetes rule and
 * checks the connection list (or the refusal) it implies.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { Analysis, buildCluster, connectivityList, evaluateConnection, NetpolError } from '../../src/graph/netpol/index.js';

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

async function lines(yaml: string): Promise<string[]> {
  return connectivityList(await load(yaml)).lines.map((l) => `${l.src} => ${l.dst} : ${l.conn}`).sort();
}

const NS = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: web
---
apiVersion: v1
kind: Namespace
metadata:
  name: ops
---
`;

describe('NetworkPolicy semantics', () => {
  it('without policies every pair and the outside world connect on everything', async () => {
    const out = await lines(NS + pod('a', 'shop', { app: 'a' }) + pod('b', 'shop', { app: 'b' }));
    expect(out).toEqual([
      '0.0.0.0-255.255.255.255[External] => shop/a[Pod] : All Connections',
      '0.0.0.0-255.255.255.255[External] => shop/b[Pod] : All Connections',
      'shop/a[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'shop/a[Pod] => shop/b[Pod] : All Connections',
      'shop/b[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'shop/b[Pod] => shop/a[Pod] : All Connections',
    ]);
  });

  it('needs both the egress of the source and the ingress of the destination; named ports resolve on the destination', async () => {
    const policies = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: b-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: b}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: a}}}]
    ports: [{port: web}, {port: 9000, endPort: 9005, protocol: UDP}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: a-out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: a}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {}}]
    ports: [{port: 8080}, {protocol: UDP, port: 9003, endPort: 9010}]
---
`;
    const out = await lines(NS + pod('a', 'shop', { app: 'a' }) + pod('b', 'shop', { app: 'b' }, '    - {name: web, containerPort: 8080}\n') + policies);
    expect(out).toEqual([
      '0.0.0.0-255.255.255.255[External] => shop/a[Pod] : All Connections',
      'shop/a[Pod] => shop/b[Pod] : TCP 8080,UDP 9003-9005',
      'shop/b[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'shop/b[Pod] => shop/a[Pod] : All Connections',
    ]);
  });

  it('combines podSelector and namespaceSelector in one peer (AND), separate peers (OR); ipBlock except splits the outside', async () => {
    const policies = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: a-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: a}}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ops}}
      podSelector: {matchLabels: {role: monitor}}
    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
---
`;
    const out = await lines(NS + pod('a', 'shop', { app: 'a' }) + pod('m', 'ops', { role: 'monitor' }) + pod('x', 'ops', { role: 'other' }) + policies);
    expect(out.filter((l) => l.includes('=> shop/a'))).toEqual([
      '10.0.0.0-10.0.255.255[External] => shop/a[Pod] : All Connections',
      '10.2.0.0-10.255.255.255[External] => shop/a[Pod] : All Connections',
      'ops/m[Pod] => shop/a[Pod] : All Connections',
    ]);
  });

  it('defaults policyTypes: Ingress always, Egress only with egress rules', async () => {
    const policies = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-in, namespace: shop}
spec:
  podSelector: {}
`;
    const out = await lines(NS + pod('a', 'shop', { app: 'a' }) + pod('b', 'shop', { app: 'b' }) + policies);
    expect(out).toEqual([
      'shop/a[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'shop/b[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
    ]);
  });

  it('groups a workload under its pod template and lists replicas once, never with itself', async () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: x}]}
---
`;
    const out = await lines(NS + deployment);
    expect(out).toEqual([
      '0.0.0.0-255.255.255.255[External] => shop/web[Deployment] : All Connections',
      'shop/web[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
    ]);
  });

  it('the class-pair walk that skips unmatched pairs agrees with the exhaustive one', async () => {
    let yaml = NS;
    for (let i = 0; i < 12; i++) yaml += pod(`p${i}`, i % 2 === 0 ? 'shop' : 'ops', { app: `a${i % 4}`, tier: `t${i % 3}` }, `    - {name: web, containerPort: ${8000 + (i % 2)}}\n`);
    yaml += `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p1, namespace: shop}
spec:
  podSelector: {matchLabels: {tier: t0}}
  policyTypes: [Ingress, Egress]
  ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: a1}}}], ports: [{port: web}]}]
  egress: [{to: [{podSelector: {matchExpressions: [{key: app, operator: In, values: [a2, a3]}]}}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p2, namespace: ops}
spec:
  podSelector: {matchExpressions: [{key: tier, operator: NotIn, values: [t1]}]}
  ingress: [{from: [{namespaceSelector: {matchLabels: {team: web}}}]}, {ports: [{port: 8001}]}]
`;
    const analysis = new Analysis(buildCluster(await load(yaml)));
    const classes = [...new Set(analysis.workloads.map((w) => w.cls))];
    const show = (pairs: ReturnType<Analysis['classPairs']>): string[] => pairs.map(([s, d, c]) => `${s.id}->${d.id}:${c.toString()}`).sort();
    expect(show(analysis.classPairs(classes, false))).toEqual(show(analysis.classPairs(classes, true)));
  });

  it('refuses policies the API server would reject, with their location', async () => {
    const bad = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: bad, namespace: shop}
spec:
  podSelector: {}
  ingress:
  - from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]
`;
    const resources = await load(NS + pod('a', 'shop', { app: 'a' }) + bad);
    expect(() => connectivityList(resources)).toThrow(NetpolError);
    try {
      connectivityList(resources);
    } catch (error) {
      expect((error as NetpolError).message).toContain('cannot have both IPBlock and PodSelector/NamespaceSelector set');
      expect((error as NetpolError).place?.line).toBe(31);
    }
  });

  it('eval names the deciding rules on each side', async () => {
    const policies = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: b-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: b}}
  ingress: [{from: [{podSelector: {matchLabels: {app: a}}}], ports: [{port: 80}]}]
`;
    const resources = await load(NS + pod('a', 'shop', { app: 'a' }) + pod('b', 'shop', { app: 'b' }) + policies);
    const allowed = evaluateConnection(resources, { source: 'shop/a', destination: 'shop/b', port: 80, protocol: 'TCP' });
    expect(allowed.allowed).toBe(true);
    expect(allowed.ingress.rules).toEqual(['shop/b-in ingress rule #1']);
    expect(allowed.egress.isolated).toBe(false);
    const denied = evaluateConnection(resources, { source: 'shop/a', destination: 'shop/b', port: 81, protocol: 'TCP' });
    expect(denied.allowed).toBe(false);
    expect(denied.ingress.rules).toEqual(['shop/b-in']);
    expect(() => evaluateConnection(resources, { source: 'shop/zz', destination: 'shop/b', port: 80, protocol: 'TCP' })).toThrow(/neither an IPv4 address nor a workload/);
  });

  it('exposure keeps admin named ports towards unknown peers as names (an admin named port has no protocol)', async () => {
    const yaml = `${pod('web', 'shop', { app: 'web' })}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: named}
spec:
  priority: 5
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}}
  egress:
  - {name: to-all, action: Allow, to: [{namespaces: {}}], ports: [{namedPort: metrics}]}
  - {name: to-team, action: Allow, to: [{namespaces: {matchLabels: {team: x}}}], ports: [{namedPort: http}]}
`;
    const exposure = connectivityList(await load(yaml), { exposure: true }).exposure;
    const egress = (exposure?.egress ?? []).map((l) => `${l.other} : ${l.conn}`);
    expect(egress).toContain('entire-cluster :  metrics');
    expect(egress).toContain('[namespace with {team=x}]/[all pods] :  http');
  });
});
