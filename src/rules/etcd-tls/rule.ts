/**
 * etcd serves its clients (the API server) and its peers over TLS only when given certificates;
 * without them the whole cluster state, Secrets included, crosses the network in clear text.
 */
import type { Violation } from '../../core/rule.js';
import { defineRule, fail, skip } from '../../core/rule.js';
import type { RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import type { ComponentInvocation, ControlPlaneOptions } from '../_shared/control-plane.js';
import { CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';
import { missingFlags } from '../_shared/required-flags.js';

function* plainUrls(etcd: ComponentInvocation): Generator<Violation> {
  for (const name of ['listen-client-urls', 'listen-peer-urls']) {
    const occurrence = etcd.flags.last(name);
    if (occurrence === undefined) continue;
    const plain = occurrence.value.split(',').map((u) => u.trim()).filter((u) => u.startsWith('http://') && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|$)/.test(u));
    if (plain.length > 0) yield fail(`${describeInvocation(etcd)} listens on ${plain.join(', ')} (--${name}) without TLS`, etcd.argPath(occurrence), 'high');
  }
}

export const rule = defineRule({
  id: 'etcd-tls',
  title: 'etcd serves without TLS',
  severity: 'high',
  threats: ['api-server-kubelet', 'data-exfiltration'],
  mitre: ['T1040', 'T1552.007'],
  remediation: 'Start etcd with --cert-file, --key-file, --peer-cert-file and --peer-key-file, and https:// listen URLs.',
  references: [
    'https://etcd.io/docs/v3.5/op-guide/security/',
    'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    yield* judgeComponents(resource, context, ['etcd'], function* (etcd) {
      if (etcd.flags.has('config-file')) {
        yield skip('etcd reads its settings from --config-file, which is not part of the input');
        return;
      }
      yield* missingFlags(etcd, [
        { flags: ['cert-file', 'key-file'], why: 'clients (the API server) talk to it in clear text, every Secret included', severity: 'high' },
        { flags: ['peer-cert-file', 'peer-key-file'], why: 'cluster members replicate the whole cluster state in clear text', severity: 'medium' },
      ]);
      yield* plainUrls(etcd);
    });
  },
});
