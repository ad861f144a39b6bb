/**
 * Without a seccomp profile a container may make every system call the kernel offers, including
 * the rarely used ones most kernel exploits and escapes go through. The runtime applies no
 * profile unless the pod or container asks for RuntimeDefault or a Localhost profile (or the
 * kubelet runs with --seccomp-default, which a manifest cannot rely on).
 */
import { z } from 'zod';
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asRecord, asString } from '../../lib/k8s/values.js';
import { containerSecurityContext, describeContainer, effectiveField, isWindowsPod } from '../_lib/pod.js';

const options = z.object({
  /**
   * The nodes' kubelets run with seccompDefault: true (--seccomp-default), so a container that
   * names no profile gets RuntimeDefault. Explicit Unconfined and privileged containers still fail.
   */
  kubeletSeccompDefault: z.boolean().default(false),
});

export const rule = defineRule({
  id: 'seccomp-unconfined',
  title: 'Container runs without a seccomp profile',
  severity: 'medium',
  threats: ['container-compromise', 'host-compromise'],
  mitre: ['T1611', 'T1068'],
  remediation: 'Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile) on the pod so every container inherits it.',
  references: [
    'https://kubernetes.io/docs/tutorials/security/seccomp/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
  ],
  options,
  target: 'workload',
  *check({ workload }, { options: { kubeletSeccompDefault } }) {
    // seccomp is Linux-only; the API rejects it on Windows pods.
    if (isWindowsPod(workload)) return;
    for (const ref of workload.containers) {
      const who = describeContainer(ref);
      // The runtime applies no seccomp filter to a privileged container, whatever profile it names.
      if (containerSecurityContext(ref).privileged === true) {
        yield fail(`${who} is privileged, and privileged containers always run seccomp Unconfined whatever profile is set`, pointer(ref.path, 'securityContext', 'privileged'));
        continue;
      }
      const profile = effectiveField(workload, ref, 'seccompProfile');
      if (profile === undefined) {
        if (kubeletSeccompDefault) continue;
        yield fail(`${who} has no seccomp profile at pod or container level, so it runs Unconfined`, pointer(workload.podSpecPath, 'securityContext', 'seccompProfile'));
        continue;
      }
      const record = asRecord(profile.value);
      const type = asString(record?.type);
      const at = pointer(profile.path, 'type');
      if (type === 'RuntimeDefault') continue;
      if (type === 'Localhost') {
        const file = asString(record?.localhostProfile);
        if (file !== undefined && file.trim() !== '') continue;
        yield fail(`${who} asks for a Localhost seccomp profile without naming it in localhostProfile`, at);
        continue;
      }
      yield fail(
        type === 'Unconfined'
          ? `${who} runs with seccomp explicitly Unconfined (${profile.from} level)`
          : `${who} has a seccomp profile of unknown type ${JSON.stringify(type ?? null)} (${profile.from} level)`,
        at,
      );
    }
  },
});
