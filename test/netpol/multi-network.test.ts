/**
 * Multi-network analysis on small hand-written clusters: primary user-defined networks isolate
 * their namespaces, secondary networks obey only the MultiNetworkPolicies written for them,
 * the networks annotation is read in both of its forms, and invalid UDNs are refused with a place.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { connectivityList, formatConnectivity, NetpolError } from '../../src/graph/netpol/index.js';
import { podAttachments } from '../../src/graph/netpol/multi-network/attachments.js';

async function load(yaml: string): Promise<Awaited<ReturnType<typeof loadInputs>>['resources']> {
  return (await loadInputs({ paths: ['-'], stdin: Readable.from([yaml]) })).resources;
}

function pod(name: string, namespace: string, networks = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    app: ${name}
${networks === '' ? '' : `  annotations:\n    k8s.v1.cni.cncf.io/networks: '${networks}'\n`}spec:
  containers:
  - name: c
    image: x
---
`;
}

const UDN_NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: blue
  labels:
    k8s.ovn.org/primary-user-defined-network: ""
---
`;

function udn(spec: string, name = 'tenant', namespace = 'blue'): string {
  return `apiVersion: k8s.ovn.org/v1
kind: UserDefinedNetwork
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
${spec}
---
`;
}

const LAYER2_PRIMARY = '  topology: Layer2\n  layer2:\n    role: Primary\n';

const NAD = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: l2
  namespace: red
spec:
  config: '{"cniVersion": "0.3.1", "type": "macvlan"}'
---
`;

async function sections(yaml: string): Promise<string> {
  return formatConnectivity(connectivityList(await load(yaml), { multipleNetworks: true }), 'txt');
}

describe('multi-network analysis', () => {
  it('a primary UDN cuts its namespace off the pod network but keeps external addresses', async () => {
    const out = await sections(UDN_NAMESPACE + udn(LAYER2_PRIMARY) + pod('web', 'blue') + pod('api', 'default'));
    expect(out).toContain('Permitted connectivity analyzed in primary UDN blue:\n0.0.0.0-255.255.255.255[External] => blue[udn]/web[Pod] : All Connections\n');
    expect(out).not.toContain('default/api[Pod] => blue');
    expect(out).toContain('blue/web[Pod]: \n\tPrimary Network: blue[UDN]\n');
    expect(out).toContain('default/api[Pod]: \n\tPrimary Network: pod-network\n');
  });

  it('a namespace without the primary-network label stays on the pod network', async () => {
    const out = await sections('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: blue\n---\n' + udn(LAYER2_PRIMARY) + pod('web', 'blue') + pod('api', 'default'));
    expect(out).toContain('blue/web[Pod] => default/api[Pod] : All Connections');
  });

  it('a secondary network has no external addresses and obeys only its MultiNetworkPolicies', async () => {
    const mnp = `apiVersion: k8s.cni.cncf.io/v1beta1
kind: MultiNetworkPolicy
metadata:
  name: only-from-a
  namespace: red
  annotations:
    k8s.v1.cni.cncf.io/policy-for: l2
spec:
  podSelector:
    matchLabels:
      app: b
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: a
    ports:
    - port: 80
---
`;
    const denyAll = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: red\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n---\n';
    const out = await sections(NAD + mnp + denyAll + pod('a', 'red', 'l2') + pod('b', 'red', 'l2') + pod('c', 'red', 'l2'));
    expect(out).toContain('Permitted connectivity analyzed in Pod network:\nAll connections are not allowed for the workloads in the pod-network\n');
    const nad = out.slice(out.indexOf('secondary NAD l2'), out.indexOf('Workload-to-Networks'));
    expect(nad).toContain('red/a[Pod] => red/b[Pod] : TCP 80');
    expect(nad).not.toContain('red/c[Pod] => red/b[Pod]');
    expect(nad).toContain('red/b[Pod] => red/c[Pod] : All Connections');
    expect(nad).not.toContain('External');
  });

  it('ipBlocks of a MultiNetworkPolicy match pods by their secondary addresses', async () => {
    const mnp = `apiVersion: k8s.cni.cncf.io/v1beta1
kind: MultiNetworkPolicy
metadata:
  name: from-block
  namespace: red
  annotations:
    k8s.v1.cni.cncf.io/policy-for: red/l2
spec:
  podSelector:
    matchLabels:
      app: b
  ingress:
  - from:
    - ipBlock:
        cidr: 10.1.0.0/30
---
`;
    const near = '[{"name": "l2", "ips": ["10.1.0.2/24"]}]';
    const far = '[{"name": "l2", "ips": ["10.1.0.9/24"]}]';
    const out = await sections(NAD + mnp + pod('a', 'red', near) + pod('b', 'red', '[{"name": "l2"}]') + pod('c', 'red', far));
    const nad = out.slice(out.indexOf('secondary NAD l2'), out.indexOf('Workload-to-Networks'));
    expect(nad).toContain('red/a[Pod] => red/b[Pod] : All Connections');
    expect(nad).not.toContain('red/c[Pod] => red/b[Pod]');
  });

  it('draws each network as a dot cluster; a secondary network has nodes of its own', async () => {
    const resources = await load(NAD + pod('a', 'red', 'l2') + pod('b', 'red', 'l2'));
    const dot = formatConnectivity(connectivityList(resources, { multipleNetworks: true }), 'dot');
    expect(dot).toContain('\tsubgraph "cluster_pod_network" {\n\tlabel="pod network"\n\tsubgraph "cluster_red[namespace]" {\n\t\tcolor="black"\n');
    expect(dot).toContain('\tsubgraph "cluster_l2" {\n\tlabel="l2[nad]"\n');
    // Forward edges weigh 0.5, backward ones 1.
    expect(dot).toContain('\t"red/a[Pod]l2" -> "red/b[Pod]l2" [label="All Connections" color="gold2" fontcolor="darkgreen" weight=0.5]');
    expect(dot).toContain('\t"red/b[Pod]" -> "red/a[Pod]" [label="All Connections" color="gold2" fontcolor="darkgreen" weight=1]');
  });

  it('reads the networks annotation as a list of names and as JSON', () => {
    expect(podAttachments({ 'k8s.v1.cni.cncf.io/networks': 'l2, other/macvlan@net2' }, 'red').refs).toEqual([
      { namespace: 'red', name: 'l2' },
      { namespace: 'other', name: 'macvlan' },
    ]);
    const json = podAttachments({ 'k8s.v1.cni.cncf.io/networks': '[{"name": "bond", "namespace": "default", "ips": ["2.2.6.9/24"]}]' }, 'red');
    expect(json.refs).toEqual([{ namespace: 'default', name: 'bond' }]);
    expect(json.addresses.intervals).toEqual([[0x02020609, 0x02020609]]);
    expect(podAttachments({ 'k8s.v1.cni.cncf.io/networks': '[{"name": ' }, 'red').refs).toEqual([]);
  });

  it.each([
    ['an unknown topology', udn('  topology: Layer4\n  layer2:\n    role: Primary\n'), /invalid value "Layer4" for key "topology"/],
    ['a topology without its block', udn('  topology: Layer2\n  layer3:\n    role: Primary\n'), /requires its configuration under "layer2"/],
    ['an unknown role', udn('  topology: Layer2\n  layer2:\n    role: Admin\n'), /invalid value "Admin" for key "role"/],
    ['a UDN named default', udn(LAYER2_PRIMARY, 'default'), /may not be named "default"/],
    ['a subnet that is no CIDR', udn('  topology: Layer2\n  layer2:\n    role: Primary\n    subnets: [10.0.0.0/33]\n'), /invalid CIDR address: 10.0.0.0\/33/],
    ['a Layer3 network without subnets', udn('  topology: Layer3\n  layer3:\n    role: Primary\n'), /a Layer3 network needs subnets/],
    ['a UDN in an openshift namespace', udn(LAYER2_PRIMARY, 'tenant', 'openshift-x'), /may not be created in namespace "openshift-x"/],
    ['two primary networks for a namespace', udn(LAYER2_PRIMARY) + udn(LAYER2_PRIMARY, 'second'), /more than one primary user-defined network/],
  ])('refuses %s with a location', async (_name, objects, message) => {
    const resources = await load(UDN_NAMESPACE + objects + pod('web', 'blue'));
    let caught: unknown;
    try {
      connectivityList(resources, { multipleNetworks: true });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NetpolError);
    expect((caught as NetpolError).message).toMatch(message);
    expect((caught as NetpolError).place?.line).toBeGreaterThan(0);
  });

  it('a VirtualMachine and its virt-launcher pod are one endpoint', async () => {
    const vm = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: vm1
  namespace: red
spec:
  template:
    metadata:
      labels:
        app: vm1
    spec:
      networks:
      - name: default
        pod: {}
---
apiVersion: v1
kind: Pod
metadata:
  name: virt-launcher-vm1-abcde
  namespace: red
  labels:
    app: vm1
  ownerReferences:
  - apiVersion: kubevirt.io/v1
    kind: VirtualMachineInstance
    name: vm1
    controller: true
spec:
  containers:
  - name: compute
    image: x
---
`;
    const list = connectivityList(await load(vm + pod('a', 'red')));
    expect([...list.workloads].sort()).toEqual(['red/a[Pod]', 'red/vm1[VirtualMachine]']);
  });
});
