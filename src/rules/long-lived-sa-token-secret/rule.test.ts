import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('long-lived-sa-token-secret', () => {
  it('names the ServiceAccount whose token is stored', async () => {
    const scan = await scanFixtures(rule, ['fail/token-secrets.yaml']);
    expect(findingsFor(scan, 'fail-ci-token').map((f) => [f.message, f.location.path])).toEqual([
      ['Secret "ci/fail-ci-token" holds a token of ServiceAccount "deployer" that never expires and is bound to no pod', '/metadata/annotations/kubernetes.io~1service-account.name'],
    ]);
  });
});
