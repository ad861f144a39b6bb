import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('host-namespaces', () => {
  it('reports one finding per shared namespace, at the field', async () => {
    const scan = await scanFixtures(rule, ['fail/host-namespaces.yaml']);
    expect(findingsFor(scan, 'fail-daemonset-all-three').map((f) => f.location.path)).toEqual([
      '/spec/template/spec/hostNetwork',
      '/spec/template/spec/hostPID',
      '/spec/template/spec/hostIPC',
    ]);
    expect(findingsFor(scan, 'fail-cronjob-host-ipc').map((f) => f.message)).toEqual([
      "pod sets hostIPC: true and shares the node's IPC namespace: it can read and write the shared memory and message queues of every process on the node",
    ]);
  });
});
