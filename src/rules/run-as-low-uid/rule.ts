/**
 * Without user namespaces a container's UID is the node's UID. Low UIDs belong to the node's own
 * system and login users, so after an escape (or through a shared hostPath) the process acts with
 * their file ownership. Kubernetes and NSA guidance pick 10000 and above.
 */
import { z } from 'zod';
import { defineRule, warn } from '../../core/rule.js';
import { describeContainer, effectiveField, isWindowsPod, usesUserNamespace } from '../_lib/pod.js';

const options = z.object({
  /** UIDs below this number are taken to collide with users of the node. */
  minimumUid: z.number().int().min(1).default(10000),
});

export const rule = defineRule({
  id: 'run-as-low-uid',
  title: 'Container runs with a UID that may exist on the node',
  severity: 'low',
  threats: ['host-compromise', 'container-compromise'],
  mitre: ['T1611', 'T1078'],
  remediation: 'Set runAsUser to 10000 or above (or enable user namespaces with hostUsers: false).',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  ],
  options,
  target: 'workload',
  *check({ workload }, { options: { minimumUid } }) {
    // In a user namespace the UID is remapped on the node, so no collision is possible.
    if (isWindowsPod(workload) || usesUserNamespace(workload)) return;
    for (const ref of workload.containers) {
      const user = effectiveField(workload, ref, 'runAsUser');
      // UID 0 is run-as-uid-zero's finding; unset leaves the image's USER, judged by run-as-root.
      if (typeof user?.value !== 'number' || user.value <= 0 || user.value >= minimumUid) continue;
      yield warn(`${describeContainer(ref)} runs as UID ${String(user.value)} (${user.from} level), below ${String(minimumUid)}: it may match a user of the node`, user.path);
    }
  },
});
