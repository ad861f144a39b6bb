import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('apiserver-tls', () => {
  it('names the missing flags of each connection in one finding', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver, namespace: kube-system}
spec:
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.31.0
      command: [kube-apiserver, --tls-cert-file=/pki/apiserver.crt, --etcd-keyfile=]
`);
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.severity])).toEqual([
      ['kube-apiserver (container "kube-apiserver") does not set --tls-private-key-file', 'medium'],
      ['kube-apiserver (container "kube-apiserver") does not set --client-ca-file', 'medium'],
      ['kube-apiserver (container "kube-apiserver") does not set --etcd-certfile and --etcd-keyfile', 'high'],
      ['kube-apiserver (container "kube-apiserver") does not set --etcd-cafile', 'high'],
      ['kube-apiserver (container "kube-apiserver") does not set --kubelet-client-certificate and --kubelet-client-key', 'high'],
      ['kube-apiserver (container "kube-apiserver") does not set --kubelet-certificate-authority', 'medium'],
    ]);
  });
});
