/**
 * CIS 2.7: etcd should trust its own CA, not the cluster's. When etcd's --trusted-ca-file is the
 * very file kube-apiserver authenticates clients with (--client-ca-file), every certificate the
 * cluster CA signs (kubelets, administrators, anything approved through the CSR API) also opens
 * etcd. Only the same path is detected: a copy of that CA under another name is not.
 */
import { posix } from 'node:path';
import type { Outcome, RuleContext } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import { defineRule, fail, skip } from '../../core/rule.js';
import type { ResourceIndex } from '../../core/resource-index.js';
import type { ComponentInvocation, ControlPlaneOptions } from '../_shared/control-plane.js';
import { allComponents, CONTROL_PLANE_TARGET, controlPlaneOptions, describeInvocation, judgeComponents } from '../_shared/control-plane.js';

function fileFlag(invocation: ComponentInvocation, name: string): string | undefined {
  const value = invocation.flags.last(name)?.value;
  return value === undefined || value === '' ? undefined : posix.normalize(value);
}

/** The client CA files of the input's API servers, once per index (the rule asks for each etcd). */
const CLIENT_CAS = new WeakMap<ResourceIndex, ReadonlyMap<string, string>>();

function apiserverClientCAs(index: ResourceIndex, options: ControlPlaneOptions): ReadonlyMap<string, string> {
  let found = CLIENT_CAS.get(index);
  if (found === undefined) {
    const byFile = new Map<string, string>();
    for (const { resource, invocation } of allComponents(index, options)) {
      if (invocation.component !== 'kube-apiserver') continue;
      const ca = fileFlag(invocation, 'client-ca-file');
      if (ca !== undefined && !byFile.has(ca)) byFile.set(ca, `${resource.kind}/${resource.name}`);
    }
    found = byFile;
    CLIENT_CAS.set(index, found);
  }
  return found;
}

function* judge(etcd: ComponentInvocation, clientCAs: ReadonlyMap<string, string>): Generator<Outcome> {
  if (etcd.flags.has('config-file')) {
    yield skip('etcd reads its settings from --config-file, which is not part of the input');
    return;
  }
  if (clientCAs.size === 0) {
    yield skip('no kube-apiserver with --client-ca-file in the input to compare etcd\'s CA with');
    return;
  }
  const occurrence = etcd.flags.last('trusted-ca-file');
  const ca = fileFlag(etcd, 'trusted-ca-file');
  const apiserver = ca === undefined ? undefined : clientCAs.get(ca);
  if (occurrence === undefined || apiserver === undefined) return;
  yield fail(
    `${describeInvocation(etcd)} trusts ${occurrence.value}, the file ${apiserver} authenticates API clients with (--client-ca-file): every certificate the cluster CA signs, for a kubelet, an administrator or through the CSR API, also reads and writes etcd, Secrets included`,
    etcd.argPath(occurrence),
  );
}

export const rule = defineRule({
  id: 'etcd-unique-ca',
  title: 'etcd trusts the cluster CA',
  severity: 'high',
  threats: ['api-server-kubelet', 'data-exfiltration'],
  mitre: ['T1552.007', 'T1078'],
  remediation: 'Give etcd its own CA: sign the etcd server, peer and API server client certificates with it and name it in etcd\'s --trusted-ca-file, not the cluster CA of the API server\'s --client-ca-file.',
  references: [
    'https://kubernetes.io/docs/setup/best-practices/certificates/#single-root-ca',
    'https://etcd.io/docs/v3.5/op-guide/security/',
  ],
  options: controlPlaneOptions,
  target: CONTROL_PLANE_TARGET,
  *check(resource: Resource, context: RuleContext<ControlPlaneOptions>) {
    const { index, options } = context;
    yield* judgeComponents(resource, context, ['etcd'], (etcd) => judge(etcd, apiserverClientCAs(index, options)));
  },
});
