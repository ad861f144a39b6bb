import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('apiserver-encryption-at-rest', () => {
  it('finds an apiserver image run with args only', async () => {
    const scan = await scanYaml(rule, `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: kube-apiserver, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: kube-apiserver}}
  template:
    metadata: {labels: {k8s-app: kube-apiserver}}
    spec:
      containers:
        - name: apiserver
          image: registry.k8s.io/kube-apiserver-amd64:v1.31.0
          args: ["--authorization-mode=Node,RBAC"]
`);
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['kube-apiserver (container "apiserver") does not set --encryption-provider-config', '/spec/template/spec/containers/0/args'],
    ]);
  });
});
