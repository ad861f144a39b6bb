import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('etcd-client-cert-auth', () => {
  it('reports each unsafe setting with its own severity', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Pod
metadata: {name: etcd, namespace: kube-system}
spec:
  containers:
    - name: etcd
      image: registry.k8s.io/etcd:3.5.15-0
      command: [etcd, --peer-client-cert-auth=true, --auto-tls=true]
`);
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.severity, f.location.path])).toEqual([
      ['etcd (container "etcd") does not set --client-cert-auth (default false)', 'critical', '/spec/containers/0/command'],
      ['etcd (container "etcd") sets --auto-tls=true', 'medium', '/spec/containers/0/command/2'],
    ]);
  });

  it('skips etcd configured by file', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Pod
metadata: {name: etcd, namespace: kube-system}
spec:
  containers:
    - {name: etcd, image: quay.io/coreos/etcd:v3.5.15, command: [etcd, --config-file=/etc/etcd.yaml]}
`);
    expect(scan.findings).toEqual([]);
    expect(scan.summary.counts.skip).toBe(1);
  });

  it('reads ETCD_* environment variables as etcd does, with command-line flags taking precedence', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Pod
metadata: {name: etcd, namespace: kube-system}
spec:
  containers:
    - name: etcd
      image: quay.io/coreos/etcd:v3.5.15
      command: [etcd, --peer-auto-tls=false]
      env:
        - {name: ETCD_CLIENT_CERT_AUTH, value: "true"}
        - {name: ETCD_PEER_CLIENT_CERT_AUTH, value: "true"}
        - {name: ETCD_AUTO_TLS, value: "true"}
        - {name: ETCD_PEER_AUTO_TLS, value: "true"}
`);
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['etcd (container "etcd") sets --auto-tls=true', '/spec/containers/0/env/2/value'],
    ]);
  });
});
