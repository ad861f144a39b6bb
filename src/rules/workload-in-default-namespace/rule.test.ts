import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('workload-in-default-namespace', () => {
  it('tells an omitted namespace from an explicit default one', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Pod
metadata: {name: implicit}
spec: {containers: [{name: a, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata:
  name: explicit
  namespace: default
spec: {containers: [{name: a, image: nginx}]}
`);
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path, f.location.line])).toEqual([
      ['Pod "implicit" names no namespace, so it lands in "default"', '/metadata', 3],
      ['Pod "explicit" is in the "default" namespace', '/metadata/namespace', 10],
    ]);
  });
});
