import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { controlPlanePod, staticPod } from '../../../test/support/static-pods.js';
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

  it('knows kube-scheduler ignores --profiling when --config is given', async () => {
    const judge = async (...flags: string[]): Promise<[string[][], number]> => {
      const scan = await scanYaml(rule, staticPod('kube-scheduler', flags));
      return [scan.findings.map((f) => [f.status, f.message.split(':')[0] ?? '', f.location.path]), scan.summary.counts.skip];
    };
    expect(await judge('--config=/etc/kubernetes/scheduler.yaml', '--profiling=false')).toEqual([[
      ['warn', 'kube-scheduler (container "kube-scheduler") sets --profiling=false, which kube-scheduler ignores because --config is given', '/spec/containers/0/command/2'],
    ], 0]);
    // enableProfiling in the file decides, and the file is not in the input.
    expect(await judge('--config=/etc/kubernetes/scheduler.yaml')).toEqual([[], 1]);
    expect(await judge('--config=/etc/kubernetes/scheduler.yaml', '--profiling=true')).toEqual([[], 1]);
  });
});
