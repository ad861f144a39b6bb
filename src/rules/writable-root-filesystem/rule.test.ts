import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('writable-root-filesystem', () => {
  it('tells an unset field from an explicit false and names the container', async () => {
    const scan = await scanFixtures(rule, ['fail/writable.yaml']);
    expect(findingsFor(scan, 'fail-pod-unset').map((f) => f.message)).toEqual([
      'container "app" has a writable root filesystem: readOnlyRootFilesystem is not set and defaults to false',
    ]);
    expect(findingsFor(scan, 'fail-deployment-explicit-false').map((f) => [f.message, f.location.path])).toEqual([
      ['container "web" has a writable root filesystem: readOnlyRootFilesystem is false', '/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem'],
    ]);
    expect(findingsFor(scan, 'fail-cronjob-init-container').map((f) => f.message)).toEqual([
      'init container "migrate" has a writable root filesystem: readOnlyRootFilesystem is not set and defaults to false',
    ]);
  });
});
