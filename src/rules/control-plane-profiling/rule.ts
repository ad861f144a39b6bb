import { defineRule, fail, skip, warn } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { Component, ControlPlaneOptions } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';
import { boolFlag, describeReading } from '../_shared/flag-values.js';

/** kube-apiserver has its own rule (apiserver-profiling); etcd's pprof is off by default and separate. */
const COMPONENTS: readonly Component[] = ['kube-controller-manager', 'kube-scheduler'];

export const rule = defineRule({
  id: 'control-plane-profiling',
  title: 'Controller manager or scheduler exposes profiling endpoints',
  severity: 'low',
  threats: ['api-server-kubelet'],
  mitre: ['T1613', 'T1499'],
  remediation: 'Start kube-controller-manager and kube-scheduler with --profiling=false, and set enableProfiling: false in the KubeSchedulerConfiguration of a scheduler started with --config.',
  references: [
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, COMPONENTS, function* (component) {
      const reading = boolFlag(component, 'profiling', true);
      const what = `${describeInvocation(component)} ${describeReading('profiling', reading)}`;
      if (reading.state === 'invalid') {
        yield warn(`${what}: ${component.component} refuses to start with it`, reading.path);
        return;
      }
      // kube-scheduler's --profiling is deprecated and ignored once --config names a
      // KubeSchedulerConfiguration: its enableProfiling (default true) decides.
      const config = component.component === 'kube-scheduler' ? component.flags.last('config') : undefined;
      if (config !== undefined && config.value !== '') {
        if (reading.state === 'set' && !reading.value) {
          yield warn(`${what}, which kube-scheduler ignores because --config is given: profiling follows enableProfiling in that file, which defaults to true`, reading.path);
        } else {
          yield skip('kube-scheduler takes profiling from enableProfiling in its --config file, which is not part of the input');
        }
        return;
      }
      if (reading.value) yield fail(`${what}: /debug/pprof reveals internals and lets callers run expensive CPU and heap profiles`, reading.path);
    });
  },
});
