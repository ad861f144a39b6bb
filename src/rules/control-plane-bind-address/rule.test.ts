import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('control-plane-bind-address', () => {
  it('points at the flag, the last occurrence winning', async () => {
    const scan = await scanYaml(rule, staticPod('kube-scheduler', ['--bind-address=127.0.0.1', '--bind-address=10.0.0.5']));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['kube-scheduler (container "kube-scheduler") sets --bind-address=10.0.0.5', '/spec/containers/0/command/2'],
    ]);
  });
});
