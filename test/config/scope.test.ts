import { describe, expect, it } from 'vitest';
import { literalNamespaces, namespaceFilter, unmatchedNamespaces } from '../../src/config/scope.js';

describe('namespaceFilter', () => {
  const pod = (namespace?: string) => ({ apiVersion: 'v1', kind: 'Pod', name: 'p', ...(namespace === undefined ? {} : { namespace }) });

  it('keeps everything without a namespaces setting', () => {
    expect(namespaceFilter({}) (pod('anything'))).toBe(true);
  });

  it('keeps namespaced objects matching a glob, treats a missing namespace as default, keeps cluster-scoped objects', () => {
    const keep = namespaceFilter({ namespaces: ['team-*', 'default'] });
    expect(keep(pod('team-a'))).toBe(true);
    expect(keep(pod('kube-system'))).toBe(false);
    expect(keep(pod())).toBe(true);
    expect(namespaceFilter({ namespaces: ['team-*'] })(pod())).toBe(false);
    expect(keep({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'admin' })).toBe(true);
  });

  it('keeps the Namespace objects of the namespaces scanned only: -n shop judges no other namespace', () => {
    const namespace = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', name });
    const keep = namespaceFilter({ namespaces: ['shop', 'team-*'] });
    expect(keep(namespace('shop'))).toBe(true);
    expect(keep(namespace('team-a'))).toBe(true);
    expect(keep(namespace('kube-system'))).toBe(false);
    expect(namespaceFilter({ namespaces: ['!kube-*'] })(namespace('kube-system'))).toBe(false);
    expect(namespaceFilter({ namespaces: ['!kube-*'] })(namespace('shop'))).toBe(true);
  });
});

describe('literalNamespaces', () => {
  it('passes exact names on, so a cluster load can list just those namespaces', () => {
    expect(literalNamespaces({ namespaces: ['shop', 'kube-system'] })).toEqual(['shop', 'kube-system']);
  });

  it('gives nothing when any entry is a pattern, or when there is no setting', () => {
    expect(literalNamespaces({ namespaces: ['shop', 'team-*'] })).toBeUndefined();
    expect(literalNamespaces({ namespaces: ['{a,b}'] })).toBeUndefined();
    expect(literalNamespaces({ namespaces: ['!shop'] })).toBeUndefined();
    expect(literalNamespaces({})).toBeUndefined();
  });
});

describe('unmatchedNamespaces', () => {
  const pod = (namespace?: string) => ({ apiVersion: 'v1', kind: 'Pod', name: 'p', ...(namespace === undefined ? {} : { namespace }) });
  const objects = [pod('shop'), pod(), { apiVersion: 'v1', kind: 'Namespace', name: 'empty' }, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'shp' }];

  it('names the entries no namespace of the input matches (a typo), never a negation', () => {
    expect(unmatchedNamespaces({ namespaces: ['shp', 'shop', 'default', 'empty', 'team-*', 'sh*', '!prod'] }, objects)).toEqual(['shp', 'team-*']);
    expect(unmatchedNamespaces({}, objects)).toEqual([]);
  });
});
