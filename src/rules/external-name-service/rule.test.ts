import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('external-name-service', () => {
  it('fails high on metadata and cluster-internal targets, warns on others', async () => {
    const scan = await scanFixtures(rule, ['fail/external-name.yaml']);
    expect(findingsFor(scan, 'fail-metadata').map((f) => [f.status, f.severity, f.message])).toEqual([
      ['fail', 'high', 'Service "apps/fail-metadata" is an ExternalName alias for "metadata.google.internal": the cloud instance metadata service, which hands out node credentials'],
    ]);
    expect(findingsFor(scan, 'fail-external-db').map((f) => [f.status, f.severity])).toEqual([['warn', 'low']]);
  });
});
