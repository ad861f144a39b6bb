import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('namespace-without-limit-range', () => {
  it('says what a missing LimitRange allows', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Pod
metadata: {name: app, namespace: shop}
spec: {containers: [{name: a, image: nginx}]}
`);
    expect(scan.findings.map((f) => [f.resource.kind, f.message])).toEqual([
      ['Namespace', 'namespace "shop" runs workloads but has no LimitRange: containers without limits get no default and can exhaust their node'],
    ]);
  });
});
