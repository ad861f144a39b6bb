/**
 * A hostPort binds the container port on the node's own IP addresses: the pod is reachable from
 * anywhere that reaches the node, past Services and most NetworkPolicy implementations, and only
 * one such pod fits per node.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import { describeContainer } from '../_lib/pod.js';

export const rule = defineRule({
  id: 'host-port',
  title: 'Container binds a host port',
  severity: 'medium',
  threats: ['network-security', 'lateral-movement', 'container-compromise'],
  mitre: ['T1133', 'T1046'],
  remediation: 'Remove hostPort from the container ports and expose the pod through a Service instead.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    'https://kubernetes.io/docs/concepts/configuration/overview/#services',
  ],
  target: 'workload',
  *check({ workload }) {
    // With hostNetwork the API server defaults every unset hostPort to the containerPort.
    const hostNetwork = workload.podSpec.hostNetwork === true;
    for (const ref of workload.containers) {
      for (const [index, value] of asArray(ref.container.ports).entries()) {
        const port = asRecord(value);
        const written = port?.hostPort;
        const defaulted = hostNetwork && (written === undefined || written === 0);
        const hostPort = defaulted ? port?.containerPort : written;
        // hostPort 0 (or absent) means no host binding.
        if (typeof hostPort !== 'number' || hostPort === 0) continue;
        const ip = asString(port?.hostIP);
        const where = ip === undefined || ip === '' || ip === '0.0.0.0' ? "on every address of the node" : `on the node address ${ip}`;
        const protocol = asString(port?.protocol) ?? 'TCP';
        const how = defaulted ? ' (hostNetwork: true makes its containerPort a host port)' : '';
        yield fail(`${describeContainer(ref)} binds host port ${hostPort}/${protocol} ${where}${how}`, pointer(ref.path, 'ports', index, defaulted ? 'containerPort' : 'hostPort'));
      }
    }
  },
});
