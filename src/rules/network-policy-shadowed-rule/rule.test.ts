import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: api, image: nginx, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: web, image: nginx}]}
`;

const policy = (name: string, spec: string): string => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec: ${spec}
`;

describe('network-policy-shadowed-rule', () => {
  it('names the covering rules, with their original numbers, at the shadowed rule', async () => {
    const scan = await scanYaml(rule, PODS + policy('api', `{podSelector: {matchLabels: {app: api}}, ingress: [
      {from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: http}]},
      {from: [{podSelector: {matchLabels: {app: db}}}]},
      {from: [{podSelector: {}}], ports: [{port: 8080}]}]}`));
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      ['ingress rule 1 of NetworkPolicy "api" is shadowed: every connection it allows is also allowed by shop/api ingress rule #3', '/spec/ingress/0'],
    ]);
  });

  it('compares egress across policies, address ranges included', async () => {
    const scan = await scanYaml(rule, PODS + policy('a', '{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 10.1.0.0/16}}], ports: [{port: 443}]}]}') +
      policy('b', '{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.2.0.0/16]}}]}]}'));
    expect(scan.findings.map((f) => [f.resource.name, f.message])).toEqual([
      ['a', 'egress rule 1 of NetworkPolicy "a" is shadowed: every connection it allows is also allowed by shop/b egress rule #1'],
    ]);
    const carved = await scanYaml(rule, PODS + policy('a', '{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 10.2.0.0/16}}], ports: [{port: 443}]}]}') +
      policy('b', '{podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.2.0.0/16]}}]}]}'));
    expect(carved.findings).toEqual([]);
  });

  it('needs the cover on every selected pod: a policy selecting fewer pods does not shadow', async () => {
    const scan = await scanYaml(rule, PODS + policy('all', '{podSelector: {}, ingress: [{ports: [{port: 8080}]}]}') + policy('api-only', '{podSelector: {matchLabels: {app: api}}, ingress: [{}]}'));
    expect(scan.findings.map((f) => [f.resource.name, f.location.path])).toEqual([]);
  });

  it('reports both of two identical rules, and never a rule that allows nothing', async () => {
    const twins = await scanYaml(rule, PODS + policy('twins', '{podSelector: {}, ingress: [{ports: [{port: 80}]}, {ports: [{port: 80}]}]}'));
    expect(twins.findings.map((f) => f.location.path)).toEqual(['/spec/ingress/0', '/spec/ingress/1']);
    const dead = await scanYaml(rule, PODS + policy('dead', '{podSelector: {}, ingress: [{}, {from: [{podSelector: {matchLabels: {app: nobody}}}]}]}'));
    expect(dead.findings).toEqual([]);
  });
});
