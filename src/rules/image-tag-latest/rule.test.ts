import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('image-tag-latest', () => {
  it('tells a missing tag from an explicit latest and does not mistake a port for a tag', async () => {
    const scan = await scanFixtures(rule, ['fail/latest.yaml']);
    expect(findingsFor(scan, 'fail-pod-no-tag').map((f) => [f.message, f.location.path])).toEqual([
      ['container "app" uses image "nginx" without a tag, so it runs whatever "latest" points to', '/spec/containers/0/image'],
    ]);
    expect(findingsFor(scan, 'fail-deployment-latest').map((f) => f.message)).toEqual([
      'container "web" uses image "registry.example.com/shop/web:latest" with the mutable "latest" tag',
    ]);
    expect(findingsFor(scan, 'fail-cronjob-registry-port-no-tag').map((f) => f.location.path)).toEqual([
      '/spec/jobTemplate/spec/template/spec/initContainers/0/image',
    ]);
  });
});
