import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('image-pull-policy', () => {
  it('applies the API default and points at the field that decides', async () => {
    const scan = await scanFixtures(rule, ['fail/pull-policy.yaml']);
    expect(findingsFor(scan, 'fail-pod-default-if-not-present').map((f) => [f.message, f.location.path])).toEqual([
      ['container "app" pulls the mutable tag "nginx:1.27.2" with the default imagePullPolicy IfNotPresent: nodes may run a stale cached image', '/spec/containers/0/image'],
    ]);
    expect(findingsFor(scan, 'fail-cronjob-init-never').map((f) => [f.message, f.location.path])).toEqual([
      ['init container "setup" pulls the mutable tag "registry.example.com/setup:2.0" with imagePullPolicy Never: nodes may run a stale cached image', '/spec/jobTemplate/spec/template/spec/initContainers/0/imagePullPolicy'],
    ]);
  });
});
