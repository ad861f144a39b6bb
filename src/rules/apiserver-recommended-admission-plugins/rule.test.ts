import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const findings = async (...flags: string[]): Promise<string[][]> =>
  (await scanYaml(rule, staticPod('kube-apiserver', flags))).findings.map((f) => [f.status, f.message.split(':')[0] ?? '', f.severity, f.location.path]);

describe('apiserver-recommended-admission-plugins', () => {
  it('reports each plugin left off with its own severity, at the enabled list (CIS 1.2.3, 1.2.9, 1.2.11)', async () => {
    expect(await findings('--enable-admission-plugins=NodeRestriction')).toEqual([
      ['fail', 'kube-apiserver (container "kube-apiserver") does not enable the AlwaysPullImages admission plugin', 'low', '/spec/containers/0/command/1'],
      ['fail', 'kube-apiserver (container "kube-apiserver") does not enable the DenyServiceExternalIPs admission plugin', 'medium', '/spec/containers/0/command/1'],
      ['fail', 'kube-apiserver (container "kube-apiserver") does not enable the EventRateLimit admission plugin', 'low', '/spec/containers/0/command/1'],
    ]);
  });

  it('points at the flag list when no plugin flag is given', async () => {
    const paths = (await findings()).map((f) => f[3]);
    expect(paths).toEqual(['/spec/containers/0/command', '/spec/containers/0/command', '/spec/containers/0/command']);
  });

  it('counts a plugin that --disable-admission-plugins also names as off', async () => {
    const scan = await findings('--enable-admission-plugins=AlwaysPullImages,EventRateLimit,DenyServiceExternalIPs', '--admission-control-config-file=/a.yaml', '--disable-admission-plugins=DenyServiceExternalIPs');
    expect(scan.map((f) => f[1])).toEqual(['kube-apiserver (container "kube-apiserver") does not enable the DenyServiceExternalIPs admission plugin']);
  });

  it('warns that EventRateLimit without its configuration file stops the API server from starting', async () => {
    const scan = await findings('--enable-admission-plugins=AlwaysPullImages,EventRateLimit,DenyServiceExternalIPs', '--admission-control-config-file=');
    expect(scan).toEqual([
      ['warn', 'kube-apiserver (container "kube-apiserver") enables the EventRateLimit admission plugin without --admission-control-config-file', 'medium', '/spec/containers/0/command/1'],
    ]);
  });

  it('reads the deprecated --admission-control list', async () => {
    expect(await findings('--admission-control=AlwaysPullImages,DenyServiceExternalIPs,EventRateLimit', '--admission-control-config-file=/a.yaml')).toEqual([]);
  });

  it('does not ask an API server older than 1.21 for DenyServiceExternalIPs, which it does not have', async () => {
    const scan = await scanYaml(rule, staticPod('kube-apiserver', ['--enable-admission-plugins=AlwaysPullImages,EventRateLimit', '--admission-control-config-file=/a.yaml'], { image: 'k8s.gcr.io/kube-apiserver:v1.20.15' }));
    expect(scan.findings).toEqual([]);
    expect(scan.summary.counts.pass).toBe(1);
  });
});
