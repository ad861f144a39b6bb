/**
 * Palisade's own connectivity JSON: valid against schemas/netpol-connectivity.schema.json (Ajv,
 * strict), the same connections as netpol-analyzer's list, and the rules that allow each one on
 * each side. Over the netpol-analyzer suite when ../shared/testdata is present.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/loaders/index.js';
import { connectivityList } from '../../src/graph/netpol/connlist.js';
import { netpolJson, type NetpolJson } from '../../src/graph/netpol/palisade-json.js';
import { readIndex, SUITE, suitePresent } from './suite.js';

const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../schemas/netpol-connectivity.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const errorsOf = (data: unknown): string[] => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));

async function fromYaml(yaml: string): Promise<NetpolJson> {
  const loaded = await loadInputs({ paths: ['-'], stdin: Readable.from([yaml]) });
  return netpolJson(loaded.resources);
}

const SHOP = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: web, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: api, image: nginx, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: http}]
  - from: [{podSelector: {}}]
    ports: [{port: 8080}, {port: 9090}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-out, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress: [{to: [{podSelector: {matchLabels: {app: api}}}]}]
`;

describe('palisade netpol JSON', () => {
  it('names the allowing rules on each side, with the part each allows', async () => {
    const json = await fromYaml(SHOP);
    expect(errorsOf(json)).toEqual([]);
    const webToApi = json.connections.find((c) => c.src === 'shop/web[Pod]' && c.dst === 'shop/api[Pod]');
    expect(webToApi).toEqual({
      src: 'shop/web[Pod]',
      dst: 'shop/api[Pod]',
      conn: 'TCP 8080,9090',
      all: false,
      ports: [{ protocol: 'TCP', ranges: [[8080, 8080], [9090, 9090]] }],
      egress: { isolated: true, allowedBy: [{ tier: 'NetworkPolicy', policy: 'shop/web-out', rule: 1, ports: 'TCP 8080,9090' }] },
      ingress: {
        isolated: true,
        allowedBy: [
          { tier: 'NetworkPolicy', policy: 'shop/api-in', rule: 1, ports: 'TCP 8080' },
          { tier: 'NetworkPolicy', policy: 'shop/api-in', rule: 2, ports: 'TCP 8080,9090' },
        ],
      },
    });
    const apiOut = json.connections.find((c) => c.src === 'shop/api[Pod]' && c.dst.endsWith('[External]'));
    expect(apiOut?.egress).toEqual({ isolated: false, allowedBy: [], allowedByDefault: 'All Connections' });
    expect(apiOut?.ingress).toEqual({ isolated: false, allowedBy: [], allowedByDefault: 'All Connections' });
    expect(json.endpoints.filter((e) => e.type === 'workload').map((e) => [e.id, 'isolated' in e ? e.isolated : undefined])).toEqual([
      ['shop/api[Pod]', { ingress: true, egress: false }],
      ['shop/web[Pod]', { ingress: false, egress: true }],
    ]);
  });

  it('names admin rules that allow, never the ones that pass; what passes to an unselected pod is allowed by default', async () => {
    const json = await fromYaml(`${SHOP}---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: monitoring}
spec:
  priority: 5
  subject: {namespaces: {}}
  ingress:
  - {name: pass-shop, action: Pass, from: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: shop}}}], ports: [{portNumber: {port: 9090, protocol: TCP}}]}
  - {name: allow-all, action: Allow, from: [{namespaces: {}}]}
`);
    expect(errorsOf(json)).toEqual([]);
    const apiToWeb = json.connections.find((c) => c.src === 'shop/api[Pod]' && c.dst === 'shop/web[Pod]');
    expect(apiToWeb?.ingress).toEqual({
      isolated: true,
      allowedBy: [{ tier: 'AdminNetworkPolicy', policy: 'monitoring', rule: 2, ruleName: 'allow-all', ports: 'SCTP 1-65535,TCP 1-9089,9091-65535,UDP 1-65535' }],
      allowedByDefault: 'TCP 9090',
    });
  });

  it.skipIf(!suitePresent)('lists the same connections as netpol-analyzer on every suite case, valid against the schema', async () => {
    if (!suitePresent) return;
    const wrong: string[] = [];
    const dirs = [...new Set(readIndex().connlist_cases.map((c) => c.input_dir))];
    for (const dir of dirs) {
      const resources = (await loadInputs({ paths: [path.join(SUITE, dir)] })).resources;
      let json: NetpolJson;
      let lines: string[];
      try {
        json = netpolJson(resources);
        lines = connectivityList(resources).lines.map((l) => `${l.src} => ${l.dst} : ${l.conn}`).sort();
      } catch {
        continue; // input the analysis refuses: the conformance test checks the error
      }
      const errors = errorsOf(json);
      if (errors.length > 0) wrong.push(`${dir}: ${errors.slice(0, 3).join('; ')}`);
      const mine = json.connections.map((c) => `${c.src} => ${c.dst} : ${c.conn}`).sort();
      if (JSON.stringify(mine) !== JSON.stringify(lines)) wrong.push(`${dir}: connections differ from the list`);
      for (const c of json.connections) {
        // Each side accounts for the whole connection: rules plus what is allowed by default.
        for (const side of [c.egress, c.ingress]) {
          if (!side.isolated && side.allowedByDefault !== c.conn) wrong.push(`${dir}: ${c.src} => ${c.dst} not isolated, yet not all allowed by default`);
          if (side.isolated && side.allowedBy.length === 0 && side.allowedByDefault !== c.conn) wrong.push(`${dir}: ${c.src} => ${c.dst} isolated, unexplained`);
        }
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  }, 120_000);
});
