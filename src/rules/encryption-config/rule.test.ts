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

  it('warns about a KMS v1 provider (kms without apiVersion v2), which kube-apiserver 1.29 and later refuse by default', async () => {
    const scan = await scanYaml(rule, `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers:
      - kms: {name: vault, endpoint: unix:///var/run/kms.sock, cachesize: 1000}
      - identity: {}
`);
    expect(scan.findings.map((f) => [f.status, f.severity, f.location.path, f.message.split(':')[0]])).toEqual([
      ['warn', 'low', '/resources/0/providers/0', 'EncryptionConfiguration "EncryptionConfiguration" encrypts secrets with KMS v1 (a kms provider without apiVersion v2)'],
    ]);
  });
});
