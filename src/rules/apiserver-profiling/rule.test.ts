import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('apiserver-profiling', () => {
  it('finds kube-apiserver run through hyperkube', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver, namespace: kube-system}
spec:
  containers:
    - name: apiserver
      image: k8s.gcr.io/hyperkube:v1.18.0
      command: [/hyperkube, apiserver, --profiling=true]
`);
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['kube-apiserver (container "apiserver") sets --profiling=true', '/spec/containers/0/command/2'],
    ]);
  });
});
