import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const NAMESPACE = (labels: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: apps
  labels: {${labels}}
---
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: apps}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: registry.example.com/api:1.0
          ports:
            - {containerPort: 8080, hostPort: 8080}
`;

describe('pss-namespace-enforce', () => {
  it('quotes the admission controller denial for the namespace level and version', async () => {
    const scan = await scanYaml(rule, NAMESPACE('pod-security.kubernetes.io/enforce: baseline, pod-security.kubernetes.io/enforce-version: v1.30') + DEPLOYMENT);
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      [
        'namespace "apps" enforces baseline:v1.30, so every pod this Deployment creates would be rejected: violates PodSecurity "baseline:v1.30": hostPort (container "api" uses hostPort 8080)',
        '/spec/template/spec/containers/0/ports/0/hostPort',
      ],
    ]);
  });

  it('enforces restricted:latest when the labels are invalid, and says so', async () => {
    const scan = await scanYaml(rule, NAMESPACE('pod-security.kubernetes.io/enforce: Baseline, pod-security.kubernetes.io/enforce-version: "1.30"') + DEPLOYMENT);
    expect(scan.findings).toHaveLength(1);
    expect(scan.findings[0]?.message).toBe(
      'namespace "apps" has invalid pod-security labels (pod-security.kubernetes.io/enforce: "Baseline": must be one of privileged, baseline, restricted; ' +
        'pod-security.kubernetes.io/enforce-version: "1.30": must be "latest" or "v1.x"), which the admission controller enforces as restricted:latest, ' +
        'so every pod this Deployment creates would be rejected: violates PodSecurity "restricted:latest": hostPort (container "api" uses hostPort 8080), ' +
        'allowPrivilegeEscalation != false (container "api" must set securityContext.allowPrivilegeEscalation=false), ' +
        'unrestricted capabilities (container "api" must set securityContext.capabilities.drop=["ALL"]), ' +
        'runAsNonRoot != true (pod or container "api" must set securityContext.runAsNonRoot=true), ' +
        'seccompProfile (pod or container "api" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
  });

  it('applies the configured defaults and exemptions', async () => {
    const unlabelled = NAMESPACE('team: api') + DEPLOYMENT;
    expect((await scanYaml(rule, unlabelled)).findings).toEqual([]);
    const defaulted = await scanYaml(rule, unlabelled, { defaultLevel: 'baseline' });
    expect(defaulted.findings[0]?.message).toMatch(/^namespace "apps" defaults to baseline:latest, so every pod/);
    expect((await scanYaml(rule, unlabelled, { defaultLevel: 'baseline', exemptNamespaces: ['apps'] })).findings).toEqual([]);
  });

  it('skips workloads whose namespace is not in the input', async () => {
    const scan = await scanYaml(rule, DEPLOYMENT);
    expect(scan.findings).toEqual([]);
    expect(scan.summary.counts.skip).toBe(1);
  });
});
