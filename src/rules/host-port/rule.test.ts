import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('host-port', () => {
  it('names the port, protocol and node address', async () => {
    const scan = await scanFixtures(rule, ['fail/host-port.yaml']);
    expect(findingsFor(scan, 'fail-pod-host-port').map((f) => [f.message, f.location.path])).toEqual([
      ['container "app" binds host port 80/TCP on every address of the node', '/spec/containers/0/ports/0/hostPort'],
    ]);
    expect(findingsFor(scan, 'fail-deployment-second-port').map((f) => [f.message, f.location.path])).toEqual([
      ['container "web" binds host port 9090/UDP on the node address 10.0.0.5', '/spec/template/spec/containers/0/ports/1/hostPort'],
    ]);
    expect(findingsFor(scan, 'fail-daemonset-host-network-defaults-host-port').map((f) => [f.message, f.location.path])).toEqual([
      ['container "exporter" binds host port 9100/TCP on every address of the node (hostNetwork: true makes its containerPort a host port)', '/spec/template/spec/containers/0/ports/0/containerPort'],
    ]);
  });
});
