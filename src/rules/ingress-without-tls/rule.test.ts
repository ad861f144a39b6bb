import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('ingress-without-tls', () => {
  it('points at the uncovered host and at host-less rules', async () => {
    const scan = await scanYaml(rule, `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: mixed, namespace: shop}
spec:
  tls: [{hosts: ["*.example.com"], secretName: tls}]
  rules:
    - host: example.com
    - http: {paths: []}
    - host: a.example.com
`);
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      ['Ingress "shop/mixed" serves host "example.com" without TLS: no tls entry lists it', '/spec/rules/0/host'],
      [
        'Ingress "shop/mixed" rule 1 has no host, and its tls entries cover only *.example.com: requests for other hosts are served over plain HTTP',
        '/spec/rules/1',
      ],
    ]);
    expect(scan.findings[0]?.location.line).toBe(7);
  });

  it('reports a default backend that answers hosts no tls entry names', async () => {
    const scan = await scanYaml(rule, `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: fallback, namespace: shop}
spec:
  tls: [{hosts: [shop.example.com], secretName: tls}]
  defaultBackend: {service: {name: web, port: {number: 80}}}
  rules:
    - host: shop.example.com
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: fallback-all-hosts, namespace: shop}
spec:
  tls: [{secretName: wildcard}]
  defaultBackend: {service: {name: web, port: {number: 80}}}
`);
    expect(scan.findings.map((f) => [f.resource.name, f.message, f.location.path])).toEqual([
      ['fallback', 'Ingress "shop/fallback" has a default backend, and its tls entries cover only shop.example.com: requests for other hosts reach it over plain HTTP', '/spec/defaultBackend'],
    ]);
  });
});
