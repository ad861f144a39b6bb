import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('kube-proxy-metrics-bind-address', () => {
  it('reads the configuration embedded in the kube-proxy ConfigMap', async () => {
    const scan = await scanFixtures(rule, ['fail/exposed.yaml']);
    expect(findingsFor(scan, 'fail-kube-proxy-configmap').map((f) => [f.message, f.location.path])).toEqual([
      [
        'the KubeProxyConfiguration in ConfigMap "kube-system/fail-kube-proxy-configmap" (key config.conf) sets metricsBindAddress "0.0.0.0:10249": kube-proxy\'s unauthenticated metrics and /configz are served on every interface of the node',
        '/data/config.conf',
      ],
    ]);
    expect(findingsFor(scan, 'fail-routable-address').map((f) => f.message)).toEqual([
      'KubeProxyConfiguration "fail-routable-address" sets metricsBindAddress "10.0.0.12:10249": kube-proxy\'s unauthenticated metrics and /configz are served on the routable address 10.0.0.12',
    ]);
  });

  it('skips a ConfigMap that holds no kube-proxy configuration (an application ConfigMap passes no CIS control)', async () => {
    const scan = await scanYaml(rule, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-settings, namespace: shop}\ndata: {mode: prod}\n');
    expect(scan.findings).toEqual([]);
    expect(scan.summary.counts).toMatchObject({ pass: 0, skip: 1 });
  });
});
