import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-persistent-volume-create', () => {
  it('names the binding, the role, the subjects and the verbs on persistentvolumes', async () => {
    const scan = await scanFixtures(rule, ['fail/pv-create.yaml']);
    expect(findingsFor(scan, 'fail-storage-admins').map((f) => [f.message.replace(/ at [^:]+:\d+/, ''), f.location.path, f.status])).toEqual([
      [
        'ClusterRoleBinding "fail-storage-admins" → ClusterRole "storage-admin" → rule /rules/1: Group storage-team holds create, patch on persistentvolumes cluster-wide; its holders can define hostPath volumes on any node directory and mount them through a claim',
        '/roleRef',
        'fail',
      ],
    ]);
  });

  it('warns about a PersistentVolume writer nothing binds yet', async () => {
    const scan = await scanFixtures(rule, ['fail/pv-create.yaml']);
    expect(findingsFor(scan, 'fail-unbound-volume-maker').map((f) => [f.status, f.location.path])).toEqual([['warn', '/rules/0']]);
  });
});
