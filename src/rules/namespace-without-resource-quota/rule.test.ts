import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
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
});
