/**
 * AppArmor confines what a container may touch (mounts, /proc and /sys writes, raw sockets) even
 * as root. A missing profile means the runtime's default one; only an explicit Unconfined, in the
 * securityContext.appArmorProfile field or in the older per-container annotation, removes it.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asRecord, asString } from '../../lib/k8s/values.js';
import { describeContainer, effectiveField, isWindowsPod } from '../_lib/pod.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export const rule = defineRule({
  id: 'apparmor-unconfined',
  title: 'Container runs without AppArmor confinement',
  severity: 'medium',
  threats: ['container-compromise', 'host-compromise'],
  mitre: ['T1611', 'T1068'],
  remediation: 'Remove the Unconfined AppArmor setting so the runtime default profile applies, or set appArmorProfile.type to RuntimeDefault or Localhost.',
  references: [
    'https://kubernetes.io/docs/tutorials/security/apparmor/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  target: 'workload',
  *check({ workload }) {
    // AppArmor is Linux-only; the API rejects it on Windows pods.
    if (isWindowsPod(workload)) return;
    const annotations = workload.podMeta.annotations;
    for (const ref of workload.containers) {
      const who = describeContainer(ref);
      const profile = effectiveField(workload, ref, 'appArmorProfile');
      if (profile !== undefined) {
        // The field, when set, is what the kubelet applies; the annotation is only its fallback.
        if (asString(asRecord(profile.value)?.type) === 'Unconfined') {
          yield fail(`${who} runs with AppArmor explicitly Unconfined (${profile.from} level appArmorProfile)`, pointer(profile.path, 'type'));
        }
        continue;
      }
      const key = `${ANNOTATION_PREFIX}${ref.name}`;
      const value = asRecord(annotations)?.[key];
      if (typeof value === 'string' && value.trim() === 'unconfined') {
        yield fail(`${who} runs with AppArmor unconfined through the annotation ${key}`, pointer(workload.podMetaPath, 'annotations', key));
      }
    }
  },
});
