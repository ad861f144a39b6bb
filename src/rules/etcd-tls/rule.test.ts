import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('etcd-tls', () => {
  it('reports plain-HTTP listeners outside loopback', async () => {
    const scan = await scanYaml(rule, staticPod('etcd', ['--cert-file=/s.crt', '--key-file=/s.key', '--peer-cert-file=/p.crt', '--peer-key-file=/p.key', '--listen-client-urls=http://127.0.0.1:2379,http://10.0.0.1:2379']));
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      ['etcd (container "etcd") listens on http://10.0.0.1:2379 (--listen-client-urls) without TLS', '/spec/containers/0/command/5'],
    ]);
  });
});
