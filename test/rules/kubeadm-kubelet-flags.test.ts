/**
 * Kubelet flags where kubeadm and Cluster API users keep them: nodeRegistration.kubeletExtraArgs of
 * a kubeadm InitConfiguration or JoinConfiguration, and of the init/join configurations a Cluster
 * API KubeadmControlPlane, KubeadmConfig or KubeadmConfigTemplate carries. kubeadm writes them into
 * /var/lib/kubelet/kubeadm-flags.env, and a kubelet flag overrides its configuration file.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { scanYaml } from '../support/rule-harness.js';
import { scan } from '../../src/sdk/scan.js';
import { rule } from '../../src/rules/kubelet-config/rule.js';

const at = (findings: readonly { message: string; location: { path: string; line: number } }[]): [string, string, number][] =>
  findings.map((f) => [f.message.split(':')[0] ?? '', f.location.path, f.location.line]);

describe('kubelet flags in kubeadm configurations', () => {
  it('judges InitConfiguration kubeletExtraArgs (v1beta3 map), each finding at its entry', async () => {
    const yaml = `apiVersion: kubeadm.k8s.io/v1beta3
kind: InitConfiguration
nodeRegistration:
  kubeletExtraArgs:
    anonymous-auth: "true"
    read-only-port: "10255"
    hostname-override: node-a
    cgroup-driver: systemd
`;
    const flags = (await scanYaml(rule, yaml)).findings.filter((f) => f.message.includes('passes the kubelet'));
    expect(at(flags)).toEqual([
      ['InitConfiguration passes the kubelet --anonymous-auth=true in nodeRegistration.kubeletExtraArgs', '/nodeRegistration/kubeletExtraArgs/anonymous-auth', 5],
      ['InitConfiguration passes the kubelet --read-only-port=10255 in nodeRegistration.kubeletExtraArgs', '/nodeRegistration/kubeletExtraArgs/read-only-port', 6],
      ['InitConfiguration passes the kubelet --hostname-override=node-a in nodeRegistration.kubeletExtraArgs', '/nodeRegistration/kubeletExtraArgs/hostname-override', 7],
    ]);
  });

  it('reads v1beta4 lists in the order kubeadm writes them, and skips an object whose flags are all safe', async () => {
    const yaml = `apiVersion: kubeadm.k8s.io/v1beta4
kind: JoinConfiguration
nodeRegistration:
  kubeletExtraArgs:
    - name: authorization-mode
      value: Webhook
    - name: authorization-mode
      value: AlwaysAllow
    - name: rotate-certificates
      value: "false"
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: JoinConfiguration
nodeRegistration:
  kubeletExtraArgs:
    - {name: anonymous-auth, value: "false"}
    - {name: read-only-port, value: "0"}
    - {name: streaming-connection-idle-timeout, value: 5m}
`;
    const result = await scanYaml(rule, yaml);
    // Sorted by value, Webhook comes after AlwaysAllow: the kubelet runs with Webhook.
    expect(at(result.findings)).toEqual([
      ['JoinConfiguration passes the kubelet --rotate-certificates=false in nodeRegistration.kubeletExtraArgs', '/nodeRegistration/kubeletExtraArgs/2/value', 10],
    ]);
    // Safe flags alone say nothing of the kubelet's configuration: a skip, so a compliance section
    // does not count the kubelet controls as passed on their account.
    expect(result.summary.counts).toMatchObject({ fail: 1, pass: 0, skip: 1 });
  });

  it('warns about a value the kubelet refuses, and skips a configuration with no kubelet flags', async () => {
    const result = await scanYaml(rule, `apiVersion: kubeadm.k8s.io/v1beta3
kind: JoinConfiguration
nodeRegistration:
  kubeletExtraArgs:
    anonymous-auth: "no"
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: JoinConfiguration
nodeRegistration:
  name: node-a
`);
    expect(result.findings.map((f) => [f.status, f.message.split(':')[0]])).toEqual([
      ['warn', 'JoinConfiguration passes the kubelet --anonymous-auth=no in nodeRegistration.kubeletExtraArgs, which is not a valid value'],
    ]);
    expect(result.summary.counts).toMatchObject({ warn: 1, skip: 1, pass: 0 });
  });

  it('judges Cluster API KubeadmControlPlane and KubeadmConfigTemplate kubelet flags', async () => {
    const yaml = `apiVersion: controlplane.cluster.x-k8s.io/v1beta1
kind: KubeadmControlPlane
metadata: {name: cp, namespace: clusters}
spec:
  kubeadmConfigSpec:
    initConfiguration:
      nodeRegistration:
        kubeletExtraArgs:
          cloud-provider: external
    joinConfiguration:
      nodeRegistration:
        kubeletExtraArgs:
          make-iptables-util-chains: "false"
---
apiVersion: bootstrap.cluster.x-k8s.io/v1beta2
kind: KubeadmConfigTemplate
metadata: {name: workers, namespace: clusters}
spec:
  template:
    spec:
      joinConfiguration:
        nodeRegistration:
          kubeletExtraArgs:
            - {name: tls-cipher-suites, value: "TLS_RSA_WITH_AES_128_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}
            - {name: feature-gates, value: "RotateKubeletServerCertificate=false"}
`;
    const flags = (await scanYaml(rule, yaml)).findings.filter((f) => f.message.includes('passes the kubelet'));
    expect(at(flags)).toEqual([
      ['KubeadmConfigTemplate "workers" passes the kubelet --feature-gates=RotateKubeletServerCertificate=false in spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs', '/spec/template/spec/joinConfiguration/nodeRegistration/kubeletExtraArgs/1/value', 25],
      ['KubeadmConfigTemplate "workers" passes the kubelet --tls-cipher-suites=TLS_RSA_WITH_AES_128_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 in spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs, which allows weak TLS cipher suites TLS_RSA_WITH_AES_128_CBC_SHA', '/spec/template/spec/joinConfiguration/nodeRegistration/kubeletExtraArgs/0/value', 24],
      ['KubeadmControlPlane "cp" passes the kubelet --make-iptables-util-chains=false in spec.kubeadmConfigSpec.joinConfiguration.nodeRegistration.kubeletExtraArgs', '/spec/kubeadmConfigSpec/joinConfiguration/nodeRegistration/kubeletExtraArgs/make-iptables-util-chains', 13],
    ]);
  });

  it('automates CIS 4.2.7 (--hostname-override) from kubelet flags', async () => {
    const report = await scan({
      paths: ['-'],
      stdin: Readable.from([`apiVersion: kubeadm.k8s.io/v1beta3
kind: JoinConfiguration
nodeRegistration:
  kubeletExtraArgs:
    hostname-override: node-a
    anonymous-auth: "true"
`]),
      framework: 'cis-kubernetes',
      now: new Date('2026-01-01T00:00:00Z'),
    });
    const status = new Map(report.compliance?.controls.map((c) => [c.id, c.status]));
    expect(['4.2.1', '4.2.4', '4.2.7'].map((id) => [id, status.get(id)])).toEqual([
      ['4.2.1', 'fail'],
      ['4.2.4', 'pass'],
      ['4.2.7', 'fail'],
    ]);
  });

  it('reads a KubeletConfiguration given to kubeadm init with the defaults kubeadm fills in: the cluster CA, certificate rotation', async () => {
    const yaml = `apiVersion: kubeadm.k8s.io/v1beta4
kind: InitConfiguration
---
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
certificatesDir: /etc/pki/k8s
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
rotateCertificates: false
protectKernelDefaults: true
serverTLSBootstrap: true
podPidsLimit: 4096
`;
    // kubeadm sets clientCAFile to <certificatesDir>/ca.crt when empty and forces rotateCertificates to true.
    expect((await scanYaml(rule, yaml)).findings.map((f) => f.message)).toEqual([]);
    // The same file given to the kubelet directly (no kubeadm object beside it) is judged as written.
    const alone = await scanYaml(rule, yaml.split('---\n')[2] ?? '');
    expect(alone.findings.map((f) => f.message.split(':')[0])).toEqual([
      'KubeletConfiguration "KubeletConfiguration" does not set authentication.x509.clientCAFile',
      'KubeletConfiguration "KubeletConfiguration" does not set rotateCertificates',
    ]);
  });

  it('judges the KubeletConfiguration kubeadm init writes by default when the input gives none', async () => {
    const yaml = `apiVersion: controlplane.cluster.x-k8s.io/v1beta1
kind: KubeadmControlPlane
metadata: {name: cp, namespace: clusters}
spec:
  version: v1.32.0
  kubeadmConfigSpec:
    initConfiguration:
      nodeRegistration:
        kubeletExtraArgs:
          pod-max-pids: "4096"
          rotate-server-certificates: "true"
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: InitConfiguration
metadata: {name: bare-init}
`;
    const result = await scanYaml(rule, yaml);
    expect(at(result.findings)).toEqual([
      ['InitConfiguration "bare-init" gets kubeadm\'s default KubeletConfiguration, which does not set protectKernelDefaults', '', 13],
      ['InitConfiguration "bare-init" gets kubeadm\'s default KubeletConfiguration, which sets neither tlsCertFile and tlsPrivateKeyFile nor serverTLSBootstrap', '', 13],
      ['InitConfiguration "bare-init" gets kubeadm\'s default KubeletConfiguration, which does not set podPidsLimit', '', 13],
      ['KubeadmControlPlane "cp" gets kubeadm\'s default KubeletConfiguration, which does not set protectKernelDefaults', '/spec/kubeadmConfigSpec/initConfiguration', 7],
    ]);
    // A worker's kubelet takes its configuration from the cluster: nothing to judge without flags.
    const join = await scanYaml(rule, 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: JoinConfiguration\n');
    expect(join.summary.counts).toMatchObject({ skip: 1, pass: 0, fail: 0 });
  });

  it('judges the KubeletConfiguration kubeadm keeps for every node in the kube-system/kubelet-config ConfigMap (a live cluster or a dump)', async () => {
    const yaml = `apiVersion: v1
kind: ConfigMap
metadata: {name: kubelet-config, namespace: kube-system}
data:
  kubelet: |
    apiVersion: kubelet.config.k8s.io/v1beta1
    kind: KubeletConfiguration
    authentication:
      anonymous: {enabled: false}
      webhook: {enabled: true}
      x509: {clientCAFile: /etc/kubernetes/pki/ca.crt}
    authorization: {mode: Webhook}
    readOnlyPort: 10255
    rotateCertificates: true
    protectKernelDefaults: true
    serverTLSBootstrap: true
    podPidsLimit: 4096
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-settings, namespace: shop}
data:
  kubelet: "not a kubelet configuration"
`;
    const result = await scanYaml(rule, yaml);
    expect(at(result.findings)).toEqual([
      ['the KubeletConfiguration in ConfigMap "kube-system/kubelet-config" (key kubelet) opens the read-only port 10255', '/data/kubelet', 5],
    ]);
    expect(result.summary.counts).toMatchObject({ fail: 1, skip: 1, pass: 0 });
  });

  it('warns where kubeadm refuses the kubelet flags: the other API version\'s shape, an unquoted value', async () => {
    const yaml = `apiVersion: kubeadm.k8s.io/v1beta4
kind: JoinConfiguration
nodeRegistration:
  kubeletExtraArgs:
    node-ip: 10.0.0.4
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: JoinConfiguration
nodeRegistration:
  kubeletExtraArgs:
    - {name: node-ip, value: 10.0.0.4}
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: JoinConfiguration
nodeRegistration:
  kubeletExtraArgs:
    protect-kernel-defaults: true
`;
    const result = await scanYaml(rule, yaml);
    expect(result.findings.map((f) => [f.status, f.message.split(':')[0], f.location.path, f.location.line])).toEqual([
      ['warn', 'JoinConfiguration gives nodeRegistration.kubeletExtraArgs as a map, which kubeadm.k8s.io/v1beta4 refuses (it takes a list of {name, value})', '/nodeRegistration/kubeletExtraArgs', 4],
      ['warn', 'JoinConfiguration gives nodeRegistration.kubeletExtraArgs as a list, which kubeadm.k8s.io/v1beta3 refuses (it takes a map of names to values)', '/nodeRegistration/kubeletExtraArgs', 10],
      ['warn', 'JoinConfiguration gives the kubelet flag protect-kernel-defaults the unquoted value true in nodeRegistration.kubeletExtraArgs, which kubeadm refuses (its values are strings)', '/nodeRegistration/kubeletExtraArgs/protect-kernel-defaults', 17],
    ]);
  });
});
