import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('pss-restricted', () => {
  it('includes the baseline controls and words each like the admission controller', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: web
          image: registry.example.com/web:1.0
          securityContext:
            privileged: true
            allowPrivilegeEscalation: true
            capabilities: {drop: [ALL]}
`,
    );
    expect(scan.findings.map((f) => [f.message, f.location.path])).toEqual([
      ['privileged (container "web" must not set securityContext.privileged=true)', '/spec/template/spec/containers/0/securityContext/privileged'],
      ['allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false)', '/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation'],
    ]);
  });

  it('knows the controls a version did not have yet', async () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata: {name: legacy}
spec:
  securityContext: {runAsNonRoot: true}
  containers:
    - name: app
      image: registry.example.com/app:1.0
      securityContext: {allowPrivilegeEscalation: false}
`;
    expect((await scanYaml(rule, yaml, { version: 'v1.18' })).findings).toEqual([]);
    expect((await scanYaml(rule, yaml)).findings.map((f) => f.message.split(' (')[0])).toEqual(['unrestricted capabilities', 'seccompProfile']);
  });
});
