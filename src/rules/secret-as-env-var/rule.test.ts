import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('secret-as-env-var', () => {
  it('names the Secret, the key and the variable', async () => {
    const scan = await scanFixtures(rule, ['fail/env.yaml']);
    expect(findingsFor(scan, 'fail-pod-secret-key-ref').map((f) => [f.message, f.location.path])).toEqual([
      ['container "app" reads key "password" of Secret "db" into environment variable DB_PASSWORD', '/spec/containers/0/env/1/valueFrom/secretKeyRef'],
    ]);
    expect(findingsFor(scan, 'fail-deployment-env-from').map((f) => f.message)).toEqual([
      'container "web" imports every key of Secret "web-env" as environment variables (envFrom)',
    ]);
  });
});
