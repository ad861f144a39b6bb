import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('tiller-deployed', () => {
  it('names the Tiller container and image', async () => {
    const scan = await scanFixtures(rule, ['fail/tiller.yaml']);
    expect(findingsFor(scan, 'fail-tiller-deploy').map((f) => [f.message, f.location.path])).toEqual([
      [
        'container "tiller" runs Helm 2 Tiller (gcr.io/kubernetes-helm/tiller:v2.16.12): an unauthenticated gRPC endpoint on port 44134 that installs anything with its ServiceAccount\'s rights',
        '/spec/template/spec/containers/0/image',
      ],
    ]);
  });
});
