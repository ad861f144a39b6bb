import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures } from '../../../test/support/rule-harness.js';
import { DANGEROUS_CAPABILITIES } from './capabilities.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('dangerous-capabilities', () => {
  it('reports each dangerous capability with its own severity, as written', async () => {
    const scan = await scanFixtures(rule, ['fail/capabilities.yaml']);
    expect(findingsFor(scan, 'fail-deployment-prefixed-lower-case').map((f) => [f.severity, f.location.path, f.message.slice(0, 40)])).toEqual([
      ['high', '/spec/template/spec/containers/0/securityContext/capabilities/add/0', 'container "vpn" adds cap_net_admin, whic'],
    ]);
    expect(findingsFor(scan, 'fail-daemonset-net-raw-bpf').map((f) => f.severity)).toEqual(['medium', 'high', 'medium']);
    expect(findingsFor(scan, 'fail-cronjob-init-all').map((f) => [f.severity, f.message])).toEqual([
      ['critical', 'init container "setup" adds ALL, which grants every capability: the container is all but privileged'],
    ]);
  });

  it('reports capabilities that act on kernel state the node shares (audit, kernel log, scheduling, limits, accounting)', async () => {
    const scan = await scanFixtures(rule, ['fail/capabilities.yaml']);
    expect(findingsFor(scan, 'fail-daemonset-node-wide-kernel-state').map((f) => [f.severity, f.message.slice(0, f.message.indexOf(','))])).toEqual([
      ['medium', 'container "agent" adds AUDIT_CONTROL'],
      ['medium', 'container "agent" adds SYSLOG'],
      ['low', 'container "agent" adds SYS_NICE'],
      ['low', 'container "agent" adds SYS_RESOURCE'],
      ['low', 'container "agent" adds SYS_PACCT'],
    ]);
  });

  it('keys its table by the normalised names the runtime uses', () => {
    for (const name of Object.keys(DANGEROUS_CAPABILITIES)) expect(name).toMatch(/^[A-Z_]+$/);
    expect(Object.keys(DANGEROUS_CAPABILITIES).some((name) => name.startsWith('CAP_'))).toBe(false);
  });
});
