/**
 * remove-verb fixes: the new rules list keeps everything but the dangerous verbs on the resource,
 * roles that cannot be edited get none, and several on one role compose.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { AttackFix } from '../../src/model/attack.js';
import type { JsonObject } from '../../src/model/resource.js';
import { analyzeAttackPaths, applyFixes } from '../../src/graph/attack/index.js';
import { FIX_COSTS } from '../../src/graph/attack/fixes.js';
import { combinedPatches, equivalentVerbs, removeVerbFix, revokeRules } from '../../src/graph/attack/remove-verb.js';
import { resourcesOf } from './resources.js';

const SECRETS_READ = { resource: 'secrets', verbs: ['get', 'list', 'watch'] };

function role(rules: unknown, extra = ''): ReturnType<typeof resourcesOf>[number] {
  const [r] = resourcesOf(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r${extra}}
rules: ${JSON.stringify(rules)}
`);
  if (r === undefined) throw new Error('no role');
  return r;
}

describe('revoking verbs from rules', () => {
  it('splits a literally named resource off its rule and keeps its other verbs', () => {
    expect(revokeRules([{ apiGroups: [''], resources: ['configmaps', 'secrets'], verbs: ['get', 'list', 'delete'] }], SECRETS_READ)).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'delete'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['delete'] },
    ]);
  });

  it('writes a * verb out as the standard verbs minus the dangerous ones, keeping resourceNames', () => {
    expect(revokeRules([{ apiGroups: [''], resources: ['secrets'], resourceNames: ['a'], verbs: ['*'] }], SECRETS_READ)).toEqual([
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['a'], verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'] },
    ]);
  });

  it('takes the verbs from the whole rule when a wildcard covers the resource, and drops a rule left with none', () => {
    expect(revokeRules([{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'create'] }, { apiGroups: [''], resources: ['secrets'], verbs: ['list'] }, { nonResourceURLs: ['/metrics'], verbs: ['get'] }], SECRETS_READ)).toEqual([
      { apiGroups: ['*'], resources: ['*'], verbs: ['create'] },
      { nonResourceURLs: ['/metrics'], verbs: ['get'] },
    ]);
  });

  it('leaves rules that grant nothing dangerous alone (no fix)', () => {
    expect(revokeRules([{ apiGroups: ['apps'], resources: ['secrets'], verbs: ['get'] }, { apiGroups: [''], resources: ['secrets'], verbs: ['create'] }], SECRETS_READ)).toBeUndefined();
    expect(revokeRules('not a list', SECRETS_READ)).toBeUndefined();
    // Entries that are not rules are kept as written: the patch changes only what it must.
    expect(revokeRules(['junk', null, { apiGroups: [''], resources: ['secrets'], verbs: ['get'] }], SECRETS_READ)).toEqual(['junk', null]);
  });

  it('takes every verb that gives the same step', () => {
    expect(equivalentVerbs('secrets', 'list')).toEqual(['get', 'list', 'watch']);
    expect(equivalentVerbs('secrets', 'create')).toEqual(['create']);
    expect(equivalentVerbs('pods/exec', 'get')).toEqual(['create', 'get']);
    expect(equivalentVerbs('deployments.apps', 'patch')).toEqual(['create', 'update', 'patch']);
    expect(equivalentVerbs('pods', 'create')).toEqual(['create']);
    expect(equivalentVerbs('clusterroles.rbac.authorization.k8s.io', 'update')).toEqual(['update', 'patch']);
    expect(equivalentVerbs('clusterroles.rbac.authorization.k8s.io', 'escalate')).toEqual(['escalate']);
    expect(equivalentVerbs('certificatesigningrequests.certificates.k8s.io/approval', 'patch')).toEqual(['update', 'patch']);
  });
});

describe('remove-verb fix candidates', () => {
  const evidence = { verb: 'get', resource: 'secrets' };
  const rules = [{ apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['get'] }];

  it('names every binding the change affects', () => {
    const fix = removeVerbFix(role(rules), evidence, ['ClusterRoleBinding a', 'RoleBinding x/b']);
    expect(fix).toMatchObject({ id: 'remove-verb:ClusterRole/r:secrets:get,list,watch', kind: 'remove-verb', cost: 2, patchType: 'merge', resource: { kind: 'ClusterRole', name: 'r' } });
    expect(fix?.description).toContain('all 2 bindings of it grant: ClusterRoleBinding a, RoleBinding x/b');
    expect(fix?.patch).toEqual({ rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }] });
  });

  it('says exactly what the patch revokes when a wildcard rule cannot be narrowed, and costs like remove-binding', () => {
    const revokes = (fix: ReturnType<typeof removeVerbFix>): string => /the patch revokes (.*) \(ClusterRoleBinding a loses them\)$/.exec(fix?.description ?? '')?.[1] ?? '';
    // The review's case: the apps group keeps its reads; the core group loses them on every resource.
    const wide = removeVerbFix(role([{ apiGroups: ['', 'apps'], resources: ['*'], verbs: ['get', 'list', 'watch'] }]), evidence, ['ClusterRoleBinding a']);
    expect(wide?.patch).toEqual({ rules: [{ apiGroups: ['apps'], resources: ['*'], verbs: ['get', 'list', 'watch'] }] });
    expect(revokes(wide)).toBe('get, list, watch on every resource of the core group');
    expect(wide?.cost).toBe(FIX_COSTS['remove-binding']);
    // A * verb written out drops every verb but the standard ones left.
    const star = removeVerbFix(role([{ apiGroups: [''], resources: ['*'], verbs: ['*'] }]), evidence, ['ClusterRoleBinding a']);
    expect(star?.patch).toEqual({ rules: [{ apiGroups: [''], resources: ['*'], verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'] }] });
    expect(revokes(star)).toBe('every verb but create, update, patch, delete, deletecollection on every resource of the core group');
    // A * group: secrets of every group; the other resource named keeps its verbs.
    const anyGroup = removeVerbFix(role([{ apiGroups: ['*'], resources: ['configmaps', 'secrets'], verbs: ['get'] }, { apiGroups: [''], resources: ['*/status'], verbs: ['list'] }]), evidence, ['ClusterRoleBinding a']);
    expect(anyGroup?.patch).toEqual({ rules: [{ apiGroups: ['*'], resources: ['configmaps'], verbs: ['get'] }, { apiGroups: [''], resources: ['*/status'], verbs: ['list'] }] });
    expect(revokes(anyGroup)).toBe('get on secrets in every API group');
    const sub = removeVerbFix(role([{ apiGroups: [''], resources: ['*/exec'], verbs: ['create'] }]), { verb: 'create', resource: 'pods/exec' }, ['ClusterRoleBinding a']);
    expect(revokes(sub)).toBe('create on the exec subresource of every resource of the core group');
  });

  it('narrows a rule naming the group among others and the resource among others to exactly the step', () => {
    const fix = removeVerbFix(role([{ apiGroups: ['', 'apps'], resources: ['secrets', 'deployments'], resourceNames: ['x'], verbs: ['get', 'delete'] }]), evidence, ['ClusterRoleBinding a']);
    expect(fix?.patch).toEqual({ rules: [
      { apiGroups: ['apps'], resources: ['secrets', 'deployments'], resourceNames: ['x'], verbs: ['get', 'delete'] },
      { apiGroups: [''], resources: ['deployments'], resourceNames: ['x'], verbs: ['get', 'delete'] },
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['x'], verbs: ['delete'] },
    ] });
    expect(fix?.description).toBe('Remove get, list, watch on secrets from the rules of ClusterRole r (ClusterRoleBinding a loses them)');
    expect(fix?.cost).toBe(FIX_COSTS['remove-verb']);
  });

  it('is not offered for aggregated ClusterRoles, their source rules, reconciled defaults or * on *', () => {
    const aggregated = role(rules, '-agg');
    (aggregated.object as { aggregationRule?: JsonObject }).aggregationRule = { clusterRoleSelectors: [{ matchLabels: { x: 'y' } }] };
    expect(removeVerbFix(aggregated, evidence, [])).toBeUndefined();
    expect(removeVerbFix(role(rules), { ...evidence, ruleOf: 'ClusterRole src' }, [])).toBeUndefined();
    const defaults = role(rules, '-def');
    (defaults.object.metadata as JsonObject).labels = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
    expect(removeVerbFix(defaults, evidence, [])).toBeUndefined();
    (defaults.object.metadata as JsonObject).annotations = { 'rbac.authorization.kubernetes.io/autoupdate': 'false' };
    expect(removeVerbFix(defaults, evidence, [])).toBeDefined();
    expect(removeVerbFix(role([{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }]), { verb: '*', resource: '*' }, [])).toBeUndefined();
  });

  it('composes several on one role: applied as candidates and written as one rules list', () => {
    const target = role([{ apiGroups: [''], resources: ['secrets', 'pods/exec', 'pods'], verbs: ['get', 'create'] }]);
    const a = removeVerbFix(target, { verb: 'get', resource: 'secrets' }, []);
    const b = removeVerbFix(target, { verb: 'create', resource: 'pods/exec' }, []);
    if (a === undefined || b === undefined) throw new Error('no fix');
    const applied = applyFixes([target], [], [a, b]).resources[0]?.object.rules;
    expect(applied).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'create'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
    ]);
    const written = combinedPatches([target], [a, b]);
    expect(written.get(a.id)).toEqual({ rules: applied });
    expect(written.get(b.id)).toEqual({ rules: applied });
    // Written patches, as a user applies them one after the other, give the same role.
    const asWritten: AttackFix[] = [a, b].map((f) => ({ id: f.id, kind: f.kind, description: f.description, cost: f.cost, ...(f.resource === undefined ? {} : { resource: f.resource }), cuts: [], patchType: 'merge', patch: stringify(written.get(f.id)) }));
    expect(applyFixes([target], [], asWritten).resources[0]?.object.rules).toEqual(applied);
  });
});

describe('remove-verb in the analysis', () => {
  it('offers remove-verb beside remove-binding for a secret read, and the patched role leaves no path', () => {
    const cluster = resourcesOf(`
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: viewer}
rules:
  - {apiGroups: [""], resources: [secrets, configmaps], verbs: ["*"]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: dev-viewer}
subjects: [{kind: Group, name: dev, apiGroup: rbac.authorization.k8s.io}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: viewer}
`);
    const result = analyzeAttackPaths({ resources: cluster }, { from: ['group:dev'], to: ['secrets'] });
    const step = result.paths[0]?.steps[0];
    expect([...(step?.fixIds ?? [])].sort()).toEqual(['remove-binding:ClusterRoleBinding/dev-viewer', 'remove-verb:ClusterRole/viewer:secrets:get,list,watch']);
    const fix = result.fixes.find((f) => f.kind === 'remove-verb');
    if (fix === undefined) throw new Error('no remove-verb fix');
    expect(fix.description).toContain('ClusterRoleBinding dev-viewer loses them');
    const fixed = applyFixes(cluster, [], [fix]);
    expect(fixed.resources.find((r) => r.name === 'viewer')?.object.rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['*'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'] },
    ]);
    expect(analyzeAttackPaths({ resources: fixed.resources }, { from: ['group:dev'], to: ['secrets'] }).paths).toEqual([]);
  });
});
