import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const REQUIRED = ['--audit-policy-file=/etc/p.yaml', '--audit-log-path=/var/log/audit.log'];
const apiserver = (...flags: string[]): string => staticPod('kube-apiserver', [...REQUIRED, ...flags]);

describe('apiserver-audit-log', () => {
  it('fails short retention and warns about unbounded retention', async () => {
    const scan = await scanYaml(rule, apiserver('--audit-log-maxage=7', '--audit-log-maxsize=50'));
    expect(scan.findings.map((f) => [f.status, f.message.split(':')[0], f.location.path])).toEqual([
      ['fail', 'kube-apiserver (container "kube-apiserver") sets --audit-log-maxage=7, below 30 days', '/spec/containers/0/command/3'],
      ['warn', 'kube-apiserver (container "kube-apiserver") does not set --audit-log-maxbackup', '/spec/containers/0/command'],
      ['fail', 'kube-apiserver (container "kube-apiserver") sets --audit-log-maxsize=50, below 100 MB', '/spec/containers/0/command/4'],
    ]);
  });

  it('takes the thresholds from options', async () => {
    const scan = await scanYaml(rule, apiserver('--audit-log-maxage=7', '--audit-log-maxbackup=2', '--audit-log-maxsize=50'), {
      minMaxAgeDays: 7,
      minMaxBackup: 2,
      minMaxSizeMB: 50,
    });
    expect(scan.findings).toEqual([]);
  });

  it('lowers the severity when a webhook backend receives the events', async () => {
    const scan = await scanYaml(rule, staticPod('kube-apiserver', ['--audit-policy-file=/etc/p.yaml', '--audit-webhook-config-file=/etc/w.yaml']));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.severity])).toEqual([
      ['kube-apiserver (container "kube-apiserver") does not set --audit-log-path', 'low'],
    ]);
  });

  it('names a missing policy with a missing log path, since without a policy nothing is audited at all', async () => {
    const scan = await scanYaml(rule, staticPod('kube-apiserver', ['--audit-webhook-config-file=/etc/w.yaml']));
    expect(scan.findings.map((f) => [f.message, f.severity])).toEqual([
      ['kube-apiserver (container "kube-apiserver") does not set --audit-log-path or --audit-policy-file: without a policy no request is audited, so nothing records who did what through the API', 'medium'],
    ]);
  });
});
