import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('capabilities-not-dropped', () => {
  it('says what the container drops instead of ALL', async () => {
    const scan = await scanFixtures(rule, ['fail/not-dropped.yaml']);
    expect(findingsFor(scan, 'fail-deployment-drops-some').map((f) => [f.message, f.location.path])).toEqual([
      ['container "web" keeps the runtime\'s default capabilities: it drops only NET_RAW, SYS_ADMIN, not ALL', '/spec/template/spec/containers/0/securityContext/capabilities/drop'],
    ]);
    expect(findingsFor(scan, 'fail-cronjob-init-container').map((f) => f.message)).toEqual([
      'init container "setup" keeps the runtime\'s default capabilities: it drops none, not ALL',
    ]);
  });
});
