import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('apparmor-unconfined', () => {
  it('names the container and where Unconfined was set', async () => {
    const scan = await scanFixtures(rule, ['fail/unconfined.yaml']);
    expect(findingsFor(scan, 'fail-pod-field').map((f) => [f.message, f.location.path])).toEqual([
      ['container "app" runs with AppArmor explicitly Unconfined (pod level appArmorProfile)', '/spec/securityContext/appArmorProfile/type'],
    ]);
    expect(findingsFor(scan, 'fail-deployment-annotation').map((f) => [f.message, f.location.path])).toEqual([
      [
        'container "web" runs with AppArmor unconfined through the annotation container.apparmor.security.beta.kubernetes.io/web',
        '/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1web',
      ],
    ]);
  });
});
