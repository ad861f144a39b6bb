/**
 * KubeletConfiguration files (kubelet.config.k8s.io): how each node's kubelet authenticates and
 * authorises callers of its API, and how it hardens the node. Missing fields take the defaults of
 * the configuration file format (v1beta1), which differ from the kubelet's command-line defaults:
 * anonymous auth off, Webhook authorization, read-only port 0.
 */
import type { Violation } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import { asRecord } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';

function* judge(config: Resource): Generator<Violation> {
  const object = config.object;
  const name = `KubeletConfiguration "${config.name}"`;
  const authn = asRecord(object.authentication);
  if (asRecord(authn?.anonymous)?.enabled === true) {
    yield fail(`${name} enables anonymous authentication: anyone who reaches port 10250 calls the kubelet API as system:anonymous`, '/authentication/anonymous/enabled', 'critical');
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
  if (object.rotateCertificates !== true) {
    const path = object.rotateCertificates === undefined ? '' : '/rotateCertificates';
    yield fail(`${name} does not set rotateCertificates: true, so its client certificate is never renewed: it expires (taking the node down) or, if long-lived, stays valid after a compromise`, path, 'low');
  }
}

export const rule = defineRule({
  id: 'kubelet-config',
  title: 'Kubelet configuration is insecure',
  severity: 'high',
  threats: ['api-server-kubelet', 'host-compromise'],
  mitre: ['T1609', 'T1190', 'T1611'],
  remediation: 'Set authentication.anonymous.enabled false, authorization.mode Webhook, readOnlyPort 0, protectKernelDefaults true and rotateCertificates true in the KubeletConfiguration.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
    'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/',
  ],
  target: { kinds: ['KubeletConfiguration'] },
  *check(config: Resource) {
    if (!config.apiVersion.startsWith('kubelet.config.k8s.io/')) return;
    yield* judge(config);
  },
});
