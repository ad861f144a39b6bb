import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES_DIR, describeRuleFixtures, scanFiles, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('kubelet-config', () => {
  it('reads a real kubelet config file, which has no metadata', async () => {
    const scan = await scanFiles(rule, [path.join(RULES_DIR, 'kubelet-config', 'testdata', 'config.yaml')]);
    expect(scan.problems).toEqual([]);
    expect(scan.findings.map((f) => [f.resource.name, f.message.split(':')[0], f.location.path, f.location.line])).toEqual([
      ['config.yaml', 'KubeletConfiguration "config.yaml" enables anonymous authentication', '/authentication/anonymous/enabled', 5],
      ['config.yaml', 'KubeletConfiguration "config.yaml" opens the read-only port 10255', '/readOnlyPort', 9],
    ]);
  });

  it('points at the object when a hardening field is missing', async () => {
    const scan = await scanYaml(rule, `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
rotateCertificates: false
`);
    expect(scan.findings.map((f) => [f.resource.name, f.location.path])).toEqual([
      ['KubeletConfiguration', ''],
      ['KubeletConfiguration', '/rotateCertificates'],
    ]);
  });
});
