import { defineRule, fail, warn } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { ControlPlaneOptions } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';
import { boolFlag, describeReading } from '../_shared/flag-values.js';

export const rule = defineRule({
  id: 'apiserver-profiling',
  title: 'API server exposes profiling endpoints',
  severity: 'low',
  threats: ['api-server-kubelet'],
  mitre: ['T1613', 'T1499'],
  remediation: 'Start kube-apiserver with --profiling=false.',
  references: [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/',
    'https://github.com/kubernetes/community/blob/master/contributors/devel/sig-scalability/profiling.md',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, ['kube-apiserver'], function* (apiserver) {
      const reading = boolFlag(apiserver, 'profiling', true);
      const what = `${describeInvocation(apiserver)} ${describeReading('profiling', reading)}`;
      if (reading.state === 'invalid') yield warn(`${what}: kube-apiserver refuses to start with it`, reading.path);
      else if (reading.value) yield fail(`${what}: /debug/pprof reveals internals and lets callers run expensive CPU and heap profiles`, reading.path);
    });
  },
});
