/**
 * Long-running containers need a liveness probe (so a hung or wedged process is restarted) and a
 * readiness probe (so traffic goes only to instances that can serve). Run-to-completion pods
 * (Jobs, CronJobs, bare pods that never restart) and plain init containers end on their own and
 * are not checked; sidecar init containers (restartPolicy: Always) run for the pod's life and are.
 */
import { defineRule, fail } from '../../core/rule.js';
import type { ContainerRef } from '../../model/k8s.js';
import { pointer } from '../../lib/json-pointer.js';
import { asRecord, asString } from '../../lib/k8s/values.js';
import { describeContainer } from '../_lib/pod.js';

const RUN_TO_COMPLETION_KINDS = new Set(['Job', 'CronJob']);

const PROBES = [
  { field: 'livenessProbe', kind: 'liveness', consequence: 'a hung process is never restarted' },
  { field: 'readinessProbe', kind: 'readiness', consequence: 'it receives traffic before it can serve and while it cannot' },
] as const;

function isLongRunning(ref: ContainerRef): boolean {
  if (ref.kind === 'containers') return true;
  return ref.kind === 'initContainers' && asString(asRecord(ref.container)?.restartPolicy) === 'Always';
}

export const rule = defineRule({
  id: 'probes-missing',
  title: 'Long-running container has no liveness or readiness probe',
  severity: 'low',
  threats: ['container-compromise', 'monitoring-logging'],
  mitre: ['T1499'],
  remediation: 'Add a livenessProbe and a readinessProbe to every long-running container.',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
  ],
  target: 'workload',
  *check({ resource, workload }) {
    if (RUN_TO_COMPLETION_KINDS.has(resource.kind)) return;
    const restartPolicy = asString(workload.podSpec.restartPolicy);
    // A bare pod that never restarts its containers is a one-off task, not a service.
    if (restartPolicy === 'Never' || restartPolicy === 'OnFailure') return;
    for (const ref of workload.containers) {
      if (!isLongRunning(ref)) continue;
      for (const probe of PROBES) {
        if (asRecord(asRecord(ref.container)?.[probe.field]) !== undefined) continue;
        yield fail(`${describeContainer(ref)} has no ${probe.kind} probe: ${probe.consequence}`, pointer(ref.path, probe.field));
      }
    }
  },
});
