/**
 * allowPrivilegeEscalation controls the no_new_privs flag: unless it is false, a setuid binary or
 * file capability in the image lifts the process above the privileges it started with. The API
 * defaults it to true, and privileged or CAP_SYS_ADMIN imply it whatever it says.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { addedCapabilities } from '../_lib/capabilities.js';
import { containerSecurityContext, describeContainer, isWindowsPod } from '../_lib/pod.js';

export const rule = defineRule({
  id: 'privilege-escalation-allowed',
  title: 'Container allows privilege escalation',
  severity: 'medium',
  threats: ['container-compromise', 'host-compromise'],
  mitre: ['T1068', 'T1611'],
  remediation: 'Set securityContext.allowPrivilegeEscalation to false on every container and do not combine it with privileged or CAP_SYS_ADMIN.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    'https://www.kernel.org/doc/html/latest/userspace-api/no_new_privs.html',
  ],
  target: 'workload',
  *check({ workload }) {
    // Windows has no no_new_privs; the API rejects the field on Windows pods.
    if (isWindowsPod(workload)) return;
    for (const ref of workload.containers) {
      const context = containerSecurityContext(ref);
      const path = pointer(ref.path, 'securityContext', 'allowPrivilegeEscalation');
      const who = describeContainer(ref);
      if (context.allowPrivilegeEscalation !== false) {
        yield fail(
          context.allowPrivilegeEscalation === true
            ? `${who} sets allowPrivilegeEscalation: true`
            : `${who} allows privilege escalation: allowPrivilegeEscalation is not set and defaults to true`,
          path,
        );
        continue;
      }
      if (context.privileged === true) {
        yield fail(`${who} sets allowPrivilegeEscalation: false but also privileged: true, which always allows escalation`, pointer(ref.path, 'securityContext', 'privileged'));
        continue;
      }
      const sysAdmin = addedCapabilities(ref).find((cap) => cap.name === 'SYS_ADMIN');
      if (sysAdmin !== undefined) {
        yield fail(`${who} sets allowPrivilegeEscalation: false but adds ${sysAdmin.written}, which allows escalation anyway`, sysAdmin.path);
      }
    }
  },
});
