import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('image-not-pinned-by-digest', () => {
  it('warns, once per unpinned image, at the image field', async () => {
    const scan = await scanFixtures(rule, ['fail/by-tag.yaml']);
    expect(findingsFor(scan, 'fail-deployment-one-of-two').map((f) => [f.status, f.location.path, f.message])).toEqual([
      ['warn', '/spec/template/spec/containers/1/image', 'container "proxy" uses image "envoyproxy/envoy:v1.31.0" by tag, not by digest: the tag can be moved to different content'],
    ]);
    expect(scan.summary.counts).toMatchObject({ warn: 5, fail: 0 });
    expect(findingsFor(scan, 'fail-pod-malformed-digest').map((f) => f.message)).toEqual([
      'container "app" uses "nginx@sha256:ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", which is not a valid image reference (a malformed digest pins nothing)',
    ]);
    // No digest at all: the message must not blame one.
    expect(findingsFor(scan, 'fail-pod-invalid-name').map((f) => f.message)).toEqual([
      'container "app" uses "Registry/App:1.0", which is not a valid image reference: the runtime cannot pull it, and nothing pins its content',
    ]);
  });
});
