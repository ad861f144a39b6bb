import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('probes-missing', () => {
  it('reports each missing probe, sidecar init containers included', async () => {
    const scan = await scanFixtures(rule, ['fail/no-probes.yaml']);
    expect(findingsFor(scan, 'fail-pod-no-probes').map((f) => f.location.path)).toEqual(['/spec/containers/0/livenessProbe', '/spec/containers/0/readinessProbe']);
    expect(findingsFor(scan, 'fail-deployment-readiness-only').map((f) => f.message)).toEqual([
      'container "web" has no liveness probe: a hung process is never restarted',
    ]);
    expect(findingsFor(scan, 'fail-statefulset-sidecar-init-container').map((f) => f.location.path)).toEqual([
      '/spec/template/spec/initContainers/0/livenessProbe',
      '/spec/template/spec/initContainers/0/readinessProbe',
    ]);
  });
});
