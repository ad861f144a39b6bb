import type { Violation } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { ComponentInvocation, ControlPlaneOptions } from '../_shared/control-plane.js';
import { admissionPlugins } from '../_shared/admission-plugins.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents, replacedKubeadmDefault } from '../_shared/control-plane.js';

/** Plugins on by default that CIS 1.2.12 and 1.2.13 require to stay on, and what turning them off allows. */
const DEFAULT_ON: readonly { plugin: string; why: string }[] = [
  { plugin: 'ServiceAccount', why: 'pods may name service accounts that do not exist, get no default service account or token volume, and escape the mountable-secrets restriction' },
  { plugin: 'NamespaceLifecycle', why: 'objects can be created in namespaces being deleted or that do not exist, and the system namespaces can be deleted' },
];

/** Default plugins switched off: by --disable-admission-plugins, or left out of a legacy --admission-control list. */
function* defaultsTurnedOff(apiserver: ComponentInvocation): Generator<Violation> {
  const who = describeInvocation(apiserver);
  const disabledFlag = apiserver.flags.last('disable-admission-plugins');
  const disabled = apiserver.flags.values('disable-admission-plugins');
  const legacyFlag = apiserver.flags.last('admission-control');
  const legacy = apiserver.flags.values('admission-control');
  for (const { plugin, why } of DEFAULT_ON) {
    if (disabledFlag !== undefined && disabled.includes(plugin)) {
      yield fail(`${who} disables the ${plugin} admission plugin: ${why}`, apiserver.argPath(disabledFlag), 'medium');
    } else if (legacyFlag !== undefined && !legacy.includes(plugin)) {
      yield fail(`${who} leaves the ${plugin} admission plugin out of --admission-control, which replaces the default set: ${why}`, apiserver.argPath(legacyFlag), 'medium');
    }
  }
}

/** NodeRestriction is not in the default set, so it must be named; AlwaysAdmit is never on unless named. */
function* judge(apiserver: ComponentInvocation): Generator<Violation> {
  const who = describeInvocation(apiserver);
  const { enabled, disabled, enabledPath, disabledFlag } = admissionPlugins(apiserver);
  if (enabled.includes('AlwaysAdmit')) {
    yield fail(`${who} enables the AlwaysAdmit admission plugin: it admits every request, whatever the other plugins decide`, enabledPath, 'critical');
  }
  if (disabled.includes('NodeRestriction') && disabledFlag !== undefined) {
    yield fail(`${who} disables the NodeRestriction admission plugin: a kubelet credential can modify any node and any pod`, apiserver.argPath(disabledFlag));
  } else if (!enabled.includes('NodeRestriction')) {
    yield fail(`${who} does not enable the NodeRestriction admission plugin${replacedKubeadmDefault(apiserver, 'enable-admission-plugins')}: a kubelet credential can modify any node and any pod, and relabel its node to attract workloads`, enabledPath);
  }
  yield* defaultsTurnedOff(apiserver);
}

export const rule = defineRule({
  id: 'apiserver-admission-plugins',
  title: 'API server admission plugins are unsafe',
  severity: 'high',
  threats: ['api-server-kubelet', 'host-compromise'],
  mitre: ['T1078', 'T1611'],
  remediation: 'Add NodeRestriction to --enable-admission-plugins, remove AlwaysAdmit from it, and keep ServiceAccount and NamespaceLifecycle out of --disable-admission-plugins.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#noderestriction',
    'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwaysadmit',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, ['kube-apiserver'], judge);
  },
});
