import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { controlPlanePod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('control-plane-profiling', () => {
  it('names the component and leaves kube-apiserver to its own rule', async () => {
    const scan = await scanYaml(rule, controlPlanePod([
      { component: 'kube-apiserver', name: 'apiserver' },
      { component: 'kube-scheduler', name: 'scheduler', flags: ['--profiling'] },
    ], { name: 'control-plane' }));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['kube-scheduler (container "scheduler") sets --profiling=true', '/spec/containers/1/command/1'],
    ]);
  });
});
