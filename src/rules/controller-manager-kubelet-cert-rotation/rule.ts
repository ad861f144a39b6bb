/**
 * The RotateKubeletServerCertificate feature gate on kube-controller-manager. The gate is on by
 * default (beta since 1.12), so only an explicit false is a finding; kubelet-config checks the
 * same gate on the nodes, where it decides whether the serving certificate is renewed.
 */
import { defineRule, fail, warn } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { ControlPlaneOptions } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';
import { describeReading, featureGate } from '../_shared/flag-values.js';

const GATE = 'RotateKubeletServerCertificate';

export const rule = defineRule({
  id: 'controller-manager-kubelet-cert-rotation',
  title: 'Controller manager turns off kubelet serving certificate rotation',
  severity: 'low',
  threats: ['api-server-kubelet'],
  mitre: ['T1557'],
  remediation: 'Remove RotateKubeletServerCertificate=false from the --feature-gates of kube-controller-manager.',
  references: [
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, ['kube-controller-manager'], function* (manager) {
      const reading = featureGate(manager, GATE, true);
      const what = `${describeInvocation(manager)} ${describeReading('feature-gates', reading)}`;
      if (reading.state === 'invalid') yield warn(`${what}: kube-controller-manager refuses to start with it`, reading.path);
      else if (!reading.value) yield fail(`${what}: the control plane is set against renewing kubelet serving certificates, so kubelets keep self-signed or long-lived ones that the API server cannot verify or that outlive a compromise`, reading.path);
    });
  },
});
