import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const API = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: api, image: registry.example.com/api:1.0}]}
`;

const policy = (egress: string): string => `${API}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: out, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: ${egress}
`;

describe('workload-unrestricted-egress', () => {
  it('tells "no egress policy" from "a policy allows everything", naming the rule', async () => {
    const none = await scanYaml(rule, API);
    expect(none.findings.map((f) => f.message)).toEqual([
      'Deployment "api": no egress NetworkPolicy selects its pods, so they may connect to any internet address on any port (the path for exfiltration and command and control)',
    ]);
    const all = await scanYaml(rule, policy('[{to: [{podSelector: {}}]}, {}]'));
    expect(all.findings.map((f) => [f.message, f.severity])).toEqual([
      ['Deployment "api" is isolated for egress, but shop/out egress rule #2 allows every internet address (0.0.0.0/0) on All Connections', 'medium'],
    ]);
  });

  it('lowers the severity when only some ports are open, and accepts DNS-only rules unless told not to', async () => {
    const https = await scanYaml(rule, policy('[{to: [{ipBlock: {cidr: 0.0.0.0/0}}], ports: [{port: 443}]}]'));
    expect(https.findings.map((f) => [f.message, f.severity])).toEqual([
      ['Deployment "api" is isolated for egress, but shop/out egress rule #1 allows every internet address (0.0.0.0/0) on TCP 443', 'low'],
    ]);
    const dns = policy('[{ports: [{port: 53, protocol: UDP}]}]');
    expect((await scanYaml(rule, dns)).findings).toEqual([]);
    expect((await scanYaml(rule, dns, { allowDns: false })).findings).toHaveLength(1);
  });

  it('needs every public range: two halves together count, one half does not', async () => {
    const halves = await scanYaml(rule, policy('[{to: [{ipBlock: {cidr: 0.0.0.0/1}}]}, {to: [{ipBlock: {cidr: 128.0.0.0/1}}]}]'));
    expect(halves.findings.map((f) => f.message)).toEqual([
      'Deployment "api" is isolated for egress, but shop/out egress rule #1, shop/out egress rule #2 allow every internet address (0.0.0.0/0) on All Connections',
    ]);
    expect((await scanYaml(rule, policy('[{to: [{ipBlock: {cidr: 0.0.0.0/1}}]}]'))).findings).toEqual([]);
    // the private ranges alone are not the internet
    expect((await scanYaml(rule, policy('[{to: [{ipBlock: {cidr: 10.0.0.0/8}}, {ipBlock: {cidr: 172.16.0.0/12}}]}]'))).findings).toEqual([]);
  });

  it('reads an IPv6 ::/0 ipBlock from the rule', async () => {
    const scan = await scanYaml(rule, policy('[{to: [{ipBlock: {cidr: "::/0"}}]}]'));
    expect(scan.findings.map((f) => f.message)).toEqual(['Deployment "api" is isolated for egress, but shop/out egress rule #1 allows every IPv6 address (::/0)']);
  });

  it('says nothing about input the engine refuses (a named port towards addresses)', async () => {
    const scan = await scanYaml(rule, policy('[{ports: [{port: https}]}]'));
    expect(scan.findings).toEqual([]);
    expect(scan.summary.counts.error).toBe(0);
  });
});
