import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('apiserver-profiling', () => {
  it('finds kube-apiserver run through hyperkube', async () => {
    const scan = await scanYaml(rule, staticPod('kube-apiserver', ['--profiling=true'], { name: 'apiserver', image: 'k8s.gcr.io/hyperkube:v1.18.0', command: ['/hyperkube', 'apiserver'] }));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['kube-apiserver (container "apiserver") sets --profiling=true', '/spec/containers/0/command/2'],
    ]);
  });
});
