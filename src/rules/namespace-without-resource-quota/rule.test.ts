import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('namespace-without-resource-quota', () => {
  it('does not count a quota of another namespace', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Pod
metadata: {name: app, namespace: shop}
spec: {containers: [{name: a, image: nginx}]}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: compute, namespace: other}
spec: {hard: {pods: "10"}}
`);
    expect(scan.findings.map((f) => [f.resource.name, f.location.path])).toEqual([['app', '/metadata/namespace']]);
  });

  it('does not count quotas that cap no CPU or memory, and names what they leave open', async () => {
    const scan = await scanFixtures(rule, ['fail/count-only-quota.yaml']);
    expect(scan.findings.map((f) => [f.resource.name, f.message, f.location.path])).toEqual([
      [
        'fail-counts-only',
        'namespace "fail-counts-only" runs workloads but its ResourceQuota "objects" caps no cpu or memory in spec.hard (only object counts or other resources): one compromised or runaway workload can consume the cluster\'s capacity',
        '/metadata/name',
      ],
    ]);
  });
});
