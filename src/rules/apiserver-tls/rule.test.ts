import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('apiserver-tls', () => {
  it('names the missing flags of each connection in one finding', async () => {
    const scan = await scanYaml(rule, staticPod('kube-apiserver', ['--tls-cert-file=/pki/apiserver.crt', '--etcd-keyfile=']));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.severity])).toEqual([
      ['kube-apiserver (container "kube-apiserver") does not set --tls-private-key-file', 'medium'],
      ['kube-apiserver (container "kube-apiserver") does not set --client-ca-file', 'medium'],
      ['kube-apiserver (container "kube-apiserver") does not set --etcd-certfile and --etcd-keyfile', 'high'],
      ['kube-apiserver (container "kube-apiserver") does not set --etcd-cafile', 'high'],
      ['kube-apiserver (container "kube-apiserver") does not set --kubelet-client-certificate and --kubelet-client-key', 'high'],
      ['kube-apiserver (container "kube-apiserver") does not set --kubelet-certificate-authority', 'medium'],
    ]);
  });

  /** An API server that sets every required TLS flag (arguments 1-9), then `protocol` (from argument 10 on). */
  const withRequiredFlags = (...protocol: string[]): string => staticPod('kube-apiserver', [
    '--tls-cert-file=/a', '--tls-private-key-file=/b', '--client-ca-file=/c', '--etcd-certfile=/d', '--etcd-keyfile=/e', '--etcd-cafile=/f',
    '--kubelet-client-certificate=/g', '--kubelet-client-key=/h', '--kubelet-certificate-authority=/i',
    ...protocol,
  ]);

  it('reports weak --tls-cipher-suites and a --tls-min-version below 1.2 (CIS 1.2.29)', async () => {
    const scan = await scanYaml(rule, withRequiredFlags('--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', '--tls-cipher-suites', 'TLS_RSA_WITH_RC4_128_SHA', '--tls-min-version=VersionTLS10'));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path, f.severity])).toEqual([
      ['kube-apiserver (container "kube-apiserver") allows weak TLS cipher suites TLS_RSA_WITH_RC4_128_SHA', '/spec/containers/0/command/12', 'medium'],
      ['kube-apiserver (container "kube-apiserver") sets --tls-min-version=VersionTLS10', '/spec/containers/0/command/13', 'medium'],
    ]);
  });

  it('accepts strong suites and TLS 1.2 or later', async () => {
    const scan = await scanYaml(rule, withRequiredFlags('--tls-cipher-suites=TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305', '--tls-min-version=VersionTLS13'));
    expect(scan.findings).toEqual([]);
  });

  it('judges suites by the list CIS 1.2.29 gives for the API server, not the kubelet\'s (4.2.12)', async () => {
    // The benchmark's own remediation value passes, forward-secret CBC suites included.
    const remediation = [
      'TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256',
      'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
      'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
      'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
      'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
    ];
    expect((await scanYaml(rule, withRequiredFlags(`--tls-cipher-suites=${remediation.join(',')}`))).findings).toEqual([]);
    // RSA key exchange has no forward secrecy: outside the API server's list although AEAD.
    const scan = await scanYaml(rule, withRequiredFlags('--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256'));
    expect(scan.findings.map((f) => f.message.split(':')[0])).toEqual([
      'kube-apiserver (container "kube-apiserver") allows weak TLS cipher suites TLS_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
    ]);
  });
});
