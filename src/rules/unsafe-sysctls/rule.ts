/**
 * Sysctls set in a pod apply to the pod's namespaces, but only a short list is known to be
 * namespaced and isolated between pods; the others reach shared kernel state (IPC limits, network
 * routing, kernel memory) or are not namespaced at all and change the whole node.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import { SAFE_SYSCTLS_LATEST } from '../../lib/pss/checks/sysctls.js';
import { isWindowsPod } from '../_lib/pod.js';

const SAFE: ReadonlySet<string> = new Set(SAFE_SYSCTLS_LATEST);

/**
 * The kubelet accepts `/` as the separator too: when the first separator of a name is `/`, it swaps
 * every `/` and `.` (so net/ipv4/conf/eth0.100/forwarding keeps its dotted interface name); a name
 * whose first separator is `.` is taken as written.
 */
function canonicalSysctl(name: string): string {
  const first = name.search(/[./]/);
  if (first === -1 || name[first] === '.') return name;
  return name.replace(/[./]/g, (c) => (c === '/' ? '.' : '/'));
}

export const rule = defineRule({
  id: 'unsafe-sysctls',
  title: 'Pod sets sysctls outside the safe set',
  severity: 'medium',
  threats: ['host-compromise', 'container-compromise'],
  mitre: ['T1611', 'T1499'],
  remediation: 'Remove the sysctl from spec.securityContext.sysctls, or set it on dedicated nodes outside the pod spec.',
  references: [
    'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  target: 'workload',
  *check({ workload }) {
    if (isWindowsPod(workload)) return;
    const context = asRecord(workload.podSpec.securityContext);
    for (const [index, value] of asArray(context?.sysctls).entries()) {
      const name = asString(asRecord(value)?.name);
      if (name === undefined || name === '') continue;
      if (SAFE.has(canonicalSysctl(name))) continue;
      yield fail(
        `pod sets sysctl "${canonicalSysctl(name)}", which is not in the safe set: it may change kernel state shared with other pods or the node`,
        pointer(workload.podSpecPath, 'securityContext', 'sysctls', index, 'name'),
      );
    }
  },
});
