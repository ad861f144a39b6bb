import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('encryption-config', () => {
  it('points at the first provider of the entry that applies to secrets', async () => {
    const scan = await scanYaml(rule, `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [configmaps]
    providers: [{aescbc: {keys: [{name: k, secret: c2VjcmV0}]}}]
  - resources: [secrets]
    providers:
      - identity: {}
`);
    expect(scan.findings.map((f) => [f.resource.name, f.message, f.location.path, f.location.line])).toEqual([
      [
        'EncryptionConfiguration',
        'EncryptionConfiguration "EncryptionConfiguration" lists identity first for secrets: new and updated Secrets are written to etcd in plain text',
        '/resources/1/providers/0',
        8,
      ],
    ]);
  });

  it('warns about aesgcm', async () => {
    const scan = await scanYaml(rule, `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers: [{aesgcm: {keys: [{name: k, secret: c2VjcmV0}]}}]
`);
    expect(scan.findings.map((f) => [f.status, f.severity])).toEqual([['warn', 'low']]);
  });
});
