import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('role-binding-to-default-sa', () => {
  it('names the role and the default ServiceAccount, defaulting its namespace', async () => {
    const scan = await scanFixtures(rule, ['fail/default-sa.yaml']);
    expect(findingsFor(scan, 'fail-rolebinding-default').map((f) => [f.message, f.location.path])).toEqual([
      ['RoleBinding "apps/fail-rolebinding-default" grants Role "deployer" to ServiceAccount apps/default, which every pod of that namespace without serviceAccountName runs as', '/subjects/0'],
    ]);
  });

  it('reads a User subject named system:serviceaccount:NS:default as that ServiceAccount, as the authorizer does', async () => {
    const scan = await scanFixtures(rule, ['fail/default-sa.yaml']);
    expect(findingsFor(scan, 'fail-user-named-default-sa').map((f) => [f.message, f.location.path])).toEqual([
      ['ClusterRoleBinding "fail-user-named-default-sa" grants ClusterRole "view" to ServiceAccount monitoring/default (as User system:serviceaccount:monitoring:default), which every pod of that namespace without serviceAccountName runs as', '/subjects/0'],
    ]);
  });
});
