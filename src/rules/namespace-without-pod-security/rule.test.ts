import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('namespace-without-pod-security', () => {
  it('explains an unlabelled namespace and an explicit privileged level', async () => {
    const scan = await scanFixtures(rule, ['fail/unenforced.yaml']);
    expect(findingsFor(scan, 'fail-unlabelled').map((f) => f.message)).toEqual([
      'namespace "fail-unlabelled" has no pod-security.kubernetes.io/enforce label and the input sets no cluster default, which is privileged: Pod Security admission enforces nothing there',
    ]);
    expect(findingsFor(scan, 'fail-privileged').map((f) => f.location.path)).toEqual(['/metadata/labels/pod-security.kubernetes.io~1enforce']);
  });

  it('honours the cluster default and exemptions of an AdmissionConfiguration', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: apiserver.config.k8s.io/v1
kind: AdmissionConfiguration
metadata: {name: admission}
plugins:
  - name: PodSecurity
    configuration:
      apiVersion: pod-security.admission.config.k8s.io/v1
      kind: PodSecurityConfiguration
      defaults: {enforce: baseline}
      exemptions: {namespaces: [legacy]}
---
apiVersion: v1
kind: Namespace
metadata: {name: apps}
---
apiVersion: v1
kind: Namespace
metadata: {name: legacy, labels: {pod-security.kubernetes.io/enforce: restricted}}
`,
    );
    expect(scan.findings.map((f) => [f.resource.name, f.message])).toEqual([
      ['legacy', 'namespace "legacy" is exempted from Pod Security admission by the PodSecurity configuration: any pod is admitted there'],
    ]);
  });
});
