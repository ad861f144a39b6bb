import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('run-as-root', () => {
  it('explains which field lets the container run as root and points at it', async () => {
    const scan = await scanFixtures(rule, ['fail/root.yaml']);
    expect(findingsFor(scan, 'fail-pod-nothing-set').map((f) => [f.message, f.location.path])).toEqual([
      ['container "app" may run as root: runAsNonRoot is not set and no runAsUser is set, so the image decides', '/spec/containers/0/securityContext/runAsNonRoot'],
    ]);
    expect(findingsFor(scan, 'fail-container-overrides-pod-non-root').map((f) => [f.message, f.location.path])).toEqual([
      ['container "web" may run as root: runAsNonRoot is false (container level) and no runAsUser is set, so the image decides', '/spec/template/spec/containers/0/securityContext/runAsNonRoot'],
    ]);
    expect(findingsFor(scan, 'fail-cronjob-runasuser-zero').map((f) => f.location.path)).toEqual([
      '/spec/jobTemplate/spec/template/spec/securityContext/runAsUser',
    ]);
    expect(findingsFor(scan, 'fail-deployment-user-namespace').map((f) => f.severity)).toEqual(['low']);
    expect(findingsFor(scan, 'fail-init-container-overrides-user').map((f) => f.message)).toEqual([
      'init container "chown" may run as root: runAsNonRoot is not set and runAsUser is 0',
    ]);
  });
});
