/** The authorizer's semantics, case by case, through the SDK (can-i, who-can, permissions). */
import { describe, expect, it } from 'vitest';
import { canI, permissions, whoCan } from '../../src/sdk/rbac.js';
import { binding, modelOf, role } from './support.js';

const alice = '- {kind: User, name: alice}';

async function allowed(yaml: string, query: { verb: string; resource: string; namespace?: string; name?: string; as?: string; groups?: string[] }): Promise<boolean> {
  const model = await modelOf(yaml);
  return canI(model, { as: 'user:alice', ...query }).allowed;
}

describe('rule matching', () => {
  it('matches verbs, groups and resources literally or by *', async () => {
    const yaml = role('ClusterRole', 'r', '- {apiGroups: ["apps"], resources: ["deployments"], verbs: ["get"]}') + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r', alice);
    expect(await allowed(yaml, { verb: 'get', resource: 'deployments.apps', namespace: 'x' })).toBe(true);
    expect(await allowed(yaml, { verb: 'get', resource: 'deployments' })).toBe(true); // group from the built-in table
    expect(await allowed(yaml, { verb: 'list', resource: 'deployments.apps' })).toBe(false);
    expect(await allowed(yaml, { verb: 'get', resource: 'deployments.extensions' })).toBe(false);
    const wild = role('ClusterRole', 'r', '- {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}') + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r', alice);
    expect(await allowed(wild, { verb: 'escalate', resource: 'clusterroles' })).toBe(true);
    expect(await allowed(wild, { verb: 'create', resource: 'pods/exec', namespace: 'a' })).toBe(true);
    expect(await allowed(wild, { verb: 'get', resource: '/healthz' })).toBe(false); // resources do not cover non-resource URLs
  });

  it('matches subresources exactly, with */sub as the only subresource wildcard', async () => {
    const yaml = role('ClusterRole', 'r', '- {apiGroups: ["*"], resources: ["*/scale", "pods/*", "pods"], verbs: ["update", "get"]}') + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r', alice);
    expect(await allowed(yaml, { verb: 'update', resource: 'deployments.apps/scale', namespace: 'x' })).toBe(true);
    expect(await allowed(yaml, { verb: 'update', resource: 'statefulsets/scale', namespace: 'x' })).toBe(true);
    expect(await allowed(yaml, { verb: 'get', resource: 'pods/log', namespace: 'x' })).toBe(false); // pods/* is not a wildcard
    expect(await allowed(yaml, { verb: 'get', resource: 'pods/*', namespace: 'x' })).toBe(true); // ... only a subresource literally named *
    expect(await allowed(yaml, { verb: 'get', resource: 'pods', namespace: 'x' })).toBe(true);
    expect(await allowed(yaml, { verb: 'get', resource: 'deployments.apps', namespace: 'x' })).toBe(false); // */scale is not deployments
  });

  it('grants resourceNames only to requests naming one of them', async () => {
    const yaml = role('ClusterRole', 'r', '- {apiGroups: [""], resources: ["secrets"], resourceNames: ["tls"], verbs: ["get", "list", "create"]}') + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r', alice);
    expect(await allowed(yaml, { verb: 'get', resource: 'secrets', namespace: 'x', name: 'tls' })).toBe(true);
    expect(await allowed(yaml, { verb: 'get', resource: 'secrets', namespace: 'x', name: 'db' })).toBe(false);
    expect(await allowed(yaml, { verb: 'list', resource: 'secrets', namespace: 'x' })).toBe(false);
    expect(await allowed(yaml, { verb: 'create', resource: 'secrets', namespace: 'x' })).toBe(false);
  });

  it('matches non-resource URLs literally, by *, and by a trailing * prefix', async () => {
    const yaml = role('ClusterRole', 'r', '- {nonResourceURLs: ["/healthz", "/api/*"], verbs: ["get"]}') + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r', alice);
    expect(await allowed(yaml, { verb: 'get', resource: '/healthz' })).toBe(true);
    expect(await allowed(yaml, { verb: 'get', resource: '/healthz/etcd' })).toBe(false);
    expect(await allowed(yaml, { verb: 'get', resource: '/api/v1' })).toBe(true);
    expect(await allowed(yaml, { verb: 'get', resource: '/api' })).toBe(false);
    expect(await allowed(yaml, { verb: 'post', resource: '/healthz' })).toBe(false);
    // The authorizer trims every trailing * (strings.TrimRight), so `/apis**` is the prefix /apis.
    const stars = role('ClusterRole', 'r', '- {nonResourceURLs: ["/apis**"], verbs: ["get"]}') + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r', alice);
    expect(await allowed(stars, { verb: 'get', resource: '/apis/apps' })).toBe(true);
    expect(await allowed(stars, { verb: 'get', resource: '/api' })).toBe(false);
    const star = role('ClusterRole', 'r', '- {nonResourceURLs: ["*"], verbs: ["*"]}') + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r', alice);
    expect(await allowed(star, { verb: 'get', resource: '/metrics' })).toBe(true);
    expect(await allowed(star, { verb: 'get', resource: 'pods', namespace: 'x' })).toBe(false);
  });
});

describe('binding scope', () => {
  it('confines a RoleBinding (to a Role or a ClusterRole) to its namespace; non-resource URLs need a ClusterRoleBinding', async () => {
    const yaml =
      role('ClusterRole', 'reader', '- {apiGroups: [""], resources: ["pods"], verbs: ["get"]}\n- {nonResourceURLs: ["/metrics"], verbs: ["get"]}') +
      binding('RoleBinding', 'b', 'ClusterRole', 'reader', alice) +
      role('Role', 'cm', '- {apiGroups: [""], resources: ["configmaps"], verbs: ["get"]}') +
      binding('RoleBinding', 'c', 'Role', 'cm', alice);
    expect(await allowed(yaml, { verb: 'get', resource: 'pods', namespace: 'dev' })).toBe(true);
    expect(await allowed(yaml, { verb: 'get', resource: 'pods', namespace: 'prod' })).toBe(false);
    expect(await allowed(yaml, { verb: 'get', resource: 'pods' })).toBe(false); // cluster-wide request
    expect(await allowed(yaml, { verb: 'get', resource: '/metrics' })).toBe(false);
    expect(await allowed(yaml, { verb: 'get', resource: 'configmaps', namespace: 'dev' })).toBe(true);
    // permissions lists only what the authorizer grants: not the ClusterRole's /metrics under namespace dev.
    const dev = permissions(await modelOf(yaml), 'user:alice').scopes.find((s) => s.scope === 'dev');
    expect(dev?.rules.map((r) => r.rule.type)).toEqual(['resource', 'resource']);
  });

  it('reports a ClusterRoleBinding to a Role as invalid and grants nothing through it', async () => {
    const yaml = role('Role', 'r', '- {apiGroups: [""], resources: ["pods"], verbs: ["get"]}') + binding('ClusterRoleBinding', 'b', 'Role', 'r', alice);
    const model = await modelOf(yaml);
    expect(model.problems.map((p) => p.code)).toContain('rbac-invalid-binding');
    expect(canI(model, { as: 'user:alice', verb: 'get', resource: 'pods', namespace: 'dev' }).allowed).toBe(false);
  });

  it('notes bindings whose role is missing', async () => {
    const model = await modelOf(binding('RoleBinding', 'b', 'Role', 'gone', alice));
    expect(model.problems.find((p) => p.code === 'rbac-missing-role')?.message).toContain('Role gone');
  });
});

describe('subjects and implicit groups', () => {
  const grant = role('ClusterRole', 'r', '- {apiGroups: [""], resources: ["configmaps"], verbs: ["list"]}');
  const list = { verb: 'list', resource: 'configmaps', namespace: 'dev' };

  it('gives every authenticated identity system:authenticated, and anonymous system:unauthenticated only', async () => {
    const model = await modelOf(grant + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r', '- {kind: Group, name: system:authenticated}'));
    expect(canI(model, { ...list, as: 'user:bob' }).allowed).toBe(true);
    expect(canI(model, { ...list, as: 'system:serviceaccount:x:y' }).allowed).toBe(true);
    expect(canI(model, { ...list, as: 'user:system:anonymous' }).allowed).toBe(false);
    const anon = await modelOf(grant + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r', '- {kind: Group, name: system:unauthenticated}'));
    expect(canI(anon, { ...list, as: 'user:system:anonymous' }).allowed).toBe(true);
    expect(canI(anon, { ...list, as: 'user:bob' }).allowed).toBe(false);
  });

  it('puts ServiceAccounts in system:serviceaccounts and system:serviceaccounts:<ns>', async () => {
    const model = await modelOf(grant + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r', '- {kind: Group, name: "system:serviceaccounts:dev"}'));
    expect(canI(model, { ...list, as: 'system:serviceaccount:dev:app' }).allowed).toBe(true);
    expect(canI(model, { ...list, as: 'system:serviceaccount:prod:app' }).allowed).toBe(false);
    expect(canI(model, { ...list, as: 'user:bob', groups: ['system:serviceaccounts:dev'] }).allowed).toBe(true);
    const all = await modelOf(grant + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r', '- {kind: Group, name: system:serviceaccounts}'));
    expect(canI(all, { ...list, as: 'sa:prod:app' }).allowed).toBe(true);
    expect(canI(all, { ...list, as: 'user:bob' }).allowed).toBe(false);
  });

  it('defaults a RoleBinding ServiceAccount subject to the binding namespace; a User subject may name a ServiceAccount', async () => {
    const model = await modelOf(grant + binding('RoleBinding', 'b', 'ClusterRole', 'r', '- {kind: ServiceAccount, name: app}\n- {kind: User, name: "system:serviceaccount:dev:other"}'));
    expect(canI(model, { ...list, as: 'system:serviceaccount:dev:app' }).allowed).toBe(true);
    expect(canI(model, { ...list, as: 'system:serviceaccount:dev:other' }).allowed).toBe(true);
    expect(canI(model, { ...list, as: 'system:serviceaccount:prod:app' }).allowed).toBe(false);
  });

  it('reads an empty ServiceAccount namespace in a RoleBinding (an empty Helm value) as the binding namespace', async () => {
    const model = await modelOf(grant + binding('RoleBinding', 'b', 'ClusterRole', 'r', '- {kind: ServiceAccount, name: app, namespace: ""}'));
    expect(model.problems).toEqual([]);
    expect(canI(model, { ...list, as: 'system:serviceaccount:dev:app' }).allowed).toBe(true);
    const cluster = await modelOf(grant + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r', '- {kind: ServiceAccount, name: app, namespace: ""}'));
    expect(cluster.problems.map((p) => p.code)).toEqual(['rbac-invalid-subject']);
  });

  it('lets system:masters through without RBAC, as the API server does', async () => {
    const model = await modelOf(grant);
    const answer = canI(model, { verb: 'delete', resource: 'nodes', as: 'user:root', groups: ['system:masters'] });
    expect(answer.allowed).toBe(true);
    expect(answer.reason).toContain('system:masters');
  });

  it('refuses malformed subjects with a usage error', async () => {
    const model = await modelOf(grant);
    expect(() => canI(model, { ...list, as: 'system:serviceaccount:only-namespace' })).toThrow(/ServiceAccount/);
    expect(() => canI(model, { ...list, as: 'group:' })).toThrow(/names no group/);
  });
});

describe('aggregation', () => {
  const label = (key: string): string => `  labels: {"${key}": "true"}\n`;
  it('replaces an aggregated role’s rules with those of every matching ClusterRole, transitively', async () => {
    const yaml =
      `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: top\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {agg-top: "true"}\nrules:\n- {apiGroups: [""], resources: ["nodes"], verbs: ["delete"]}\n` +
      `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: mid\n  labels: {agg-top: "true"}\naggregationRule:\n  clusterRoleSelectors:\n  - matchExpressions: [{key: agg-mid, operator: Exists}]\n` +
      role('ClusterRole', 'leaf', '- {apiGroups: [""], resources: ["secrets"], verbs: ["get"]}', '').replace('name: leaf', `name: leaf\n${label('agg-mid').trimEnd()}`) +
      role('ClusterRole', 'other', '- {apiGroups: [""], resources: ["pods"], verbs: ["get"]}') +
      binding('ClusterRoleBinding', 'b', 'ClusterRole', 'top', alice);
    const model = await modelOf(yaml);
    expect(canI(model, { as: 'user:alice', verb: 'get', resource: 'secrets', namespace: 'x' }).allowed).toBe(true);
    expect(canI(model, { as: 'user:alice', verb: 'get', resource: 'pods', namespace: 'x' }).allowed).toBe(false);
    // The controller overwrites hand-written rules of an aggregated role.
    expect(canI(model, { as: 'user:alice', verb: 'delete', resource: 'nodes' }).allowed).toBe(false);
    const answer = whoCan(model, { verb: 'get', resource: 'secrets', namespace: 'x' });
    expect(answer.subjects[0]?.grants[0]?.ruleOf).toBe('ClusterRole leaf');
  });

  it('bounds the work of aggregated roles that all select each other, with a located warning', async () => {
    // 150 aggregated roles selecting all 300 roles: billions of steps to the fixpoint (minutes) without a bound.
    const docs: string[] = [];
    for (let i = 0; i < 150; i++) {
      docs.push(`---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: agg${String(i)}, labels: {x: "y"}}\naggregationRule:\n  clusterRoleSelectors: [{matchLabels: {x: "y"}}]\n`);
      docs.push(role('ClusterRole', `piece${String(i)}`, `- {apiGroups: [""], resources: ["r${String(i)}"], verbs: ["get"]}`, label('x').replace('"true"', '"y"')));
    }
    const model = await modelOf(docs.join('') + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'agg0', alice));
    expect(model.problems.filter((p) => p.code === 'rbac-aggregation-too-large').map((p) => p.message)).toEqual([expect.stringContaining('aggregation stopped after')]);
    expect(model.problems.find((p) => p.code === 'rbac-aggregation-too-large')?.line).toBeGreaterThan(0);
  });

  it('keeps the stored rules of an aggregated role none of whose sources is in the input (an exported role), with a note', async () => {
    const exported = `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: team-admin\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {agg-team: "true"}\nrules:\n- {apiGroups: [""], resources: ["secrets"], verbs: ["get"]}\n`;
    const outer = `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: outer\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {agg-outer: "true"}\n`;
    const model = await modelOf(exported.replace('name: team-admin', `name: team-admin\n${label('agg-outer').trimEnd()}`) + outer + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'team-admin', alice) + binding('ClusterRoleBinding', 'o', 'ClusterRole', 'outer', '- {kind: User, name: olga}'));
    expect(canI(model, { as: 'user:alice', verb: 'get', resource: 'secrets', namespace: 'x' }).allowed).toBe(true);
    // ... and an aggregated role selecting it aggregates those rules.
    expect(canI(model, { as: 'user:olga', verb: 'get', resource: 'secrets', namespace: 'x' }).allowed).toBe(true);
    expect(model.problems.map((p) => [p.code, p.level, p.message])).toEqual([['rbac-missing-role', 'note', expect.stringContaining('ClusterRole team-admin')]]);
  });

  it('reaches a fixpoint on aggregation cycles and ignores invalid selectors', async () => {
    const agg = (name: string, own: string, selects: string): string =>
      `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${name}\n  labels: {${own}: "true"}\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {${selects}: "true"}\n`;
    const yaml =
      agg('a', 'la', 'lb') +
      agg('b', 'lb', 'la') +
      role('ClusterRole', 'c', '- {apiGroups: [""], resources: ["pods"], verbs: ["list"]}').replace('name: c', 'name: c\n  labels: {la: "true"}') +
      `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: bad\naggregationRule:\n  clusterRoleSelectors:\n  - matchExpressions: [{key: x, operator: In}]\nrules:\n- {apiGroups: [""], resources: ["events"], verbs: ["get"]}\n` +
      binding('ClusterRoleBinding', 'b', 'ClusterRole', 'b', alice) +
      binding('ClusterRoleBinding', 'b2', 'ClusterRole', 'bad', alice);
    const model = await modelOf(yaml);
    expect(canI(model, { as: 'user:alice', verb: 'list', resource: 'pods', namespace: 'x' }).allowed).toBe(true);
    expect(model.problems.map((p) => p.code)).toContain('rbac-invalid-selector');
    // The controller fails on the bad selector, so the stored rules stay.
    expect(canI(model, { as: 'user:alice', verb: 'get', resource: 'events', namespace: 'x' }).allowed).toBe(true);
  });
});

describe('invalid rules', () => {
  it('reports and drops rules the API server rejects', async () => {
    const yaml = role('Role', 'r', '- {nonResourceURLs: ["/x"], verbs: ["get"]}\n- {resources: ["pods"], verbs: ["get"]}\n- {apiGroups: [""], resources: ["pods"]}\n- {apiGroups: [""], resources: [1], verbs: ["get"]}') + binding('RoleBinding', 'b', 'Role', 'r', alice);
    const model = await modelOf(yaml);
    expect(model.problems.filter((p) => p.code === 'rbac-invalid-rule')).toHaveLength(4);
    expect(permissions(model, 'user:alice').scopes).toEqual([]);
  });

  it('rejects resourceNames on a non-resource rule, as API validation does', async () => {
    const yaml = role('ClusterRole', 'r', '- {nonResourceURLs: ["/metrics"], resourceNames: ["x"], verbs: ["get"]}') + binding('ClusterRoleBinding', 'b', 'ClusterRole', 'r', alice);
    const model = await modelOf(yaml);
    expect(model.problems.filter((p) => p.code === 'rbac-invalid-rule').map((p) => p.message)).toEqual([expect.stringContaining('resourceNames')]);
    expect(canI(model, { as: 'user:alice', verb: 'get', resource: '/metrics' }).allowed).toBe(false);
  });
});

describe('who-can', () => {
  it('lists each subject once with every chain, and only bindings that reach the namespace', async () => {
    const yaml =
      role('ClusterRole', 'reader', '- {apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"]}') +
      binding('RoleBinding', 'dev-read', 'ClusterRole', 'reader', `${alice}\n- {kind: ServiceAccount, name: ci}`) +
      binding('RoleBinding', 'prod-read', 'ClusterRole', 'reader', '- {kind: Group, name: ops}', 'prod') +
      binding('ClusterRoleBinding', 'all-read', 'ClusterRole', 'reader', alice);
    const model = await modelOf(yaml);
    const answer = whoCan(model, { verb: 'get', resource: 'secrets', namespace: 'dev' });
    expect(answer.subjects.map((s) => s.subject)).toEqual(['user:alice', 'system:serviceaccount:dev:ci']);
    expect(answer.subjects[0]?.grants.map((g) => g.binding)).toEqual(['RoleBinding dev/dev-read', 'ClusterRoleBinding all-read']);
    expect(whoCan(model, { verb: 'get', resource: 'secrets' }).subjects.map((s) => s.subject)).toEqual(['user:alice']);
  });
});

describe('requests for one namespace', () => {
  it('files get namespace NAME under namespace NAME, as the API server does, so a RoleBinding there grants it', async () => {
    const yaml = role('ClusterRole', 'ns-reader', '- {apiGroups: [""], resources: ["namespaces", "namespaces/status"], verbs: ["get"]}') + binding('RoleBinding', 'b', 'ClusterRole', 'ns-reader', alice, 'team-a');
    expect(await allowed(yaml, { verb: 'get', resource: 'namespaces', name: 'team-a' })).toBe(true);
    expect(await allowed(yaml, { verb: 'get', resource: 'ns/status', name: 'team-a' })).toBe(true);
    expect(await allowed(yaml, { verb: 'get', resource: 'namespaces', name: 'team-b' })).toBe(false);
    expect(await allowed(yaml, { verb: 'list', resource: 'namespaces' })).toBe(false); // a list names no namespace: cluster-wide
    const model = await modelOf(yaml);
    expect(whoCan(model, { verb: 'get', resource: 'namespaces', name: 'team-a' }).subjects.map((s) => s.subject)).toEqual(['user:alice']);
  });
});
