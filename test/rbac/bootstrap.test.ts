/**
 * The default RBAC policy of every cluster (../shared/testdata/k8s/rbac-bootstrap): understood
 * (aggregation, implicit groups), kept in every answer, and not a user risk on its own.
 */
import { existsSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canI, escalationPaths, whoCan } from '../../src/sdk/rbac.js';
import { modelOf, modelOfPaths } from './support.js';
import { loadInputs } from '../../src/loaders/index.js';
import { rbacModelOf } from '../../src/sdk/rbac.js';
import { Readable } from 'node:stream';

const BOOTSTRAP = fileURLToPath(new URL('../../../shared/testdata/k8s/rbac-bootstrap', import.meta.url));
const present = existsSync(BOOTSTRAP);
if (!present) console.warn(`skipping RBAC bootstrap tests: ${BOOTSTRAP} is absent`);

const FILES = ['cluster-roles.yaml', 'cluster-role-bindings.yaml', 'controller-roles.yaml', 'controller-role-bindings.yaml', 'namespace-roles.yaml', 'namespace-role-bindings.yaml'];

/** The bootstrap policy plus the user's own manifests. */
async function withUserObjects(yaml: string): ReturnType<typeof modelOf> {
  const base = await loadInputs({ paths: FILES.map((f) => path.join(BOOTSTRAP, f)) });
  const user = await loadInputs({ paths: ['-'], stdin: Readable.from([yaml]) });
  return rbacModelOf([...base.resources, ...user.resources], [...base.inputs, ...user.inputs], [...base.problems, ...user.problems]);
}

describe.skipIf(!present)('bootstrap policy', () => {
  it('reads every default object without a problem', async () => {
    const model = await modelOfPaths(FILES.map((f) => path.join(BOOTSTRAP, f)));
    expect(model.problems).toEqual([]);
    expect(model.index.roles.size).toBe(32 + 40 + 7);
    expect(model.index.bindings).toHaveLength(10 + 40 + 7);
    expect(readFileSync(path.join(BOOTSTRAP, 'cluster-roles.yaml'), 'utf8')).toContain('aggregate-to-admin');
  });

  it('aggregates view into edit into admin, as the controller does', async () => {
    const model = await withUserObjects(`apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: dan-admin, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin}
subjects: [{kind: User, name: dan}]
`);
    const deploy = canI(model, { as: 'user:dan', verb: 'create', resource: 'deployments', namespace: 'dev' });
    expect(deploy.allowed).toBe(true);
    expect(deploy.grants.map((g) => g.ruleOf)).toContain('ClusterRole system:aggregate-to-edit');
    const view = canI(model, { as: 'user:dan', verb: 'watch', resource: 'pods', namespace: 'dev' });
    expect(view.grants.map((g) => g.ruleOf)).toContain('ClusterRole system:aggregate-to-view');
    expect(canI(model, { as: 'user:dan', verb: 'create', resource: 'rolebindings', namespace: 'dev' }).allowed).toBe(true);
    expect(canI(model, { as: 'user:dan', verb: 'create', resource: 'deployments', namespace: 'prod' }).allowed).toBe(false);
  });

  it('gives the implicit groups their default permissions', async () => {
    const model = await modelOfPaths(FILES.map((f) => path.join(BOOTSTRAP, f)));
    expect(canI(model, { as: 'user:system:anonymous', verb: 'get', resource: '/healthz' }).allowed).toBe(true);
    expect(canI(model, { as: 'user:system:anonymous', verb: 'get', resource: '/api' }).allowed).toBe(false);
    expect(canI(model, { as: 'user:anyone', verb: 'get', resource: '/api/v1' }).allowed).toBe(true);
    expect(canI(model, { as: 'user:anyone', verb: 'create', resource: 'selfsubjectaccessreviews.authorization.k8s.io' }).allowed).toBe(true);
    expect(canI(model, { as: 'user:anyone', verb: 'list', resource: 'secrets', namespace: 'default' }).allowed).toBe(false);
  });

  it('keeps defaults in who-can, marked system, and reports no user risk from them alone', async () => {
    const model = await modelOfPaths(FILES.map((f) => path.join(BOOTSTRAP, f)));
    const answer = whoCan(model, { verb: 'get', resource: 'secrets', namespace: 'kube-system' });
    expect(answer.subjects.map((s) => s.subject)).toContain('group:system:masters');
    expect(answer.subjects.every((s) => s.system)).toBe(true);
    expect(escalationPaths(model)).toEqual([]);
    const system = escalationPaths(model, { includeSystem: true, to: ['cluster-admin'] });
    expect(system.find((p) => p.from === 'system:serviceaccount:kube-system:clusterrole-aggregation-controller')?.steps.map((s) => s.kind)).toEqual(['escalate']);
    expect(system.every((p) => p.system)).toBe(true);
  });

  it('reports a default role once it is bound to a user subject', async () => {
    const model = await withUserObjects(`apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs-edit, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: devs}]
`);
    const paths = escalationPaths(model);
    expect(paths.filter((p) => p.from === 'group:devs').map((p) => p.target).sort()).toEqual(['nodes', 'secrets']);
    expect(paths.every((p) => !p.system)).toBe(true);
    // From the group, a pod in kube-system is out of reach: edit is bound in dev only.
    expect(escalationPaths(model, { from: 'group:devs', to: ['cluster-admin'] })).toEqual([]);
  });
  it('grants through its built-in admin, edit and view exactly what the bootstrap policy grants, when the input lacks them', async () => {
    // Every (group, resource, verb) the bootstrap policy names, and some it grants none of.
    const golden = await loadInputs({ paths: [path.join(BOOTSTRAP, 'cluster-roles.yaml')] });
    const triples = new Set(['rbac.authorization.k8s.io clusterroles create', ' nodes get', ' nodes/proxy get', 'certificates.k8s.io certificatesigningrequests/approval update']);
    for (const role of golden.resources) {
      for (const rule of (role.object.rules ?? []) as { apiGroups?: string[]; resources?: string[]; verbs?: string[] }[]) {
        for (const group of rule.apiGroups ?? []) for (const resource of rule.resources ?? []) for (const verb of rule.verbs ?? []) if (resource !== '*') triples.add(`${group} ${resource} ${verb}`);
      }
    }
    for (const role of ['admin', 'edit', 'view']) {
      const binding = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs-${role}, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects: [{kind: Group, name: devs}]
`;
      // The roles of the bootstrap policy without its bindings (system:basic-user of every authenticated user).
      const user = await loadInputs({ paths: ['-'], stdin: Readable.from([binding]) });
      const cluster = rbacModelOf([...golden.resources, ...user.resources]);
      const builtIn = await modelOf(binding);
      expect(builtIn.problems.filter((p) => p.code === 'rbac-missing-role')).toEqual([]);
      const differing = [...triples].filter((triple) => {
        const [group = '', resource = '', verb = ''] = triple.split(' ');
        const query = { as: 'user:dana', groups: ['devs'], verb, resource: group === '' ? resource : `${resource.split('/')[0] ?? ''}.${group}${resource.includes('/') ? resource.slice(resource.indexOf('/')) : ''}`, namespace: 'dev' };
        return canI(cluster, query).allowed !== canI(builtIn, query).allowed;
      });
      expect({ role, differing }).toEqual({ role, differing: [] });
    }
  });
});
