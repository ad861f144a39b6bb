import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('selinux-custom-options', () => {
  it('reports spc_t as high and names user and role', async () => {
    const scan = await scanFixtures(rule, ['fail/custom.yaml']);
    expect(findingsFor(scan, 'fail-pod-spc-t').map((f) => [f.message, f.location.path, f.severity])).toEqual([
      ['container "app" runs with SELinux type "spc_t" instead of a container type (pod level)', '/spec/securityContext/seLinuxOptions/type', 'high'],
    ]);
    expect(findingsFor(scan, 'fail-deployment-user-role').map((f) => f.message)).toEqual([
      'container "web" sets SELinux user "system_u" (container level)',
      'container "web" sets SELinux role "system_r" (container level)',
    ]);
  });
});
