/**
 * A writable root filesystem lets an intruder drop tools and persist changes to binaries and
 * configuration for the life of the container. readOnlyRootFilesystem exists only on the container
 * securityContext, and it defaults to false.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { containerSecurityContext, describeContainer, isWindowsPod } from '../_lib/pod.js';

export const rule = defineRule({
  id: 'writable-root-filesystem',
  title: 'Container root filesystem is writable',
  severity: 'medium',
  threats: ['container-compromise'],
  mitre: ['T1105', 'T1525'],
  remediation: 'Set securityContext.readOnlyRootFilesystem to true and mount an emptyDir volume where the application must write.',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  ],
  target: 'workload',
  *check({ workload }) {
    // Windows does not support read-only root filesystems; the API rejects the field there.
    if (isWindowsPod(workload)) return;
    for (const ref of workload.containers) {
      const value = containerSecurityContext(ref).readOnlyRootFilesystem;
      if (value === true) continue;
      const why = value === false ? 'readOnlyRootFilesystem is false' : 'readOnlyRootFilesystem is not set and defaults to false';
      yield fail(`${describeContainer(ref)} has a writable root filesystem: ${why}`, pointer(ref.path, 'securityContext', 'readOnlyRootFilesystem'));
    }
  },
});
