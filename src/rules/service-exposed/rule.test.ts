import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const OPEN_LB = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: LoadBalancer
  externalIPs: [203.0.113.7]
  ports: [{port: 443}]
`;

describe('service-exposed', () => {
  it('ranks an unrestricted LoadBalancer high and reports externalIPs separately', async () => {
    const scan = await scanYaml(rule, OPEN_LB);
    expect(scan.findings.map((f) => [f.message, f.location.path, f.severity])).toEqual([
      ['Service "shop/web" is a LoadBalancer that has no loadBalancerSourceRanges: it is reachable from the whole internet', '/spec/type', 'high'],
      [
        'Service "shop/web" sets externalIPs 203.0.113.7: every node routes traffic for them to it, and they can capture other traffic (CVE-2020-8554)',
        '/spec/externalIPs',
        'medium',
      ],
    ]);
    expect(scan.findings[0]?.location.line).toBe(5);
  });

  it('reads source ranges from the cloud annotation and recognises internal load balancers', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Service
metadata:
  name: annotated
  annotations: {service.beta.kubernetes.io/load-balancer-source-ranges: "10.1.0.0/16, 10.2.0.0/16"}
spec: {type: LoadBalancer}
---
apiVersion: v1
kind: Service
metadata:
  name: private
  annotations: {networking.gke.io/load-balancer-type: Internal}
spec: {type: LoadBalancer}
`);
    expect(scan.findings.map((f) => [f.message, f.severity])).toEqual([
      ['Service "default/annotated" is a LoadBalancer reachable from 10.1.0.0/16, 10.2.0.0/16', 'low'],
      ['Service "default/private" is an internal LoadBalancer: reachable from the private network and on a port of every node', 'low'],
    ]);
  });

  it('skips Services allowed by option', async () => {
    const scan = await scanYaml(rule, OPEN_LB, { allow: ['shop/web'] });
    expect(scan.findings).toEqual([]);
  });
});
