/**
 * The runtime masks and read-only-mounts parts of /proc (kcore, sysrq-trigger, keys, timer_list,
 * /proc/sys ...) in every container. procMount: Unmasked removes those masks, which only makes
 * sense for nested container runtimes inside a user namespace.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { USER_NAMESPACE_NOTE, containerSecurityContext, describeContainer, isWindowsPod, usesUserNamespace } from '../_lib/pod.js';

export const rule = defineRule({
  id: 'proc-mount-unmasked',
  title: 'Container mounts /proc unmasked',
  severity: 'high',
  threats: ['host-compromise', 'container-compromise'],
  mitre: ['T1611'],
  remediation: 'Remove securityContext.procMount (or set it to Default) so the runtime keeps its /proc masks.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1',
  ],
  target: 'workload',
  *check({ workload }) {
    if (isWindowsPod(workload)) return;
    const note = usesUserNamespace(workload) ? USER_NAMESPACE_NOTE : '';
    for (const ref of workload.containers) {
      // procMount exists only at container level; anything but Default (the API default) unmasks.
      const procMount: unknown = containerSecurityContext(ref).procMount;
      if (typeof procMount !== 'string' || procMount === 'Default' || procMount === '') continue;
      yield fail(
        `${describeContainer(ref)} sets procMount "${procMount}": /proc is mounted without the runtime's masked and read-only paths${note}`,
        pointer(ref.path, 'securityContext', 'procMount'),
        note === '' ? undefined : 'low',
      );
    }
  },
});
