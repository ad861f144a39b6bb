import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { staticPod } from '../../../test/support/static-pods.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('apiserver-profiling', () => {
  it('finds kube-apiserver run through hyperkube', async () => {
    const scan = await scanYaml(rule, staticPod('kube-apiserver', ['--profiling=true'], { name: 'apiserver', image: 'k8s.gcr.io/hyperkube:v1.18.0', command: ['/hyperkube', 'apiserver'] }));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['kube-apiserver (container "apiserver") sets --profiling=true', '/spec/containers/0/command/2'],
    ]);
  });

  it('finds kube-apiserver started by kube-log-runner (go-runner), as kube-up and kops manifests do', async () => {
    const runner = ['/go-runner', '--log-file=/var/log/kube-apiserver.log', '--also-stdout=false', '-redirect-stderr', '-log-file', '/var/log/a.log', '/usr/local/bin/kube-apiserver'];
    const scan = await scanYaml(rule, staticPod('kube-apiserver', ['--profiling=true'], { command: runner }));
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path])).toEqual([
      ['kube-apiserver (container "kube-apiserver") sets --profiling=true', '/spec/containers/0/command/7'],
    ]);
    // The runner's own flags end at the first argument that is not one, or after "--".
    const renamed = await scanYaml(rule, staticPod('kube-apiserver', ['--profiling=true'], { command: ['kube-log-runner', '--', 'kube-apiserver'] }));
    expect(renamed.findings.map((f) => f.location.path)).toEqual(['/spec/containers/0/command/3']);
    // A runner that starts something else is not the API server.
    const other = await scanYaml(rule, staticPod('kube-apiserver', ['--profiling=true'], { command: ['/go-runner', '/bin/true', 'kube-apiserver'] }));
    expect(other.findings).toEqual([]);
  });

  it('skips a workload that runs no API server instead of passing it', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: kube-system}
spec:
  containers: [{name: web, image: nginx:1.27}]
`);
    expect(scan.summary.counts).toMatchObject({ pass: 0, skip: 1 });
  });
});
