import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { controlPlanePod, staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('apiserver-admission-plugins', () => {
  it('reports AlwaysAdmit and a missing NodeRestriction separately', async () => {
    const scan = await scanYaml(rule, staticPod('kube-apiserver', ['--enable-admission-plugins=AlwaysAdmit']));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.severity, f.location.path])).toEqual([
      ['kube-apiserver (container "kube-apiserver") enables the AlwaysAdmit admission plugin', 'critical', '/spec/containers/0/command/1'],
      ['kube-apiserver (container "kube-apiserver") does not enable the NodeRestriction admission plugin', 'high', '/spec/containers/0/command/1'],
    ]);
  });

  it('reports default plugins turned off, by --disable-admission-plugins or by a legacy --admission-control list without them (CIS 1.2.12, 1.2.13)', async () => {
    const scan = await scanYaml(rule, controlPlanePod([
      { component: 'kube-apiserver', name: 'new', flags: ['--enable-admission-plugins=NodeRestriction', '--disable-admission-plugins=ServiceAccount,NamespaceLifecycle'] },
      { component: 'kube-apiserver', name: 'legacy', image: 'registry.k8s.io/kube-apiserver:v1.9.0', flags: ['--admission-control=NodeRestriction,ServiceAccount'] },
    ]));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['kube-apiserver (container "new") disables the ServiceAccount admission plugin', '/spec/containers/0/command/2'],
      ['kube-apiserver (container "new") disables the NamespaceLifecycle admission plugin', '/spec/containers/0/command/2'],
      ['kube-apiserver (container "legacy") leaves the NamespaceLifecycle admission plugin out of --admission-control, which replaces the default set', '/spec/containers/1/command/1'],
    ]);
  });
});
