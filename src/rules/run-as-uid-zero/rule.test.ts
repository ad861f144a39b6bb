import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('run-as-uid-zero', () => {
  it('lowers the severity in a user namespace, where UID 0 is not root on the node', async () => {
    const scan = await scanFixtures(rule, ['fail/uid-zero.yaml']);
    expect(findingsFor(scan, 'fail-pod-user-namespace-root').map((f) => [f.severity, f.message])).toEqual([
      ['low', 'container "app" runs as UID 0 (root): runAsUser is 0 at container level (mitigated: hostUsers: false maps it to an unprivileged user on the node)'],
    ]);
    expect(findingsFor(scan, 'fail-pod-container-uid-zero').map((f) => f.severity)).toEqual(['medium']);
  });

  it('reports the field in force, at the level that set it', async () => {
    const scan = await scanFixtures(rule, ['fail/uid-zero.yaml']);
    expect(findingsFor(scan, 'fail-deployment-pod-gid-zero').map((f) => [f.message, f.location.path])).toEqual([
      ['container "web" runs with GID 0 (root group): runAsGroup is 0 at pod level', '/spec/template/spec/securityContext/runAsGroup'],
    ]);
    expect(findingsFor(scan, 'fail-cronjob-init-uid-zero').map((f) => [f.message, f.location.path])).toEqual([
      ['init container "chown" runs as UID 0 (root): runAsUser is 0 at container level', '/spec/jobTemplate/spec/template/spec/initContainers/0/securityContext/runAsUser'],
    ]);
  });
});
