import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('etcd-client-cert-auth', () => {
  it('reports each unsafe setting with its own severity', async () => {
    const scan = await scanYaml(rule, staticPod('etcd', ['--peer-client-cert-auth=true', '--auto-tls=true']));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.severity, f.location.path])).toEqual([
      ['etcd (container "etcd") does not set --client-cert-auth (default false)', 'critical', '/spec/containers/0/command'],
      ['etcd (container "etcd") sets --auto-tls=true', 'medium', '/spec/containers/0/command/2'],
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
      env: { ETCD_CLIENT_CERT_AUTH: 'true', ETCD_PEER_CLIENT_CERT_AUTH: 'true', ETCD_AUTO_TLS: 'true', ETCD_PEER_AUTO_TLS: 'true' },
    }));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['etcd (container "etcd") sets --auto-tls=true', '/spec/containers/0/env/2/value'],
    ]);
  });
});
