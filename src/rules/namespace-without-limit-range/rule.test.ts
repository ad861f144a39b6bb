import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanFixtures, scanYaml } from '../../../test/support/rule-harness.js';
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

  it('does not count a LimitRange that gives containers no default limit, and names what it lacks', async () => {
    const scan = await scanFixtures(rule, ['fail/storage-only-limit-range.yaml']);
    expect(scan.findings.map((f) => [f.resource.name, f.message, f.location.path])).toEqual([
      [
        'fail-storage-only',
        'namespace "fail-storage-only" runs workloads but its LimitRange "storage" gives containers no default cpu or memory limit (no type: Container default or max, no type: Pod max): containers without one can exhaust their node',
        '/metadata/name',
      ],
    ]);
  });

  it('names the one resource left without a default', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Pod
metadata: {name: app, namespace: shop}
spec: {containers: [{name: a, image: nginx}]}
---
apiVersion: v1
kind: LimitRange
metadata: {name: memory-only, namespace: shop}
spec: {limits: [{type: Container, default: {memory: 256Mi}, defaultRequest: {cpu: 100m}}]}
`);
    expect(scan.findings.map((f) => f.message)).toEqual([
      'namespace "shop" (of this Pod; the input has no Namespace object for it) runs workloads but its LimitRange "memory-only" gives containers no default cpu limit (no type: Container default or max, no type: Pod max): containers without one can exhaust their node',
    ]);
  });
});
