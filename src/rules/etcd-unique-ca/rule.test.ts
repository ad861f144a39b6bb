import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { controlPlanePod, staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const apiserver = controlPlanePod([{ component: 'kube-apiserver', flags: ['--client-ca-file=/pki/ca.crt'] }], { name: 'apiserver' });

describe('etcd-unique-ca', () => {
  it('reports etcd trusting the API server\'s client CA file, at its --trusted-ca-file', async () => {
    const scan = await scanYaml(rule, `${staticPod('etcd', ['--client-cert-auth', '--trusted-ca-file', '/pki/./ca.crt'])}---\n${apiserver}`);
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['etcd (container "etcd") trusts /pki/./ca.crt, the file Pod/apiserver authenticates API clients with (--client-ca-file)', '/spec/containers/0/command/3'],
    ]);
  });

  it('skips when no API server in the input names a client CA, and when etcd reads a config file', async () => {
    const alone = await scanYaml(rule, staticPod('etcd', ['--trusted-ca-file=/pki/ca.crt']));
    expect(alone.summary.counts).toMatchObject({ pass: 0, skip: 1 });
    const configured = await scanYaml(rule, `${staticPod('etcd', ['--config-file=/etc/etcd.yaml'])}---\n${apiserver}`);
    expect(configured.findings).toEqual([]);
    expect(configured.summary.counts.skip).toBe(2);
  });
});
