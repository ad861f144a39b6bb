import type { Violation } from '../../core/rule.js';
import { defineRule, fail, skip } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { ComponentInvocation, ControlPlaneOptions } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents, replacedKubeadmDefault } from '../_shared/control-plane.js';

/** kube-apiserver's default when neither --authorization-mode nor --authorization-config is given. */
const DEFAULT_MODES = ['AlwaysAllow'];

function* judge(apiserver: ComponentInvocation): Generator<Violation> {
  const occurrence = apiserver.flags.last('authorization-mode');
  const modes = occurrence === undefined ? DEFAULT_MODES : apiserver.flags.values('authorization-mode');
  const path = occurrence === undefined ? apiserver.flagsPath : apiserver.argPath(occurrence);
  const who = describeInvocation(apiserver);
  const shown = occurrence === undefined ? 'does not set --authorization-mode (default AlwaysAllow)' : `runs with --authorization-mode=${modes.join(',')}`;
  if (modes.includes('AlwaysAllow')) {
    yield fail(`${who} ${shown}: every authenticated request is allowed, so any identity is cluster-admin`, path, 'critical');
    return;
  }
  const replaced = replacedKubeadmDefault(apiserver, 'authorization-mode');
  if (!modes.includes('Node')) yield fail(`${who} ${shown} without Node${replaced}: kubelets are not limited to the secrets, pods and node objects of their own node`, path);
  if (!modes.includes('RBAC')) yield fail(`${who} ${shown} without RBAC${replaced}: Roles and RoleBindings are not enforced`, path);
}

export const rule = defineRule({
  id: 'apiserver-authorization-mode',
  title: 'API server authorization is weak',
  severity: 'high',
  threats: ['api-server-kubelet', 'identity-access'],
  mitre: ['T1078'],
  remediation: 'Start kube-apiserver with --authorization-mode=Node,RBAC (never AlwaysAllow).',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/authorization/#authorization-modules',
    'https://kubernetes.io/docs/reference/access-authn-authz/node/',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, ['kube-apiserver'], function* (apiserver) {
      // --authorization-config (structured authorization) replaces --authorization-mode.
      if (!apiserver.flags.has('authorization-mode') && apiserver.flags.has('authorization-config')) {
        yield skip('authorization is configured in the --authorization-config file, which is not part of the input');
        return;
      }
      yield* judge(apiserver);
    });
  },
});
