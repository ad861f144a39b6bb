import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../core/engine.js';
import { ResourceIndex } from '../../core/resource-index.js';
import { loadInputs } from '../../loaders/index.js';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const API = `apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: api, image: nginx}]}
`;

const policy = (peers: string): string => `${API}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{to: ${peers}}]
`;

describe('network-policy-peer-matches-nothing', () => {
  it('says which selector matches nothing, at that selector', async () => {
    const scan = await scanYaml(rule, policy('[{podSelector: {matchLabels: {app: db}}}, {namespaceSelector: {matchLabels: {team: nowhere}}}]'));
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      ['egress rule 1 of NetworkPolicy "api", to peer 1: its podSelector matches no pod of the namespaces it looks in, so the peer allows nothing', '/spec/egress/0/to/0/podSelector'],
      ['egress rule 1 of NetworkPolicy "api", to peer 2: its namespaceSelector matches no namespace of the input, so the peer allows nothing', '/spec/egress/0/to/1/namespaceSelector'],
    ]);
  });

  it('judges a namespace picked by name only in a live cluster, which lists every namespace', async () => {
    const yaml = policy('[{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}, {namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [monitoring]}]}}]');
    // Manifests are part of a cluster: the ingress controller's namespace is most likely elsewhere.
    expect((await scanYaml(rule, yaml)).findings).toEqual([]);
    const loaded = await loadInputs({ paths: ['-'], stdin: Readable.from([yaml]) });
    const live = loaded.resources.map((r) => ({ ...r, source: { ...r.source, file: 'cluster:kind-test' } }));
    const findings = runRules([{ rule, options: undefined }], new ResourceIndex(live)).findings;
    expect(findings.map((f) => f.location.path)).toEqual(['/spec/egress/0/to/0/namespaceSelector', '/spec/egress/0/to/1/namespaceSelector']);
  });

  it('needs the pod in a namespace the peer selects, and reports an empty selected namespace', async () => {
    const yaml = `${policy('[{namespaceSelector: {matchLabels: {team: data}}, podSelector: {matchLabels: {app: api}}}, {namespaceSelector: {matchLabels: {team: data}}}]')}---
apiVersion: v1
kind: Namespace
metadata: {name: data, labels: {team: data}}
`;
    const scan = await scanYaml(rule, yaml);
    expect(scan.findings.map((f) => f.location.path)).toEqual(['/spec/egress/0/to/0/podSelector', '/spec/egress/0/to/1/namespaceSelector']);
    expect(scan.findings[1]?.message).toContain('the namespaces its namespaceSelector matches hold no pod');
  });

  it('matches namespaces by their automatic name label', async () => {
    expect((await scanYaml(rule, policy('[{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}}]'))).findings).toEqual([]);
  });
});
