/**
 * etcd holds every object of the cluster, Secrets included. Whoever can talk to it bypasses the
 * API server's authentication, authorization, admission and audit, so it must demand client
 * certificates from its clients (the API server) and its peers, signed by its own CA.
 */
import type { Violation } from '../../core/rule.js';
import { defineRule, fail, skip, warn } from '../../core/rule.js';
import type { RuleContext, WorkloadSubject } from '../../core/rule.js';
import type { ComponentInvocation, ControlPlaneOptions } from '../_shared/control-plane.js';
import { controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';
import { boolFlag, describeReading } from '../_shared/flag-values.js';

interface Expectation {
  readonly flag: string;
  /** The value the flag must have. */
  readonly want: boolean;
  readonly why: string;
  readonly severity: 'critical' | 'high' | 'medium';
}

const EXPECTATIONS: readonly Expectation[] = [
  { flag: 'client-cert-auth', want: true, why: 'any client that reaches the client port reads and writes every object, Secrets included', severity: 'critical' },
  { flag: 'peer-client-cert-auth', want: true, why: 'anything that reaches the peer port can join or impersonate a cluster member', severity: 'high' },
  { flag: 'auto-tls', want: false, why: 'clients are served a self-signed certificate that nothing verifies', severity: 'medium' },
  { flag: 'peer-auto-tls', want: false, why: 'peers use self-signed certificates that nothing verifies', severity: 'medium' },
];

function* judge(etcd: ComponentInvocation): Generator<Violation> {
  for (const { flag, want, why, severity } of EXPECTATIONS) {
    const reading = boolFlag(etcd, flag, false);
    const what = `${describeInvocation(etcd)} ${describeReading(flag, reading)}`;
    if (reading.state === 'invalid') yield warn(`${what}: etcd refuses to start with it`, reading.path);
    else if (reading.value !== want) yield fail(`${what}: ${why}`, reading.path, severity);
  }
}

export const rule = defineRule({
  id: 'etcd-client-cert-auth',
  title: 'etcd does not require client certificates',
  severity: 'critical',
  threats: ['api-server-kubelet', 'data-exfiltration'],
  mitre: ['T1552.007', 'T1078'],
  remediation: 'Start etcd with --client-cert-auth=true and --peer-client-cert-auth=true, certificates from the etcd CA, and without --auto-tls or --peer-auto-tls.',
  references: [
    'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters',
    'https://etcd.io/docs/v3.5/op-guide/security/',
  ],
  options: controlPlaneOptions,
  target: 'workload',
  *check(subject: WorkloadSubject, { options }: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(subject, options, ['etcd'], function* (etcd) {
      // With a configuration file etcd ignores its other command-line flags.
      if (etcd.flags.has('config-file')) {
        yield skip('etcd reads its settings from --config-file, which is not part of the input');
        return;
      }
      yield* judge(etcd);
    });
  },
});
