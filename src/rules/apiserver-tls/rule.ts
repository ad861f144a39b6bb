/**
 * The API server's TLS on its three connections: to its clients (serving certificate and the CA
 * it authenticates client certificates with), to etcd (client certificate and etcd's CA) and to
 * the kubelets (client certificate and the kubelets' CA).
 */
import type { Violation } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { ComponentInvocation, ControlPlaneOptions } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';
import { intFlag } from '../_shared/flag-values.js';
import type { RequiredFlags } from '../_shared/required-flags.js';
import { missingFlags } from '../_shared/required-flags.js';
import { OUTDATED_TLS_CONSEQUENCE, OUTDATED_TLS_VERSIONS, WEAK_SUITES_CONSEQUENCE, isWeakCipherSuite } from '../_shared/tls-cipher-suites.js';

const REQUIRED: readonly RequiredFlags[] = [
  { flags: ['tls-cert-file', 'tls-private-key-file'], why: 'it serves a self-signed certificate that clients cannot verify', severity: 'medium' },
  { flags: ['client-ca-file'], why: 'client certificates are not accepted, so components and administrators fall back to weaker credentials', severity: 'medium' },
  { flags: ['etcd-certfile', 'etcd-keyfile'], why: 'it cannot authenticate to etcd with a client certificate, so etcd must accept unauthenticated clients', severity: 'high' },
  { flags: ['etcd-cafile'], why: 'it does not verify etcd\'s certificate, so whoever impersonates etcd receives every Secret', severity: 'high' },
  { flags: ['kubelet-client-certificate', 'kubelet-client-key'], why: 'it cannot authenticate to the kubelets, so they must allow anonymous access to exec, logs and port-forward', severity: 'high' },
  { flags: ['kubelet-certificate-authority'], why: 'it does not verify kubelet serving certificates, so exec, attach and log streams can be intercepted', severity: 'medium' },
];

function* judge(apiserver: ComponentInvocation): Generator<Violation> {
  const securePort = intFlag(apiserver, 'secure-port', 6443);
  if (securePort.state === 'set' && securePort.value === 0) {
    yield fail(`${describeInvocation(apiserver)} sets --secure-port=0: the API is not served over HTTPS at all`, securePort.path, 'critical');
  }
  yield* missingFlags(apiserver, REQUIRED);
  yield* weakProtocols(apiserver);
}

/** CIS 1.2.29: the suites and protocol versions the API server offers its clients. */
function* weakProtocols(apiserver: ComponentInvocation): Generator<Violation> {
  const who = describeInvocation(apiserver);
  const weak = apiserver.flags.values('tls-cipher-suites').filter((suite) => isWeakCipherSuite(suite, 'kube-apiserver'));
  // --tls-cipher-suites is a slice flag: point at the occurrence that holds the first weak suite.
  const holder = apiserver.flags.occurrences.get('tls-cipher-suites')?.find((o) => o.value.split(',').some((s) => weak.includes(s.trim())));
  if (holder !== undefined) yield fail(`${who} allows weak TLS cipher suites ${weak.join(', ')}: ${WEAK_SUITES_CONSEQUENCE}`, apiserver.argPath(holder), 'medium');
  const minVersion = apiserver.flags.last('tls-min-version');
  if (minVersion !== undefined && OUTDATED_TLS_VERSIONS.has(minVersion.value)) {
    yield fail(`${who} sets --tls-min-version=${minVersion.value}: ${OUTDATED_TLS_CONSEQUENCE}`, apiserver.argPath(minVersion), 'medium');
  }
}

export const rule = defineRule({
  id: 'apiserver-tls',
  title: 'API server TLS is incomplete',
  severity: 'high',
  threats: ['api-server-kubelet', 'data-exfiltration'],
  mitre: ['T1557', 'T1040'],
  remediation: 'Start kube-apiserver with --tls-cert-file, --tls-private-key-file, --client-ca-file, --etcd-certfile, --etcd-keyfile, --etcd-cafile, --kubelet-client-certificate, --kubelet-client-key and --kubelet-certificate-authority, and keep --tls-cipher-suites to the suites CIS accepts and --tls-min-version at VersionTLS12 or later.',
  references: [
    'https://kubernetes.io/docs/setup/best-practices/certificates/',
    'https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, ['kube-apiserver'], judge);
  },
});
