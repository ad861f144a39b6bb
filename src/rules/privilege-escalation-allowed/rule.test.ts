import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('privilege-escalation-allowed', () => {
  it('says why each container fails', async () => {
    const scan = await scanFixtures(rule, ['fail/escalation.yaml']);
    expect(findingsFor(scan, 'fail-pod-unset').map((f) => f.message)).toEqual([
      'container "app" allows privilege escalation: allowPrivilegeEscalation is not set and defaults to true',
    ]);
    expect(findingsFor(scan, 'fail-false-but-privileged').map((f) => f.message)).toEqual([
      'container "app" sets allowPrivilegeEscalation: false but also privileged: true, which always allows escalation',
    ]);
    expect(findingsFor(scan, 'fail-false-but-cap-sys-admin').map((f) => [f.message, f.location.path])).toEqual([
      ['container "db" sets allowPrivilegeEscalation: false but adds CAP_SYS_ADMIN, which allows escalation anyway', '/spec/template/spec/containers/0/securityContext/capabilities/add/0'],
    ]);
    expect(findingsFor(scan, 'fail-cronjob-init-container-unset').map((f) => f.location.path)).toEqual([
      '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/allowPrivilegeEscalation',
    ]);
    expect(findingsFor(scan, 'fail-ephemeral-unset').map((f) => f.message)).toEqual([
      'ephemeral container "debug" allows privilege escalation: allowPrivilegeEscalation is not set and defaults to true',
    ]);
  });
});
