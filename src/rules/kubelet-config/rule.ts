/**
 * How each node's kubelet authenticates and authorises callers of its API, and how it hardens the
 * node, wherever the input keeps it:
 *
 * - KubeletConfiguration files (kubelet.config.k8s.io). Missing fields take the defaults of the
 *   configuration file format (v1beta1), which differ from the kubelet's command-line defaults:
 *   anonymous auth off, Webhook authorization, read-only port 0.
 * - Kubelet flags in kubeadm and Cluster API objects (nodeRegistration.kubeletExtraArgs), which
 *   override the configuration file; only the flags given are judged.
 */
import type { Outcome, RuleContext, Violation } from '../../core/rule.js';
import { defineRule, fail, skip, warn } from '../../core/rule.js';
import { asArray, asRecord } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';
import { isZeroDuration, judgeKubeletFlags, KUBELET_FLAG_KINDS, isKubeadmInitKubeletConfig, kubeadmDefaultKubelet, kubeletConfigMapConfiguration, kubeletFlagSets, kubeletFlagShapeProblems } from '../_shared/kubeadm-kubelet-flags.js';
import { OUTDATED_TLS_CONSEQUENCE, OUTDATED_TLS_VERSIONS, WEAK_SUITES_CONSEQUENCE, isWeakCipherSuite } from '../_shared/tls-cipher-suites.js';

/** CIS 4.2.11 and 4.2.13: serving certificate rotation and a per-pod PID limit. */
function* limits(object: Record<string, unknown>, name: string): Generator<Violation> {
  // The gate is on by default (beta since 1.12); only an explicit false turns rotation off.
  if (asRecord(object.featureGates)?.RotateKubeletServerCertificate === false) {
    yield fail(`${name} turns off the RotateKubeletServerCertificate feature gate: the kubelet's serving certificate is never renewed from the cluster CA, so it expires or stays self-signed`, '/featureGates/RotateKubeletServerCertificate', 'low');
  }
  const pids = object.podPidsLimit;
  // -1 (the default) and 0 mean no limit.
  if (pids === undefined || (typeof pids === 'number' && pids <= 0)) {
    const shown = pids === undefined ? 'does not set podPidsLimit' : `sets podPidsLimit to ${String(pids)}`;
    yield fail(`${name} ${shown}: one pod can fork until the node runs out of process ids, taking every other pod and the kubelet down with it`, pids === undefined ? '' : '/podPidsLimit', 'low');
  }
}

/**
 * Where the kubelet's serving certificate comes from (CIS 4.2.9): given files, or requested from
 * the cluster CA with serverTLSBootstrap. With neither, the kubelet makes a self-signed one.
 */
function* servingCertificate(object: Record<string, unknown>, name: string): Generator<Violation> {
  if (object.serverTLSBootstrap === true) return;
  const cert = typeof object.tlsCertFile === 'string' && object.tlsCertFile !== '';
  const key = typeof object.tlsPrivateKeyFile === 'string' && object.tlsPrivateKeyFile !== '';
  if (cert && key) return;
  if (cert !== key) {
    const [given, missing] = cert ? ['tlsCertFile', 'tlsPrivateKeyFile'] : ['tlsPrivateKeyFile', 'tlsCertFile'];
    yield warn(`${name} sets ${given} without ${missing}: the kubelet cannot load its serving certificate`, `/${given}`, 'medium');
    return;
  }
  const path = object.serverTLSBootstrap === undefined ? '' : '/serverTLSBootstrap';
  yield fail(`${name} sets neither tlsCertFile and tlsPrivateKeyFile nor serverTLSBootstrap: true, so the kubelet serves a self-signed certificate made at start-up: the API server cannot verify it, and exec, logs and port-forward traffic to the node can be intercepted`, path, 'medium');
}

/** Node-level hardening CIS 4.2.5, 4.2.6 and 4.2.12 (with the TLS version floor) read from the same file. */
function* connections(object: Record<string, unknown>, name: string): Generator<Violation> {
  const idle = object.streamingConnectionIdleTimeout;
  if (isZeroDuration(idle)) {
    yield fail(`${name} sets streamingConnectionIdleTimeout to ${String(idle)}: exec, attach and port-forward streams never time out, so abandoned sessions stay open and connections pile up until the kubelet runs out of them`, '/streamingConnectionIdleTimeout', 'medium');
  }
  if (object.makeIPTablesUtilChains === false) {
    yield fail(`${name} sets makeIPTablesUtilChains: false, so the kubelet does not maintain its iptables chains and the node's firewall rules drift from what pods and hostPorts need`, '/makeIPTablesUtilChains', 'low');
  }
  const suites = asArray(object.tlsCipherSuites);
  const weak = suites.flatMap((suite, index) => (typeof suite === 'string' && isWeakCipherSuite(suite, 'kubelet') ? [{ suite, index }] : []));
  const first = weak[0];
  if (first !== undefined) {
    yield fail(`${name} allows weak TLS cipher suites ${weak.map((w) => w.suite).join(', ')}: ${WEAK_SUITES_CONSEQUENCE}`, `/tlsCipherSuites/${String(first.index)}`, 'medium');
  }
  const minVersion = object.tlsMinVersion;
  if (typeof minVersion === 'string' && OUTDATED_TLS_VERSIONS.has(minVersion)) {
    yield fail(`${name} sets tlsMinVersion to ${minVersion}: ${OUTDATED_TLS_CONSEQUENCE}`, '/tlsMinVersion', 'medium');
  }
}

/** `byKubeadm`: kubeadm init fills in clientCAFile and forces rotateCertificates before the kubelet reads it. */
function* judge(object: Record<string, unknown>, name: string, byKubeadm: boolean): Generator<Violation> {
  const authn = asRecord(object.authentication);
  if (asRecord(authn?.anonymous)?.enabled === true) {
    yield fail(`${name} enables anonymous authentication: anyone who reaches port 10250 calls the kubelet API as system:anonymous`, '/authentication/anonymous/enabled', 'critical');
  }
  const clientCA = asRecord(authn?.x509)?.clientCAFile;
  if ((typeof clientCA !== 'string' || clientCA === '') && !byKubeadm) {
    const path = clientCA === undefined ? '' : '/authentication/x509/clientCAFile';
    yield fail(`${name} does not set authentication.x509.clientCAFile: the kubelet cannot verify client certificates, so the API server's own kubelet client certificate is refused for exec and logs, which pushes operators to anonymous access`, path, 'medium');
  }
  if (asRecord(authn?.webhook)?.enabled === false) {
    yield fail(`${name} disables webhook authentication: service account and user tokens are not accepted, which pushes operators to anonymous access or shared certificates`, '/authentication/webhook/enabled', 'medium');
  }
  if (asRecord(object.authorization)?.mode === 'AlwaysAllow') {
    yield fail(`${name} sets authorization.mode AlwaysAllow: every caller that authenticates may exec into any pod on the node and read its logs and secrets`, '/authorization/mode', 'critical');
  }
  const readOnlyPort = object.readOnlyPort;
  if (typeof readOnlyPort === 'number' && readOnlyPort !== 0) {
    yield fail(`${name} opens the read-only port ${readOnlyPort}: it serves pod specs, environment and node details without any authentication`, '/readOnlyPort', 'medium');
  }
  if (object.protectKernelDefaults !== true) {
    const path = object.protectKernelDefaults === undefined ? '' : '/protectKernelDefaults';
    yield fail(`${name} does not set protectKernelDefaults: true, so the kubelet silently changes kernel tunables instead of refusing to run on a host that differs from what it expects`, path, 'low');
  }
  if (object.rotateCertificates !== true && !byKubeadm) {
    const path = object.rotateCertificates === undefined ? '' : '/rotateCertificates';
    yield fail(`${name} does not set rotateCertificates: true, so its client certificate is never renewed: it expires (taking the node down) or, if long-lived, stays valid after a compromise`, path, 'low');
  }
  yield* servingCertificate(object, name);
  yield* connections(object, name);
  yield* limits(object, name);
}

export const rule = defineRule({
  id: 'kubelet-config',
  title: 'Kubelet configuration is insecure',
  severity: 'high',
  threats: ['api-server-kubelet', 'host-compromise'],
  mitre: ['T1609', 'T1190', 'T1611'],
  remediation: 'Set authentication.anonymous.enabled false, authentication.x509.clientCAFile, authorization.mode Webhook, readOnlyPort 0, protectKernelDefaults true, rotateCertificates true, tlsCertFile and tlsPrivateKeyFile or serverTLSBootstrap true, a non-zero streamingConnectionIdleTimeout, only AEAD tlsCipherSuites, tlsMinVersion VersionTLS12 or later and a positive podPidsLimit in the KubeletConfiguration.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
    'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/',
  ],
  target: { kinds: ['ConfigMap', 'KubeletConfiguration', ...KUBELET_FLAG_KINDS] },
  *check(resource: Resource, { index }: RuleContext<undefined>): Generator<Outcome> {
    if (resource.kind === 'KubeletConfiguration') {
      if (resource.apiVersion.startsWith('kubelet.config.k8s.io/')) yield* judge(resource.object, `KubeletConfiguration "${resource.name}"`, isKubeadmInitKubeletConfig(index, resource));
      else yield skip(`${resource.apiVersion} is not a kubelet configuration`);
      return;
    }
    if (resource.kind === 'ConfigMap') {
      const config = kubeletConfigMapConfiguration(resource);
      if (config === undefined) {
        yield skip('the ConfigMap holds no KubeletConfiguration under the key kubelet');
        return;
      }
      // The embedded file has no positions of its own: findings point at its data key.
      const name = `the KubeletConfiguration in ConfigMap "${resource.namespace ?? 'default'}/${resource.name}" (key kubelet)`;
      for (const violation of judge(config, name, false)) yield { ...violation, path: '/data/kubelet' };
      return;
    }
    const sets = kubeletFlagSets(resource) ?? [];
    const defaults = kubeadmDefaultKubelet(index, resource);
    if (sets.length === 0 && defaults === undefined) {
      yield skip('no kubelet flags, and the kubelet\'s configuration is not in this object');
      return;
    }
    const who = resource.name === resource.kind ? resource.kind : `${resource.kind} "${resource.name}"`;
    if (defaults !== undefined) {
      // Every finding points at the init configuration that leaves the kubelet to kubeadm's defaults.
      for (const violation of judge(defaults.object, `${who} gets kubeadm's default KubeletConfiguration, which`, true)) yield { ...violation, path: defaults.path };
    }
    const flagFindings = [...kubeletFlagShapeProblems(resource, who), ...sets.flatMap((set) => [...judgeKubeletFlags(who, set)])];
    yield* flagFindings;
    // Flags that are all safe say nothing of the rest of the kubelet's configuration: not a pass,
    // which would let a compliance section count every kubelet control as passed on their account.
    if (defaults === undefined && flagFindings.length === 0) yield skip('the kubelet flags given are safe; the kubelet\'s configuration is not in this object');
  },
});
