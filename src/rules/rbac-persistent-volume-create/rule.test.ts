import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-persistent-volume-create', () => {
  it('names the verbs the role grants on persistentvolumes', async () => {
    const scan = await scanFixtures(rule, ['fail/pv-create.yaml']);
    expect(findingsFor(scan, 'fail-storage-admin').map((f) => [f.message, f.location.path])).toEqual([
      ['ClusterRole "fail-storage-admin" grants create, patch on persistentvolumes: its holders can define hostPath volumes on any node directory and mount them through a claim', '/rules/1'],
    ]);
  });
});
