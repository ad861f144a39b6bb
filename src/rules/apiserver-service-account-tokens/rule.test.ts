import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('apiserver-service-account-tokens', () => {
  it('reports the defaults that weaken token authentication', async () => {
    const scan = await scanYaml(rule, staticPod('kube-apiserver', ['--token-auth-file=/etc/tokens.csv']));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.severity, f.location.path])).toEqual([
      ['kube-apiserver (container "kube-apiserver") sets --token-auth-file', 'high', '/spec/containers/0/command/1'],
      ['kube-apiserver (container "kube-apiserver") does not set --service-account-extend-token-expiration (default true)', 'low', '/spec/containers/0/command'],
      ['kube-apiserver (container "kube-apiserver") does not set --service-account-key-file', 'medium', '/spec/containers/0/command'],
    ]);
  });
});
