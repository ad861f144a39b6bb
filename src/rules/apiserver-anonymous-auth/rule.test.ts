import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { controlPlanePod, staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

const apiserver = (...flags: string[]): string => staticPod('kube-apiserver', flags);

describe('apiserver-anonymous-auth', () => {
  it('points at the command list when the flag is missing and at the argument when it is set', async () => {
    const missing = await scanYaml(rule, apiserver('--authorization-mode=Node,RBAC'));
    expect(missing.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['kube-apiserver (container "kube-apiserver") does not set --anonymous-auth (default true)', '/spec/containers/0/command'],
    ]);
    const set = await scanYaml(rule, apiserver('--authorization-mode=Node,RBAC', '--anonymous-auth=True'));
    expect(set.findings.map((f) => [f.message.split(':')[0], f.location.path, f.location.line])).toEqual([
      ['kube-apiserver (container "kube-apiserver") sets --anonymous-auth=True', '/spec/containers/0/command/2', 11],
    ]);
  });

  it('warns about a value the component rejects', async () => {
    const scan = await scanYaml(rule, apiserver('--anonymous-auth=no'));
    expect(scan.findings.map((f) => [f.status, f.message])).toEqual([
      ['warn', 'kube-apiserver (container "kube-apiserver") sets --anonymous-auth=no, which is not a valid value: kube-apiserver refuses to start with it'],
    ]);
  });

  it('warns about a boolean value given as a separate argument, which the flag library does not take', async () => {
    const scan = await scanYaml(rule, apiserver('--authorization-mode=Node,RBAC', '--anonymous-auth', 'false'));
    expect(scan.findings.map((f) => [f.status, f.message, f.location.path])).toEqual([
      ['warn', 'kube-apiserver (container "kube-apiserver") gives --anonymous-auth its value "false" as a separate argument, which is read as --anonymous-auth=true followed by a stray argument: kube-apiserver refuses to start with it', '/spec/containers/0/command/3'],
    ]);
  });

  it('skips when anonymous access is configured in an AuthenticationConfiguration file', async () => {
    const scan = await scanYaml(rule, apiserver('--authentication-config=/etc/kubernetes/authn.yaml'));
    expect(scan.findings).toEqual([]);
    expect(scan.summary.counts.skip).toBe(1);
  });

  it('looks in other namespaces when told to', async () => {
    const yaml = controlPlanePod([{ component: 'kube-apiserver' }], { namespace: 'control-plane' });
    expect((await scanYaml(rule, yaml)).findings).toEqual([]);
    expect((await scanYaml(rule, yaml, { controlPlaneNamespaces: ['control-plane'] })).findings).toHaveLength(1);
  });
});
