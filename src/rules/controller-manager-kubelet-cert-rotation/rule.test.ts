import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const findings = async (...flags: string[]): Promise<string[][]> =>
  (await scanYaml(rule, staticPod('kube-controller-manager', flags))).findings.map((f) => [f.status, f.message.split(':')[0] ?? '', f.location.path]);

describe('controller-manager-kubelet-cert-rotation', () => {
  it('reports the gate turned off at the occurrence that decides it, gates merging across occurrences', async () => {
    expect(await findings('--feature-gates=RotateKubeletServerCertificate=true', '--feature-gates=Other=true,RotateKubeletServerCertificate=false', '--feature-gates=Other=false')).toEqual([
      ['fail', 'kube-controller-manager (container "kube-controller-manager") sets --feature-gates=RotateKubeletServerCertificate=false', '/spec/containers/0/command/2'],
    ]);
  });

  it('passes the default and gates that only look alike', async () => {
    expect(await findings()).toEqual([]);
    expect(await findings('--feature-gates=RotateKubeletServerCertificateX=false')).toEqual([]);
  });

  it('warns about a value the feature-gate parser rejects', async () => {
    expect(await findings('--feature-gates=RotateKubeletServerCertificate=no')).toEqual([
      ['warn', 'kube-controller-manager (container "kube-controller-manager") sets --feature-gates=RotateKubeletServerCertificate=no, which is not a valid value', '/spec/containers/0/command/1'],
    ]);
    expect((await findings('--feature-gates=RotateKubeletServerCertificate')).map((f) => f[0])).toEqual(['warn']);
  });
});
