/**
 * NetworkPolicy API edges a conformance suite rarely covers: named ports repeated across
 * containers, values the API server refuses (so the policy never exists in a cluster), and the
 * exact reading of ports, selectors and ipBlocks. Each case states the Kubernetes rule it checks.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { connectivityList, evaluateConnection, formatEvaluation, NetpolError } from '../../src/graph/netpol/index.js';

async function load(yaml: string): Promise<Awaited<ReturnType<typeof loadInputs>>['resources']> {
  return (await loadInputs({ paths: ['-'], stdin: Readable.from([yaml]) })).resources;
}

async function lines(yaml: string): Promise<string[]> {
  return connectivityList(await load(yaml)).lines.map((l) => `${l.src} => ${l.dst} : ${l.conn}`).filter((l) => !l.includes('[External]')).sort();
}

/** The NetpolError the input is refused with (fails the test when it is accepted). */
async function refusal(yaml: string): Promise<NetpolError> {
  const resources = await load(yaml);
  try {
    connectivityList(resources);
  } catch (error) {
    if (error instanceof NetpolError) return error;
    throw error;
  }
  throw new Error('the input was accepted');
}

const CLIENT = `apiVersion: v1
kind: Pod
metadata: {name: cli, namespace: shop, labels: {app: cli}}
spec: {containers: [{name: c, image: x}]}
---
`;

const SERVER = `apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: shop}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: a
        image: x
        ports: [{name: dns, containerPort: 5353}, {name: metrics, containerPort: 9100}]
      - name: b
        image: y
        ports: [{name: dns, containerPort: 5354, protocol: UDP}, {name: metrics, containerPort: 9200}]
---
`;

function ingressPolicy(ports: string, extraSpec = ''): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}${extraSpec}
  ingress:
  - from: [{podSelector: {}}]
    ports: ${ports}
`;
}

describe('NetworkPolicy API edges', () => {
  it('a named port matches every container port of that name and protocol, not only the first', async () => {
    const out = await lines(CLIENT + SERVER + ingressPolicy('[{port: dns, protocol: UDP}, {port: metrics}]'));
    expect(out).toContain('shop/cli[Pod] => shop/db[Deployment] : TCP 9100,9200,UDP 5354');
  });

  it.each([
    ['a quoted port number (a port name to the API server)', ingressPolicy('[{port: "5432"}]'), 'invalid port name "5432": must contain at least one letter (a-z)', 29, 14],
    ['a port name with capitals', ingressPolicy('[{port: Metrics}]'), 'invalid port name "Metrics"', 29, 14],
    ['endPort without port', ingressPolicy('[{endPort: 90}]'), 'port must be specified when endPort is specified', 29, 13],
    ['an endPort that is no integer', ingressPolicy('[{port: 80, endPort: 80.5}]'), 'port range 80-80.5 is illegal', 29, 13],
    ['a policyType in lower case', ingressPolicy('[{port: 80}]', '\n  policyTypes: [ingress]'), 'unsupported value "ingress"', 27, 17],
    ['an except outside the cidr', ingressPolicy('[{port: 80}]').replace('[{podSelector: {}}]', '[{ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}}]'), 'except 10.1.0.0/24 must be a strict subset of cidr 10.0.0.0/16', 28, 51],
    ['an except equal to the cidr', ingressPolicy('[{port: 80}]').replace('[{podSelector: {}}]', '[{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.0.0/16]}}]'), 'must be a strict subset', 28, 51],
  ])('refuses %s, as the API server does, with its location (the policy starts on line 22)', async (_what, policy, message, line, column) => {
    const error = await refusal(CLIENT + SERVER + policy);
    expect(error.message).toContain(message);
    expect(error.place?.line).toBe(line);
    expect(error.place?.column).toBe(column);
  });

  it('accepts a named port in an egress rule open to every peer: towards addresses it matches nothing', async () => {
    const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: cli-out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: cli}}
  policyTypes: [Egress]
  egress:
  - ports: [{port: dns, protocol: UDP}]
`;
    const all = connectivityList(await load(CLIENT + SERVER + policy)).lines.map((l) => `${l.src} => ${l.dst} : ${l.conn}`);
    expect(all).toContain('shop/cli[Pod] => shop/db[Deployment] : UDP 5354');
    expect(all.filter((l) => l.startsWith('shop/cli[Pod] =>'))).toHaveLength(1);
  });

  /** A policy whose ingress section is written as given (the policy starts on line 22). */
  function withIngress(ingress: string): string {
    return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress:
${ingress}
`;
  }

  it.each([
    ['ingress as a map (the dash before from forgotten)', withIngress('    from:\n    - podSelector: {matchLabels: {app: cli}}'), 'ingress must be a list, not a map', 27, 3],
    ['from as a map (would read as every source)', withIngress('  - from:\n      podSelector: {matchLabels: {app: cli}}'), 'from must be a list, not a map', 28, 5],
    ['ports as a list of numbers (would read as every TCP port)', withIngress('  - ports: [80, 443]'), 'a port must be a map, not the number 80', 28, 13],
    ['a selector written as a string (would select every pod)', withIngress('  - from: [{podSelector: "app=cli"}]'), 'a label selector must be a map of matchLabels and matchExpressions, not the string "app=cli"', 28, 13],
    ['matchLabels as a list', withIngress('  - from: [{podSelector: {matchLabels: [app, cli]}}]'), 'matchLabels must be a map of labels, not a list', 28, 13],
  ])('refuses %s, located', async (_what, policy, message, line, column) => {
    const error = await refusal(CLIENT + SERVER + policy);
    expect(error.message).toContain(message);
    expect([error.place?.line, error.place?.column]).toEqual([line, column]);
  });

  it('eval names the AdminNetworkPolicy rule that denies, not an empty list of isolating policies', async () => {
    const anp = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: guard-db}
spec:
  priority: 10
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}
  ingress:
  - {name: pass-metrics, action: Pass, from: [{namespaces: {}}], ports: [{portNumber: {port: 9100, protocol: TCP}}]}
  - {name: no-cli, action: Deny, from: [{pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: cli}}}}]}
`;
    const resources = await load(CLIENT + SERVER + anp);
    const denied = evaluateConnection(resources, { source: 'shop/cli', destination: 'shop/db', port: 5353, protocol: 'TCP' });
    expect(denied.ingress).toMatchObject({ allowed: false, denied: true, rules: ['[ANP] guard-db (no-cli: Deny) ingress rule #2'] });
    expect(formatEvaluation(denied)).toContain('Ingress of shop/db[Deployment]: denied by [ANP] guard-db (no-cli: Deny) ingress rule #2');
    // Passed to the NetworkPolicies, none of which selects db: allowed by default, and the Pass rule allowed nothing.
    const passed = evaluateConnection(resources, { source: 'shop/cli', destination: 'shop/db', port: 9100, protocol: 'TCP' });
    expect(passed.ingress).toMatchObject({ allowed: true, rules: [] });
    expect(formatEvaluation(passed)).toContain('Ingress of shop/db[Deployment]: allowed (no rule allows or denies it: allowed by default)');
  });

  it('eval blames a lower-priority admin Deny or the baseline only when they decide', async () => {
    const admin = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: first}
spec:
  priority: 1
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}
  ingress: [{name: to-np, action: Pass, from: [{namespaces: {}}], ports: [{portNumber: {port: 5353, protocol: TCP}}]}]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: second}
spec:
  priority: 2
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}
  ingress: [{name: deny-all, action: Deny, from: [{namespaces: {}}]}]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {pods: {namespaceSelector: {}, podSelector: {}}}
  ingress: [{name: deny-all, action: Deny, from: [{namespaces: {}}]}]
`;
    const resources = await load(CLIENT + SERVER + admin + '---\n' + ingressPolicy('[{port: 9100}]'));
    const result = evaluateConnection(resources, { source: 'shop/cli', destination: 'shop/db', port: 5353, protocol: 'TCP' });
    // first passes 5353 to the NetworkPolicies (second never sees it), and db-in allows only 9100.
    expect(result.ingress).toMatchObject({ allowed: false, rules: ['[ANP] first', '[ANP] second', '[BANP] default', 'shop/db-in'] });
    expect(result.ingress.denied).toBeUndefined();
  });
});

