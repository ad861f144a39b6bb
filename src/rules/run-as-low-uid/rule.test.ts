import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('run-as-low-uid', () => {
  it('warns with the UID and where it is set', async () => {
    const scan = await scanFixtures(rule, ['fail/low-uid.yaml']);
    expect(findingsFor(scan, 'fail-pod-uid-1000').map((f) => [f.status, f.message, f.location.path])).toEqual([
      ['warn', 'container "app" runs as UID 1000 (pod level), below 10000: it may match a user of the node', '/spec/securityContext/runAsUser'],
    ]);
  });

  it('honours the minimumUid option', async () => {
    const scan = await scanFixtures(rule, ['fail/low-uid.yaml'], { minimumUid: 1000 });
    expect(findingsFor(scan, 'fail-pod-uid-1000')).toEqual([]);
  });
});
