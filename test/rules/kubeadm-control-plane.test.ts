/**
 * Control-plane flags where kubeadm and Cluster API users keep them: a kubeadm ClusterConfiguration
 * (v1beta3 extraArgs as a map, v1beta4 as a list of {name, value}) and a Cluster API
 * KubeadmControlPlane. The components are judged as kubeadm starts them: its own default flags,
 * each replaced by the extraArgs entries naming it.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { scanYaml } from '../support/rule-harness.js';
import { scan } from '../../src/sdk/scan.js';
import { rule as anonymousAuth } from '../../src/rules/apiserver-anonymous-auth/rule.js';
import { rule as authorizationMode } from '../../src/rules/apiserver-authorization-mode/rule.js';
import { rule as admissionPlugins } from '../../src/rules/apiserver-admission-plugins/rule.js';
import { rule as recommendedPlugins } from '../../src/rules/apiserver-recommended-admission-plugins/rule.js';
import { rule as apiserverTls } from '../../src/rules/apiserver-tls/rule.js';
import { rule as profiling } from '../../src/rules/control-plane-profiling/rule.js';
import { rule as apiserverProfiling } from '../../src/rules/apiserver-profiling/rule.js';
import { rule as bindAddress } from '../../src/rules/control-plane-bind-address/rule.js';
import { rule as etcdClientCertAuth } from '../../src/rules/etcd-client-cert-auth/rule.js';
import { rule as etcdUniqueCa } from '../../src/rules/etcd-unique-ca/rule.js';
import { rule as serviceAccountCredentials } from '../../src/rules/controller-manager-service-account-credentials/rule.js';
import { rule as insecurePort } from '../../src/rules/apiserver-insecure-port/rule.js';

const at = (findings: readonly { message: string; location: { path: string; line: number } }[]): [string, string, number][] =>
  findings.map((f) => [f.message.split(':')[0] ?? '', f.location.path, f.location.line]);

const V1BETA3_DEFAULTS = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
kubernetesVersion: v1.31.0
networking:
  podSubnet: 10.244.0.0/16
`;

describe('kubeadm ClusterConfiguration', () => {
  it('judges the flags kubeadm sets by default: anonymous auth on, Node,RBAC, NodeRestriction, controller credentials, loopback binds', async () => {
    const anonymous = await scanYaml(anonymousAuth, V1BETA3_DEFAULTS);
    expect(at(anonymous.findings)).toEqual([
      ['kube-apiserver (kubeadm\'s default flags) does not set --anonymous-auth (default true)', '', 1],
    ]);
    expect(anonymous.summary.counts).toMatchObject({ fail: 1, skip: 0 });
    for (const clean of [authorizationMode, admissionPlugins, bindAddress, etcdClientCertAuth, etcdUniqueCa, serviceAccountCredentials, insecurePort]) {
      const result = await scanYaml(clean, V1BETA3_DEFAULTS);
      expect([clean.id, result.findings.map((f) => f.message)]).toEqual([clean.id, []]);
      expect([clean.id, result.summary.counts.pass]).toEqual([clean.id, 1]);
    }
    const tls = await scanYaml(apiserverTls, V1BETA3_DEFAULTS);
    expect(tls.findings.map((f) => f.message.split(':')[0])).toEqual([
      'kube-apiserver (kubeadm\'s default flags) does not set --kubelet-certificate-authority',
    ]);
    // A finding decided by kubeadm's own --enable-admission-plugins=NodeRestriction says so.
    expect((await scanYaml(recommendedPlugins, V1BETA3_DEFAULTS)).findings.map((f) => f.message.split(':')[0])).toContain(
      'kube-apiserver (kubeadm\'s default flags) does not enable the EventRateLimit admission plugin',
    );
    // kubeadm leaves --profiling at its default (true) on the controller manager and the scheduler.
    expect((await scanYaml(profiling, V1BETA3_DEFAULTS)).findings.map((f) => f.message.split(' ')[0])).toEqual(['kube-controller-manager', 'kube-scheduler']);
  });

  it('reads v1beta3 extraArgs (a map) and points at the entry that decides', async () => {
    const yaml = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
apiServer:
  extraArgs:
    anonymous-auth: "false"
    authorization-mode: AlwaysAllow
    enable-admission-plugins: AlwaysAdmit
controllerManager:
  extraArgs:
    bind-address: 0.0.0.0
`;
    expect((await scanYaml(anonymousAuth, yaml)).findings).toEqual([]);
    expect(at((await scanYaml(authorizationMode, yaml)).findings)).toEqual([
      ['kube-apiserver (apiServer.extraArgs) runs with --authorization-mode=AlwaysAllow', '/apiServer/extraArgs/authorization-mode', 6],
    ]);
    // enable-admission-plugins in extraArgs replaces kubeadm's NodeRestriction.
    const plugins = at((await scanYaml(admissionPlugins, yaml)).findings);
    expect(plugins.map(([, path, line]) => [path, line])).toEqual([
      ['/apiServer/extraArgs/enable-admission-plugins', 7],
      ['/apiServer/extraArgs/enable-admission-plugins', 7],
    ]);
    expect(at((await scanYaml(bindAddress, yaml)).findings)).toEqual([
      ['kube-controller-manager (controllerManager.extraArgs) sets --bind-address=0.0.0.0', '/controllerManager/extraArgs/bind-address', 10],
    ]);
  });

  it('says when extraArgs replaced the kubeadm default that held NodeRestriction or Node,RBAC', async () => {
    const yaml = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
apiServer:
  extraArgs:
    enable-admission-plugins: EventRateLimit
    authorization-mode: RBAC
`;
    expect((await scanYaml(admissionPlugins, yaml)).findings.map((f) => f.message.split(':')[0])).toEqual([
      'kube-apiserver (apiServer.extraArgs) does not enable the NodeRestriction admission plugin (apiServer.extraArgs replaces kubeadm\'s --enable-admission-plugins=NodeRestriction)',
    ]);
    expect((await scanYaml(authorizationMode, yaml)).findings.map((f) => f.message.split(':')[0])).toEqual([
      'kube-apiserver (apiServer.extraArgs) runs with --authorization-mode=RBAC without Node (apiServer.extraArgs replaces kubeadm\'s --authorization-mode=Node,RBAC)',
    ]);
  });

  it('reads v1beta4 extraArgs (a list) in the order kubeadm writes them: sorted by name, then value', async () => {
    const yaml = `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
apiServer:
  extraArgs:
    - name: anonymous-auth
      value: "true"
    - name: anonymous-auth
      value: "false"
    - name: enable-admission-plugins
      value: NodeRestriction
    - name: enable-admission-plugins
      value: EventRateLimit,AlwaysPullImages
`;
    // kubeadm puts --anonymous-auth=false before --anonymous-auth=true: the last one, true, wins.
    expect(at((await scanYaml(anonymousAuth, yaml)).findings)).toEqual([
      ['kube-apiserver (apiServer.extraArgs) sets --anonymous-auth=true', '/apiServer/extraArgs/0/value', 6],
    ]);
    // Both --enable-admission-plugins occurrences count: the slice appends.
    const recommended = await scanYaml(recommendedPlugins, yaml);
    expect(recommended.findings.map((f) => f.message).filter((m) => /EventRateLimit|AlwaysPullImages/.test(m) && m.includes('does not enable'))).toEqual([]);
    expect((await scanYaml(admissionPlugins, yaml)).findings).toEqual([]);
  });

  it('reads no flag from a malformed extraArgs entry (no name, a nested value) instead of inventing an empty one', async () => {
    const yaml = `apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
scheduler:
  extraArgs:
    - null
    - {value: x}
    - {name: bind-address, value: {nested: true}}
controllerManager:
  extraArgs: "bind-address=0.0.0.0"
`;
    expect((await scanYaml(bindAddress, yaml)).findings).toEqual([]);
  });

  it('knows kubeadm closed the insecure port itself (--insecure-port=0) before Kubernetes 1.24 removed the flag', async () => {
    const old = (await scanYaml(insecurePort, 'apiVersion: kubeadm.k8s.io/v1beta2\nkind: ClusterConfiguration\nkubernetesVersion: v1.19.4\n'));
    expect(old.findings).toEqual([]);
    expect(old.summary.counts.pass).toBe(1);
    const opened = (await scanYaml(insecurePort, 'apiVersion: kubeadm.k8s.io/v1beta2\nkind: ClusterConfiguration\nkubernetesVersion: v1.19.4\napiServer:\n  extraArgs:\n    insecure-port: "8080"\n'));
    expect(at(opened.findings).map(([, path, line]) => [path, line])).toEqual([['/apiServer/extraArgs/insecure-port', 6]]);
  });

  it('uses the external etcd settings for the API server and judges no etcd of its own', async () => {
    const yaml = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
etcd:
  external:
    endpoints: [https://10.0.0.5:2379]
`;
    const tls = await scanYaml(apiserverTls, yaml);
    expect(tls.findings.map((f) => f.message.split(':')[0] ?? '').filter((m) => m.includes('--etcd-'))).toEqual([
      'kube-apiserver (kubeadm\'s default flags) does not set --etcd-certfile and --etcd-keyfile',
      'kube-apiserver (kubeadm\'s default flags) does not set --etcd-cafile',
    ]);
    const etcd = await scanYaml(etcdClientCertAuth, yaml);
    expect(etcd.summary.counts).toMatchObject({ pass: 0, fail: 0, skip: 1 });
  });

  it('fails etcd-unique-ca when etcd.local.extraArgs makes etcd trust the cluster CA', async () => {
    const yaml = `apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
etcd:
  local:
    extraArgs:
      trusted-ca-file: /etc/kubernetes/pki/ca.crt
`;
    expect(at((await scanYaml(etcdUniqueCa, yaml)).findings).map(([, path, line]) => [path, line])).toEqual([['/etcd/local/extraArgs/trusted-ca-file', 6]]);
  });
});

describe('Cluster API KubeadmControlPlane', () => {
  it('judges spec.kubeadmConfigSpec.clusterConfiguration, located at the extraArgs entry', async () => {
    const yaml = `apiVersion: controlplane.cluster.x-k8s.io/v1beta1
kind: KubeadmControlPlane
metadata:
  name: prod-control-plane
  namespace: clusters
spec:
  version: v1.30.2
  replicas: 3
  kubeadmConfigSpec:
    clusterConfiguration:
      apiServer:
        extraArgs:
          anonymous-auth: "true"
`;
    expect(at((await scanYaml(anonymousAuth, yaml)).findings)).toEqual([
      ['kube-apiserver (spec.kubeadmConfigSpec.clusterConfiguration.apiServer.extraArgs) sets --anonymous-auth=true', '/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/extraArgs/anonymous-auth', 13],
    ]);
  });

  it('judges kubeadm\'s defaults when the object gives no clusterConfiguration (Cluster API v1beta2 list form too)', async () => {
    const bare = `apiVersion: controlplane.cluster.x-k8s.io/v1beta1
kind: KubeadmControlPlane
metadata: {name: bare, namespace: clusters}
spec:
  version: v1.30.2
  kubeadmConfigSpec: {}
`;
    expect(at((await scanYaml(anonymousAuth, bare)).findings).map(([, path, line]) => [path, line])).toEqual([['/spec/kubeadmConfigSpec', 6]]);
    const listed = `apiVersion: controlplane.cluster.x-k8s.io/v1beta2
kind: KubeadmControlPlane
metadata: {name: listed, namespace: clusters}
spec:
  version: v1.33.0
  kubeadmConfigSpec:
    clusterConfiguration:
      apiServer:
        extraArgs:
          - {name: profiling, value: "false"}
          - {name: anonymous-auth, value: "false"}
`;
    expect((await scanYaml(anonymousAuth, listed)).findings).toEqual([]);
    expect((await scanYaml(apiserverProfiling, listed)).findings).toEqual([]);
    expect((await scanYaml(apiserverProfiling, bare)).findings.map((f) => f.location.path)).toEqual(['/spec/kubeadmConfigSpec']);
  });
  it('judges the KubeadmControlPlaneTemplate a ClusterClass stamps control planes from', async () => {
    const yaml = `apiVersion: controlplane.cluster.x-k8s.io/v1beta1
kind: KubeadmControlPlaneTemplate
metadata: {name: cc-control-plane, namespace: clusters}
spec:
  template:
    spec:
      kubeadmConfigSpec:
        clusterConfiguration:
          controllerManager:
            extraArgs: {bind-address: 0.0.0.0}
`;
    expect(at((await scanYaml(bindAddress, yaml)).findings).map(([, path, line]) => [path, line])).toEqual([
      ['/spec/template/spec/kubeadmConfigSpec/clusterConfiguration/controllerManager/extraArgs/bind-address', 10],
    ]);
  });
});

describe('CIS Kubernetes compliance of a kubeadm configuration', () => {
  it('fails and passes the API server controls from the ClusterConfiguration instead of leaving them without input', async () => {
    const report = await scan({ paths: ['-'], stdin: Readable.from([V1BETA3_DEFAULTS]), framework: 'cis-kubernetes', now: new Date('2026-01-01T00:00:00Z') });
    const status = new Map(report.compliance?.controls.map((c) => [c.id, c.status]));
    expect(['1.2.1', '1.2.6', '1.2.7', '1.2.8', '1.2.14', '1.2.15', '1.3.2', '1.3.3', '1.3.7', '1.4.2', '2.2', '2.7'].map((id) => [id, status.get(id)])).toEqual([
      ['1.2.1', 'fail'],
      ['1.2.6', 'pass'],
      ['1.2.7', 'pass'],
      ['1.2.8', 'pass'],
      ['1.2.14', 'pass'],
      ['1.2.15', 'fail'],
      ['1.3.2', 'fail'],
      ['1.3.3', 'pass'],
      ['1.3.7', 'pass'],
      ['1.4.2', 'pass'],
      ['2.2', 'pass'],
      ['2.7', 'pass'],
    ]);
  });
});
