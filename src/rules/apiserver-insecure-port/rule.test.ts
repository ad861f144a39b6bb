import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { controlPlanePod } from '../../../test/support/static-pods.js';
import { kubernetesMinor } from '../_shared/kubernetes-version.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('apiserver-insecure-port', () => {
  it('ranks a non-local insecure port critical and a local one high', async () => {
    const scan = await scanYaml(rule, controlPlanePod([
      { component: 'kube-apiserver', name: 'public', image: 'k8s.gcr.io/kube-apiserver:v1.15.0', flags: ['--insecure-port', '8081', '--insecure-bind-address=0.0.0.0'] },
      { component: 'kube-apiserver', name: 'local', image: 'k8s.gcr.io/kube-apiserver:v1.15.0' },
    ]));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.severity, f.location.path])).toEqual([
      ['kube-apiserver (container "public") serves the API without authentication or authorization on 0.0.0.0', 'critical', '/spec/containers/0/command/2'],
      ['kube-apiserver (container "local") runs Kubernetes 1.15 without --insecure-port=0, so it serves the API without authentication on 127.0.0.1', 'high', '/spec/containers/1/command'],
    ]);
  });

  it('reads the minor version from image tags', () => {
    expect(kubernetesMinor('gcr.io/google_containers/kube-apiserver-amd64:v1.6.0')).toBe(6);
    expect(kubernetesMinor('registry.k8s.io/kube-apiserver:v1.31.0')).toBe(31);
    expect(kubernetesMinor('registry.example.com:5000/kube-apiserver@sha256:abc')).toBeUndefined();
    expect(kubernetesMinor(undefined)).toBeUndefined();
  });
});
