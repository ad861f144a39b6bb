/**
 * A container runs as root unless something guarantees otherwise: runAsNonRoot true (the kubelet
 * then refuses to start a container whose user is UID 0) or a non-zero runAsUser. Without either,
 * the user comes from the image, and most images default to root. Container fields override the
 * pod's, field by field.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asString } from '../../lib/k8s/values.js';
import { USER_NAMESPACE_NOTE, describeContainer, effectiveField, effectiveWindowsOption, isWindowsPod, usesUserNamespace } from '../_lib/pod.js';

/** The built-in administrator of Windows containers. */
const WINDOWS_ADMIN = 'containeradministrator';

export const rule = defineRule({
  id: 'run-as-root',
  title: 'Container may run as root',
  severity: 'medium',
  threats: ['container-compromise', 'host-compromise'],
  mitre: ['T1611', 'T1068'],
  remediation: 'Set runAsNonRoot: true (or a non-zero runAsUser) in the pod or container securityContext and build the image with a non-root USER.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  ],
  target: 'workload',
  *check({ workload }) {
    const windows = isWindowsPod(workload);
    const userNamespace = usesUserNamespace(workload);
    for (const ref of workload.containers) {
      const nonRoot = effectiveField(workload, ref, 'runAsNonRoot');
      if (nonRoot?.value === true) continue;
      const who = describeContainer(ref);
      if (windows) {
        // runAsUser does not exist on Windows; the user is windowsOptions.runAsUserName.
        const user = asString(effectiveWindowsOption(workload, ref, 'runAsUserName')?.value);
        if (user !== undefined && user.toLowerCase() !== WINDOWS_ADMIN) continue;
        yield fail(`${who} may run as ContainerAdministrator: runAsNonRoot is not true and no other runAsUserName is set`, nonRoot?.path ?? pointer(ref.path, 'securityContext', 'runAsNonRoot'));
        continue;
      }
      const user = effectiveField(workload, ref, 'runAsUser');
      if (typeof user?.value === 'number' && Number.isInteger(user.value) && user.value > 0) continue;
      const reason =
        nonRoot?.value === false
          ? `runAsNonRoot is false (${nonRoot.from} level)`
          : 'runAsNonRoot is not set';
      const userReason = user === undefined ? 'no runAsUser is set, so the image decides' : `runAsUser is ${JSON.stringify(user.value)}`;
      const path = user?.path ?? nonRoot?.path ?? pointer(ref.path, 'securityContext', 'runAsNonRoot');
      const message = `${who} may run as root: ${reason} and ${userReason}`;
      yield userNamespace ? fail(message + USER_NAMESPACE_NOTE, path, 'low') : fail(message, path);
    }
  },
});
