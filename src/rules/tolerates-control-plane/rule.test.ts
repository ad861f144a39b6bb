import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('tolerates-control-plane', () => {
  it('tells a catch-all toleration from a control-plane one', async () => {
    const scan = await scanFixtures(rule, ['fail/tolerations.yaml']);
    expect(findingsFor(scan, 'fail-pod-catch-all').map((f) => [f.message, f.location.path])).toEqual([
      ['pod tolerates every taint, so it may be scheduled on control-plane nodes next to etcd and the API server', '/spec/tolerations/0'],
    ]);
    expect(findingsFor(scan, 'fail-daemonset-control-plane').map((f) => f.message)).toEqual([
      'pod tolerates the taint node-role.kubernetes.io/control-plane, so it may be scheduled on control-plane nodes next to etcd and the API server',
    ]);
  });

  it('leaves allowed namespaces alone', async () => {
    const scan = await scanFixtures(rule, ['fail/tolerations.yaml'], { allowNamespaces: ['monitoring', 'apps', 'batch'] });
    expect(scan.findings).toEqual([]);
  });
});
