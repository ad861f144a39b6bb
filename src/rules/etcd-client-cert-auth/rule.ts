/**
 * etcd holds every object of the cluster, Secrets included. Whoever can talk to it bypasses the
 * API server's authentication, authorization, admission and audit, so it must demand client
 * certificates from its clients (the API server) and its peers, signed by its own CA.
 */
import type { Violation } from '../../core/rule.js';
import { defineRule, fail, skip, warn } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { ComponentInvocation, ControlPlaneOptions } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';
import { boolFlag, describeReading } from '../_shared/flag-values.js';

/**
 * Client-certificate authentication on one of etcd's two ports. etcd's TLS layer requires and
 * verifies client certificates when the auth flag is true or a trusted CA file is given, and
 * verifies them against that file, or against the host's system roots when there is none.
 */
interface CertAuth {
  readonly flag: string;
  readonly caFlag: string;
  readonly port: string;
  /** What is open without any client-certificate check. */
  readonly open: string;
  readonly severity: 'critical' | 'high';
}

const CERT_AUTH: readonly CertAuth[] = [
  { flag: 'client-cert-auth', caFlag: 'trusted-ca-file', port: 'client', open: 'any client that reaches the client port reads and writes every object, Secrets included', severity: 'critical' },
  { flag: 'peer-client-cert-auth', caFlag: 'peer-trusted-ca-file', port: 'peer', open: 'anything that reaches the peer port can join or impersonate a cluster member', severity: 'high' },
];

const AUTO_TLS: readonly { flag: string; why: string }[] = [
  { flag: 'auto-tls', why: 'clients are served a self-signed certificate that nothing verifies' },
  { flag: 'peer-auto-tls', why: 'peers use self-signed certificates that nothing verifies' },
];

function* certAuth(etcd: ComponentInvocation, { flag, caFlag, port, open, severity }: CertAuth): Generator<Violation> {
  const reading = boolFlag(etcd, flag, false);
  const what = `${describeInvocation(etcd)} ${describeReading(flag, reading)}`;
  if (reading.state === 'invalid') {
    yield warn(`${what}: etcd refuses to start with it`, reading.path);
    return;
  }
  const ca = etcd.flags.last(caFlag);
  const hasCA = ca !== undefined && ca.value !== '';
  if (reading.value && !hasCA) {
    yield fail(`${what} without --${caFlag}: client certificates on the ${port} port are verified against the host's system roots, so a certificate any public CA issued for client authentication is accepted`, reading.path, 'high');
  } else if (!reading.value && hasCA) {
    yield fail(`${what}, though --${caFlag} already makes etcd require ${port} certificates signed by that CA: set the flag so the requirement does not hang on the CA file alone`, reading.path, 'low');
  } else if (!reading.value) {
    yield fail(`${what}: ${open}`, reading.path, severity);
  }
}

function* judge(etcd: ComponentInvocation): Generator<Violation> {
  for (const check of CERT_AUTH) yield* certAuth(etcd, check);
  for (const { flag, why } of AUTO_TLS) {
    const reading = boolFlag(etcd, flag, false);
    const what = `${describeInvocation(etcd)} ${describeReading(flag, reading)}`;
    if (reading.state === 'invalid') yield warn(`${what}: etcd refuses to start with it`, reading.path);
    else if (reading.value) yield fail(`${what}: ${why}`, reading.path, 'medium');
  }
}

export const rule = defineRule({
  id: 'etcd-client-cert-auth',
  title: 'etcd does not require client certificates',
  severity: 'critical',
  threats: ['api-server-kubelet', 'data-exfiltration'],
  mitre: ['T1552.007', 'T1078'],
  remediation: 'Start etcd with --client-cert-auth=true and --trusted-ca-file, --peer-client-cert-auth=true and --peer-trusted-ca-file naming the etcd CA, and without --auto-tls or --peer-auto-tls.',
  references: [
    'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters',
    'https://etcd.io/docs/v3.5/op-guide/security/',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, ['etcd'], function* (etcd) {
      // With a configuration file etcd ignores its other command-line flags.
      if (etcd.flags.has('config-file')) {
        yield skip('etcd reads its settings from --config-file, which is not part of the input');
        return;
      }
      yield* judge(etcd);
    });
  },
});
