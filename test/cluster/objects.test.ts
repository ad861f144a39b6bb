// List items become Resources: identity filled in, bookkeeping and secret values dropped.
import { describe, expect, it } from 'vitest';
import { toResource, withoutSecretValues } from '../../src/loaders/cluster/objects.js';

const SECRETS = { group: '', kind: 'Secret', groupVersion: 'v1', plural: 'secrets', namespaced: true } as const;
const NODES = { group: '', kind: 'Node', groupVersion: 'v1', plural: 'nodes', namespaced: false } as const;

describe('toResource', () => {
  it('blanks data and stringData values but keeps their keys', () => {
    const resource = toResource({ metadata: { name: 's', namespace: 'ns' }, type: 'Opaque', data: { a: 'YQ==' }, stringData: { b: 'plain' } }, SECRETS, 'cluster:x', 3);
    expect(resource?.object).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'ns' }, type: 'Opaque', data: { a: '' }, stringData: { b: '' } });
    expect(resource).toMatchObject({ namespace: 'ns', name: 's', source: { documentIndex: 3 } });
  });

  it('drops an unreadable last-applied annotation entirely', () => {
    const secret = withoutSecretValues({ metadata: { name: 's', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"k":"dmFs"' } } });
    expect(secret['metadata']).toEqual({ name: 's', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '' } });
  });

  it('ignores a namespace on a cluster-scoped object and rejects items without a name', () => {
    expect(toResource({ metadata: { name: 'n', namespace: 'odd' } }, NODES, 'cluster:x', 0)?.namespace).toBeUndefined();
    expect(toResource({ metadata: {} }, NODES, 'cluster:x', 0)).toBeUndefined();
    expect(toResource('not an object', NODES, 'cluster:x', 0)).toBeUndefined();
    expect(toResource({ metadata: ['x'] }, NODES, 'cluster:x', 0)).toBeUndefined();
  });

  it('does not let an item override its apiVersion or kind', () => {
    const resource = toResource({ apiVersion: 'evil/v1', kind: 'Pod', metadata: { name: 'n' } }, NODES, 'cluster:x', 0);
    expect(resource?.object).toMatchObject({ apiVersion: 'v1', kind: 'Node' });
  });
});
