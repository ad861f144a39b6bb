import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('seccomp-unconfined', () => {
  it('reports the profile in force and where it was set', async () => {
    const scan = await scanFixtures(rule, ['fail/unconfined.yaml']);
    expect(findingsFor(scan, 'fail-pod-no-profile').map((f) => [f.message, f.location.path])).toEqual([
      ['container "app" has no seccomp profile at pod or container level, so it runs Unconfined', '/spec/securityContext/seccompProfile'],
    ]);
    expect(findingsFor(scan, 'fail-deployment-container-unconfined-overrides-pod').map((f) => [f.message, f.location.path])).toEqual([
      ['container "web" runs with seccomp explicitly Unconfined (container level)', '/spec/template/spec/containers/0/securityContext/seccompProfile/type'],
    ]);
    expect(findingsFor(scan, 'fail-init-container-only-app-confined').map((f) => f.message)).toEqual([
      'init container "setup" has no seccomp profile at pod or container level, so it runs Unconfined',
    ]);
    expect(findingsFor(scan, 'fail-daemonset-privileged-ignores-profile').map((f) => [f.message, f.location.path])).toEqual([
      ['container "agent" is privileged, and privileged containers always run seccomp Unconfined whatever profile is set', '/spec/template/spec/containers/0/securityContext/privileged'],
    ]);
    expect(findingsFor(scan, 'fail-localhost-without-profile').map((f) => f.message)).toEqual([
      'container "app" asks for a Localhost seccomp profile without naming it in localhostProfile',
    ]);
  });

  it('with kubeletSeccompDefault, a missing profile is RuntimeDefault, and explicit Unconfined and privileged still fail', async () => {
    const scan = await scanFixtures(rule, ['fail/unconfined.yaml'], { kubeletSeccompDefault: true });
    expect(findingsFor(scan, 'fail-pod-no-profile')).toEqual([]);
    expect(findingsFor(scan, 'fail-init-container-only-app-confined')).toEqual([]);
    expect(findingsFor(scan, 'fail-deployment-container-unconfined-overrides-pod').map((f) => f.message)).toEqual(['container "web" runs with seccomp explicitly Unconfined (container level)']);
    expect(findingsFor(scan, 'fail-daemonset-privileged-ignores-profile')).toHaveLength(1);
    expect(findingsFor(scan, 'fail-localhost-without-profile')).toHaveLength(1);
  });
});
