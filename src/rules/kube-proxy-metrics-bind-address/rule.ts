/**
 * kube-proxy serves Prometheus metrics (and, on the same port, /configz with its whole
 * configuration) without authentication. Bound to a routable address, every pod and anyone on the
 * node network can read the node's Service and endpoint layout. The default is 127.0.0.1:10249.
 */
import { defineRule, fail, skip } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import { hostOf, isLoopbackHost } from '../../lib/host.js';
import { asRecord, asString, asStringMap } from '../../lib/k8s/values.js';
import { parseStream } from '../../lib/yaml/index.js';
import type { Resource } from '../../model/resource.js';

const CONFIG_KIND = 'KubeProxyConfiguration';
/** The key kubeadm (and most distributions) use in the kube-system/kube-proxy ConfigMap. */
const CONFIG_KEYS = ['config.conf', 'config.yaml', 'kube-proxy-config.yaml'];

function* judge(config: Record<string, unknown>, where: string, path: string): Generator<Violation> {
  const address = asString(config.metricsBindAddress);
  // Unset or empty: kube-proxy defaults it to 127.0.0.1:10249.
  if (address === undefined || address.trim() === '') return;
  const host = hostOf(address);
  if (isLoopbackHost(host)) return;
  const scope = host === '' || host === '0.0.0.0' || host === '::' ? 'every interface of the node' : `the routable address ${host}`;
  yield fail(`${where} sets metricsBindAddress "${address}": kube-proxy's unauthenticated metrics and /configz are served on ${scope}`, path);
}

function embeddedConfig(configMap: Resource): { key: string; config: Record<string, unknown> } | undefined {
  const data = asStringMap(configMap.object.data);
  for (const key of CONFIG_KEYS) {
    const text = data[key];
    if (text === undefined) continue;
    const parsed = parseStream(text, { limits: { maxDocuments: 1 } });
    const config = asRecord(parsed.documents[0]?.value);
    if (config !== undefined && asString(config.kind) === CONFIG_KIND) return { key, config };
  }
  return undefined;
}

export const rule = defineRule({
  id: 'kube-proxy-metrics-bind-address',
  title: 'kube-proxy metrics are served beyond localhost',
  severity: 'medium',
  threats: ['api-server-kubelet', 'network-security'],
  mitre: ['T1046', 'T1613'],
  remediation: 'Set metricsBindAddress to 127.0.0.1:10249 in the KubeProxyConfiguration (scrape it through a local authenticating proxy if needed).',
  references: [
    'https://kubernetes.io/docs/reference/config-api/kube-proxy-config.v1alpha1/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-proxy/',
  ],
  target: { kinds: [CONFIG_KIND, 'ConfigMap'] },
  *check(resource: Resource) {
    if (resource.kind === CONFIG_KIND) {
      yield* judge(resource.object, `${CONFIG_KIND} "${resource.name}"`, '/metricsBindAddress');
      return;
    }
    const embedded = embeddedConfig(resource);
    // Any other ConfigMap says nothing about kube-proxy: a skip, so CIS 4.3.1 is not passed by an application's ConfigMap.
    if (embedded === undefined) {
      yield skip(`the ConfigMap holds no ${CONFIG_KIND} under ${CONFIG_KEYS.join(', ')}`);
      return;
    }
    yield* judge(embedded.config, `the ${CONFIG_KIND} in ConfigMap "${resource.namespace ?? 'default'}/${resource.name}" (key ${embedded.key})`, `/data/${embedded.key}`);
  },
});
