import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('control-plane-profiling', () => {
  it('names the component and leaves kube-apiserver to its own rule', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Pod
metadata: {name: control-plane, namespace: kube-system}
spec:
  containers:
    - {name: apiserver, image: registry.k8s.io/kube-apiserver:v1.31.0, command: [kube-apiserver]}
    - {name: scheduler, image: registry.k8s.io/kube-scheduler:v1.31.0, command: [kube-scheduler, --profiling]}
`);
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['kube-scheduler (container "scheduler") sets --profiling=true', '/spec/containers/1/command/1'],
    ]);
  });
});
