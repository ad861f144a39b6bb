/**
 * Admission plugins CIS asks for (1.2.3, 1.2.9, 1.2.11) that are off by default and that a
 * cluster may replace with its own controls (a policy engine, a proxy's rate limits): kept out of
 * apiserver-admission-plugins so a cluster that covers them otherwise can turn this rule off alone.
 */
import type { Violation } from '../../core/rule.js';
import { defineRule, fail, warn } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { Severity } from '../../model/severity.js';
import { admissionPlugins } from '../_shared/admission-plugins.js';
import type { ComponentInvocation, ControlPlaneOptions } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';

interface Recommended {
  readonly plugin: string;
  /** The first Kubernetes minor release that has the plugin: older API servers refuse to start with it. */
  readonly since?: number;
  readonly severity: Severity;
  /** What the cluster is open to without the plugin. */
  readonly why: string;
}

const RECOMMENDED: readonly Recommended[] = [
  {
    plugin: 'AlwaysPullImages',
    severity: 'low',
    why: 'a pod can run a private image already pulled onto its node without the pull secret that grants it, because imagePullPolicy IfNotPresent skips the registry\'s check',
  },
  {
    plugin: 'DenyServiceExternalIPs',
    since: 21,
    severity: 'medium',
    why: 'anyone who may create or edit a Service can set spec.externalIPs and capture the traffic that pods and nodes send to those addresses (CVE-2020-8554)',
  },
  {
    plugin: 'EventRateLimit',
    severity: 'low',
    why: 'a client or a crash-looping workload can flood the API server and etcd with events',
  },
];

function* judge(apiserver: ComponentInvocation): Generator<Violation> {
  const who = describeInvocation(apiserver);
  const { enabled, disabled, enabledPath } = admissionPlugins(apiserver);
  const minor = apiserver.kubernetesMinor;
  for (const { plugin, since, severity, why } of RECOMMENDED) {
    if (since !== undefined && minor !== undefined && minor < since) continue;
    if (!enabled.includes(plugin) || disabled.includes(plugin)) {
      yield fail(`${who} does not enable the ${plugin} admission plugin: ${why}`, enabledPath, severity);
    }
  }
  // EventRateLimit has no built-in limits and an empty configuration fails validation.
  const config = apiserver.flags.last('admission-control-config-file');
  if (enabled.includes('EventRateLimit') && (config === undefined || config.value === '')) {
    yield warn(`${who} enables the EventRateLimit admission plugin without --admission-control-config-file: the plugin has no limits to apply, and kube-apiserver refuses to start`, enabledPath);
  }
}

export const rule = defineRule({
  id: 'apiserver-recommended-admission-plugins',
  title: 'API server runs without the admission plugins CIS recommends',
  severity: 'medium',
  threats: ['api-server-kubelet', 'lateral-movement', 'image-security'],
  mitre: ['T1557', 'T1499', 'T1610'],
  remediation: 'Add DenyServiceExternalIPs, AlwaysPullImages and EventRateLimit to --enable-admission-plugins, with the EventRateLimit limits in --admission-control-config-file.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#denyserviceexternalips',
    'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages',
    'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#eventratelimit',
    'https://github.com/kubernetes/kubernetes/issues/97076',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, ['kube-apiserver'], judge);
  },
});
