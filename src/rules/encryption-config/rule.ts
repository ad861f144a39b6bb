/**
 * EncryptionConfiguration files (apiserver.config.k8s.io), given to kube-apiserver with
 * --encryption-provider-config. For each resource the first entry of `resources` that names it
 * applies, and within it the first provider encrypts new writes (the others only decrypt).
 */
import type { Violation } from '../../core/rule.js';
import { defineRule, fail, warn } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord } from '../../lib/k8s/values.js';
import type { Resource } from '../../model/resource.js';

/** Entries of `resources[].resources` that cover core-group Secrets. */
const COVERS_SECRETS = new Set(['secrets', '*.', '*.*']);

interface Entry {
  readonly index: number;
  readonly resources: readonly string[];
  readonly providers: readonly unknown[];
}

function entries(config: Resource): Entry[] {
  return asArray(config.object.resources).flatMap((value, index) => {
    const entry = asRecord(value);
    if (entry === undefined) return [];
    const resources = asArray(entry.resources).filter((r): r is string => typeof r === 'string');
    return [{ index, resources, providers: asArray(entry.providers) }];
  });
}

/** The provider type of a providers[] item: its single key (aescbc, kms, identity, ...). */
function providerType(provider: unknown): string | undefined {
  const keys = Object.keys(asRecord(provider) ?? {});
  return keys.length === 1 ? keys[0] : undefined;
}

function* judge(config: Resource): Generator<Violation> {
  const name = `EncryptionConfiguration "${config.name}"`;
  const entry = entries(config).find((e) => e.resources.some((r) => COVERS_SECRETS.has(r)));
  if (entry === undefined) {
    yield fail(`${name} has no entry for secrets: they are stored in etcd in plain text`, '/resources');
    return;
  }
  const path = pointer('/resources', entry.index, 'providers', 0);
  const first = providerType(entry.providers[0]);
  if (first === undefined) {
    yield fail(`${name} entry ${entry.index} covers secrets without a valid first provider: kube-apiserver refuses the configuration`, pointer('/resources', entry.index), 'medium');
  } else if (first === 'identity') {
    yield fail(`${name} lists identity first for secrets: new and updated Secrets are written to etcd in plain text`, path);
  } else if (first === 'kms' && asRecord(asRecord(entry.providers[0])?.kms)?.apiVersion !== 'v2') {
    // apiVersion defaults to v1, deprecated in 1.28 and behind the KMSv1 feature gate from 1.29.
    yield warn(`${name} encrypts secrets with KMS v1 (a kms provider without apiVersion v2): it is deprecated, kube-apiserver 1.29 and later refuse it unless the KMSv1 feature gate is on, and it calls the KMS plugin on every write`, path, 'low');
  } else if (first === 'aesgcm') {
    yield warn(`${name} encrypts secrets with aesgcm first: its key must be rotated every 200,000 writes, or nonces repeat and the encryption can be broken`, path, 'low');
  }
}

export const rule = defineRule({
  id: 'encryption-config',
  title: 'Encryption configuration leaves Secrets in plain text',
  severity: 'high',
  threats: ['data-exfiltration', 'api-server-kubelet'],
  mitre: ['T1552.007', 'T1005'],
  remediation: 'Add an entry for secrets whose first provider is kms (v2), secretbox or aescbc, with identity only last to read data written before encryption.',
  references: [
    'https://kubernetes.io/docs/tasks/administer-cluster/encrypt-data/',
    'https://kubernetes.io/docs/reference/config-api/apiserver-config.v1/',
  ],
  target: { kinds: ['EncryptionConfiguration'] },
  *check(config: Resource) {
    if (!config.apiVersion.startsWith('apiserver.config.k8s.io/')) return;
    yield* judge(config);
  },
});
