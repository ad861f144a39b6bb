import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('privileged-container', () => {
  it('names the container and points at the field', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - name: ok
          image: nginx
        - name: bad
          image: nginx
          securityContext: {privileged: true}
`,
    );
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      ['container "bad" runs privileged: it has every capability and the host\'s devices', '/spec/template/spec/containers/1/securityContext/privileged'],
    ]);
    expect(scan.findings[0]?.location.line).toBe(12);
  });

  it('merges windowsOptions field by field: the pod hostProcess reaches a container that only sets its user', async () => {
    const scan = await scanFixtures(rule, ['fail/privileged.yaml']);
    expect(findingsFor(scan, 'fail-windows-pod-hostprocess-inherited-field-by-field').map((f) => [f.message, f.location.path])).toEqual([
      ['container "agent" runs as a Windows HostProcess container with full access to the host', '/spec/securityContext/windowsOptions/hostProcess'],
    ]);
  });

  it('ignores a privileged flag on a Windows pod, where the field does not exist', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver:ltsc2022
      securityContext: {privileged: true}
`,
    );
    expect(scan.findings).toEqual([]);
  });
});
