import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES_DIR, describeRuleFixtures, scanFiles, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

/** Top-level fields of a KubeletConfiguration, as YAML text; undefined leaves a field out. */
type Fields = Readonly<Record<string, string | undefined>>;

/** A KubeletConfiguration that passes every check, with `fields` added or replaced. */
function kubelet(fields: Fields = {}): string {
  const merged: Fields = {
    authentication: '{x509: {clientCAFile: /etc/kubernetes/pki/ca.crt}}',
    protectKernelDefaults: 'true',
    rotateCertificates: 'true',
    serverTLSBootstrap: 'true',
    podPidsLimit: '1024',
    ...fields,
  };
  const lines = Object.entries(merged).flatMap(([key, value]) => (value === undefined ? [] : [`${key}: ${value}`]));
  return ['apiVersion: kubelet.config.k8s.io/v1beta1', 'kind: KubeletConfiguration', ...lines, ''].join('\n');
}

describe('kubelet-config', () => {
  it('reads a real kubelet config file, which has no metadata', async () => {
    const scan = await scanFiles(rule, [path.join(RULES_DIR, 'kubelet-config', 'testdata', 'config.yaml')]);
    expect(scan.problems).toEqual([]);
    expect(scan.findings.map((f) => [f.resource.name, f.message.split(':')[0], f.location.path, f.location.line])).toEqual([
      ['config.yaml', 'KubeletConfiguration "config.yaml" enables anonymous authentication', '/authentication/anonymous/enabled', 5],
      ['config.yaml', 'KubeletConfiguration "config.yaml" does not set authentication.x509.clientCAFile', '', 1],
      ['config.yaml', 'KubeletConfiguration "config.yaml" opens the read-only port 10255', '/readOnlyPort', 9],
      ['config.yaml', 'KubeletConfiguration "config.yaml" sets neither tlsCertFile and tlsPrivateKeyFile nor serverTLSBootstrap', '', 1],
      ['config.yaml', 'KubeletConfiguration "config.yaml" does not set podPidsLimit', '', 1],
    ]);
  });

  it('points at the object when a hardening field is missing', async () => {
    const scan = await scanYaml(rule, `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
rotateCertificates: false
`);
    expect(scan.findings.map((f) => [f.resource.name, f.location.path])).toEqual([
      ['KubeletConfiguration', ''],
      ['KubeletConfiguration', ''],
      ['KubeletConfiguration', '/rotateCertificates'],
      ['KubeletConfiguration', ''],
      ['KubeletConfiguration', ''],
    ]);
  });

  it('reports idle streams that never time out, iptables chains left to others, weak TLS cipher suites and TLS before 1.2 (CIS 4.2.5, 4.2.6, 4.2.12)', async () => {
    const scan = await scanYaml(rule, kubelet({
      streamingConnectionIdleTimeout: '0h0m0s',
      makeIPTablesUtilChains: 'false',
      tlsCipherSuites: '[TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA]',
      tlsMinVersion: 'VersionTLS11',
    }));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path, f.severity])).toEqual([
      ['KubeletConfiguration "KubeletConfiguration" sets streamingConnectionIdleTimeout to 0h0m0s', '/streamingConnectionIdleTimeout', 'medium'],
      ['KubeletConfiguration "KubeletConfiguration" sets makeIPTablesUtilChains', '/makeIPTablesUtilChains', 'low'],
      ['KubeletConfiguration "KubeletConfiguration" allows weak TLS cipher suites TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', '/tlsCipherSuites/1', 'medium'],
      ['KubeletConfiguration "KubeletConfiguration" sets tlsMinVersion to VersionTLS11', '/tlsMinVersion', 'medium'],
    ]);
  });

  it('keeps a non-zero idle timeout and strong cipher suites quiet', async () => {
    const scan = await scanYaml(rule, kubelet({
      streamingConnectionIdleTimeout: '5m0s',
      makeIPTablesUtilChains: 'true',
      tlsCipherSuites: '[TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305]',
      tlsMinVersion: 'VersionTLS12',
      featureGates: '{RotateKubeletServerCertificate: true}',
    }));
    expect(scan.findings).toEqual([]);
    expect(scan.summary.counts.pass).toBe(1);
  });

  it('reports server certificate rotation turned off and pods without a PID limit (CIS 4.2.11, 4.2.13)', async () => {
    const scan = await scanYaml(rule, kubelet({ featureGates: '{RotateKubeletServerCertificate: false}', podPidsLimit: '-1' }));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path, f.severity])).toEqual([
      ['KubeletConfiguration "KubeletConfiguration" turns off the RotateKubeletServerCertificate feature gate', '/featureGates/RotateKubeletServerCertificate', 'low'],
      ['KubeletConfiguration "KubeletConfiguration" sets podPidsLimit to -1', '/podPidsLimit', 'low'],
    ]);
  });

  it('reports a kubelet that cannot authenticate client certificates (CIS 4.2.3)', async () => {
    const scan = await scanYaml(rule, kubelet({ authentication: '{x509: {clientCAFile: ""}}' }));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path, f.severity])).toEqual([
      ['KubeletConfiguration "KubeletConfiguration" does not set authentication.x509.clientCAFile', '/authentication/x509/clientCAFile', 'medium'],
    ]);
  });

  it('reports a kubelet left to a self-signed serving certificate, and half a key pair (CIS 4.2.9)', async () => {
    const judge = async (fields: Fields): Promise<string[][]> =>
      (await scanYaml(rule, kubelet(fields))).findings.map((f) => [f.status, f.message.split(':')[0] ?? '', f.location.path]);
    expect(await judge({ serverTLSBootstrap: 'false' })).toEqual([
      ['fail', 'KubeletConfiguration "KubeletConfiguration" sets neither tlsCertFile and tlsPrivateKeyFile nor serverTLSBootstrap', '/serverTLSBootstrap'],
    ]);
    expect(await judge({ serverTLSBootstrap: undefined, tlsCertFile: '/var/lib/kubelet/pki/kubelet.crt' })).toEqual([
      ['warn', 'KubeletConfiguration "KubeletConfiguration" sets tlsCertFile without tlsPrivateKeyFile', '/tlsCertFile'],
    ]);
    expect(await judge({ serverTLSBootstrap: undefined, tlsCertFile: '/pki/kubelet.crt', tlsPrivateKeyFile: '/pki/kubelet.key' })).toEqual([]);
  });
});
