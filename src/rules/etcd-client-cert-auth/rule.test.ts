import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('etcd-client-cert-auth', () => {
  it('reports each unsafe setting with its own severity', async () => {
    const scan = await scanYaml(rule, staticPod('etcd', ['--peer-client-cert-auth=true', '--peer-trusted-ca-file=/pki/ca.crt', '--auto-tls=true']));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.severity, f.location.path])).toEqual([
      ['etcd (container "etcd") does not set --client-cert-auth (default false)', 'critical', '/spec/containers/0/command'],
      ['etcd (container "etcd") sets --auto-tls=true', 'medium', '/spec/containers/0/command/3'],
    ]);
  });

  it('skips etcd configured by file', async () => {
    const scan = await scanYaml(rule, staticPod('etcd', ['--config-file=/etc/etcd.yaml'], { image: 'quay.io/coreos/etcd:v3.5.15' }));
    expect(scan.findings).toEqual([]);
    expect(scan.summary.counts.skip).toBe(1);
  });

  it('reads ETCD_* environment variables as etcd does, with command-line flags taking precedence', async () => {
    const scan = await scanYaml(rule, staticPod('etcd', ['--peer-auto-tls=false'], {
      image: 'quay.io/coreos/etcd:v3.5.15',
      env: {
        ETCD_CLIENT_CERT_AUTH: 'true', ETCD_PEER_CLIENT_CERT_AUTH: 'true', ETCD_AUTO_TLS: 'true', ETCD_PEER_AUTO_TLS: 'true',
        ETCD_TRUSTED_CA_FILE: '/pki/ca.crt', ETCD_PEER_TRUSTED_CA_FILE: '/pki/ca.crt',
      },
    }));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['etcd (container "etcd") sets --auto-tls=true', '/spec/containers/0/env/2/value'],
    ]);
  });

  it('reads client-certificate checks as etcd\'s TLS layer does: a trusted CA file alone requires them, the flag without one trusts the system roots', async () => {
    const judge = async (...flags: string[]): Promise<string[][]> =>
      (await scanYaml(rule, staticPod('etcd', flags))).findings.map((f) => [f.message.split(':')[0] ?? '', f.severity]);
    expect(await judge('--client-cert-auth=true', '--peer-client-cert-auth=true', '--peer-trusted-ca-file=/pki/ca.crt')).toEqual([
      ['etcd (container "etcd") sets --client-cert-auth=true without --trusted-ca-file', 'high'],
    ]);
    expect(await judge('--trusted-ca-file=/pki/ca.crt', '--peer-trusted-ca-file=/pki/ca.crt')).toEqual([
      ['etcd (container "etcd") does not set --client-cert-auth (default false), though --trusted-ca-file already makes etcd require client certificates signed by that CA', 'low'],
      ['etcd (container "etcd") does not set --peer-client-cert-auth (default false), though --peer-trusted-ca-file already makes etcd require peer certificates signed by that CA', 'low'],
    ]);
  });
});
