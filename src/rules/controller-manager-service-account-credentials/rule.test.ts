import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('controller-manager-service-account-credentials', () => {
  it('reports each missing setting with its own severity', async () => {
    const scan = await scanYaml(rule, staticPod('kube-controller-manager', ['--use-service-account-credentials=false']));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.severity, f.location.path])).toEqual([
      ['kube-controller-manager (container "kube-controller-manager") sets --use-service-account-credentials=false', 'high', '/spec/containers/0/command/1'],
      ['kube-controller-manager (container "kube-controller-manager") does not set --root-ca-file', 'medium', '/spec/containers/0/command'],
      ['kube-controller-manager (container "kube-controller-manager") does not set --service-account-private-key-file', 'low', '/spec/containers/0/command'],
    ]);
  });
});
