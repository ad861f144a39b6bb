import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const apiserver = (...flags: string[]): string => staticPod('kube-apiserver', flags);

describe('apiserver-authorization-mode', () => {
  it('reports AlwaysAllow as critical and alone', async () => {
    const scan = await scanYaml(rule, apiserver('--authorization-mode=AlwaysAllow'));
    expect(scan.findings.map((f) => [f.message, f.severity])).toEqual([
      ['kube-apiserver (container "kube-apiserver") runs with --authorization-mode=AlwaysAllow: every authenticated request is allowed, so any identity is cluster-admin', 'critical'],
    ]);
  });

  it('reports each missing mode', async () => {
    const scan = await scanYaml(rule, apiserver('--authorization-mode=Webhook'));
    expect(scan.findings.map((f) => f.message.split(':')[0])).toEqual([
      'kube-apiserver (container "kube-apiserver") runs with --authorization-mode=Webhook without Node',
      'kube-apiserver (container "kube-apiserver") runs with --authorization-mode=Webhook without RBAC',
    ]);
  });

  it('skips structured authorization configuration', async () => {
    const scan = await scanYaml(rule, apiserver('--authorization-config=/etc/kubernetes/authz.yaml'));
    expect(scan.findings).toEqual([]);
    expect(scan.summary.counts.skip).toBe(1);
  });
});
