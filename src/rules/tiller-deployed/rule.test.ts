import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('tiller-deployed', () => {
  it('names the Tiller container and image', async () => {
    const scan = await scanFixtures(rule, ['fail/tiller.yaml']);
    expect(findingsFor(scan, 'fail-tiller-deploy').map((f) => [f.message, f.location.path])).toEqual([
      [
        'container "tiller" runs Helm 2 Tiller (gcr.io/kubernetes-helm/tiller:v2.16.12): an unauthenticated gRPC endpoint on port 44134 that any pod reaching it can use, and it installs anything it is sent with its ServiceAccount\'s rights',
        '/spec/template/spec/containers/0/image',
      ],
    ]);
  });

  it('lowers the severity of a Tiller bound to loopback or requiring client certificates, as helm init --tiller-tls-verify deploys it', async () => {
    const tiller = (name: string, container: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: kube-system}
spec:
  selector: {matchLabels: {app: helm, name: tiller}}
  template:
    metadata: {labels: {app: helm, name: tiller}}
    spec:
      containers:
        - name: tiller
          image: gcr.io/kubernetes-helm/tiller:v2.16.12
${container}`;
    const scan = await scanYaml(
      rule,
      [
        tiller('loopback', '          command: [/tiller, --listen=localhost:44134]\n'),
        tiller('verified', '          env: [{name: TILLER_TLS_VERIFY, value: "1"}, {name: TILLER_TLS_ENABLE, value: "1"}]\n'),
        tiller('verify-off', '          args: [-tls-verify=false, -listen, "10.0.0.1:44134"]\n          env: [{name: TILLER_TLS_VERIFY, value: "1"}]\n'),
      ].join('---\n'),
    );
    expect(scan.findings.map((f) => [f.resource.name, f.severity, f.message.slice(f.message.indexOf(')') + 1, f.message.indexOf(',') === -1 ? undefined : f.message.indexOf(','))])).toEqual([
      ['loopback', 'medium', ' listening on localhost:44134'],
      ['verified', 'medium', ' with client certificates required (--tls-verify): only holders of a certificate its CA signed reach it'],
      ['verify-off', 'high', ': an unauthenticated gRPC endpoint on 10.0.0.1:44134 that any pod reaching it can use'],
    ]);
  });
});
