import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';
import { REMOVED_API_KINDS } from './removed-apis.js';

describeRuleFixtures(rule);

describe('deprecated-api-version', () => {
  it('names the removal release and the replacement, higher for security controls', async () => {
    const scan = await scanFixtures(rule, ['fail/removed.yaml']);
    expect(findingsFor(scan, 'fail-psp').map((f) => [f.message, f.location.path, f.severity])).toEqual([
      [
        'PodSecurityPolicy "fail-psp" uses policy/v1beta1, removed in Kubernetes 1.25: the security control it describes is not applied; use Pod Security admission (the PodSecurityPolicy API no longer exists)',
        '/apiVersion',
        'medium',
      ],
    ]);
    expect(findingsFor(scan, 'fail-cronjob-v1beta1').map((f) => f.severity)).toEqual(['low']);
  });

  it('judges against the target release when one is given', async () => {
    const scan = await scanFixtures(rule, ['fail/removed.yaml'], { kubernetesVersion: '1.24' });
    expect(findingsFor(scan, 'fail-cronjob-v1beta1')).toEqual([]);
    expect(findingsFor(scan, 'fail-ingress-extensions').length).toBe(1);
  });

  it('targets each kind of the table once', () => {
    expect(new Set(REMOVED_API_KINDS).size).toBe(REMOVED_API_KINDS.length);
    expect(REMOVED_API_KINDS).toContain('PodSecurityPolicy');
  });
});
