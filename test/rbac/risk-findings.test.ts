/**
 * The RBAC risk rules over the default policy of every cluster (../shared/testdata/k8s/rbac-bootstrap):
 * silent on the defaults alone, and reporting a default role once a user binding hands it to a
 * user subject, with the rule each risk came from (aggregated roles included).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/core/engine.js';
import { ResourceIndex } from '../../src/core/resource-index.js';
import { loadInputs } from '../../src/loaders/index.js';
import { RULES } from '../../src/rules/index.js';

const BOOTSTRAP = fileURLToPath(new URL('../../../shared/testdata/k8s/rbac-bootstrap', import.meta.url));
const present = existsSync(BOOTSTRAP);
if (!present) console.warn(`skipping RBAC risk findings over the default policy: ${BOOTSTRAP} is absent`);

const FILES = ['cluster-roles.yaml', 'cluster-role-bindings.yaml', 'controller-roles.yaml', 'controller-role-bindings.yaml', 'namespace-roles.yaml', 'namespace-role-bindings.yaml'];
const RBAC_RULES = RULES.filter((r) => r.id.startsWith('rbac-'));

async function scan(userYaml: string): Promise<ReturnType<typeof runRules>> {
  const base = await loadInputs({ paths: FILES.map((f) => path.join(BOOTSTRAP, f)) });
  const user = await loadInputs({ paths: ['-'], stdin: Readable.from([userYaml]) });
  return runRules(
    RBAC_RULES.map((rule) => ({ rule, options: undefined })),
    new ResourceIndex([...base.resources, ...user.resources]),
  );
}

describe.skipIf(!present)('RBAC risk findings over the default policy', () => {
  it('reports nothing about the defaults alone', async () => {
    const result = await scan('');
    expect(result.problems).toEqual([]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.resource.kind}/${f.resource.name}`)).toEqual([]);
  });

  it('reports the aggregated edit role handed to a group in one namespace, risk by risk', async () => {
    const result = await scan(`apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs-edit, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: devs}, {kind: Group, name: "system:nodes"}]
`);
    const byRule = new Map<string, string[]>();
    for (const f of result.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f.message]);
    expect([...byRule.keys()].sort()).toEqual(['rbac-escalation-verbs', 'rbac-pod-exec', 'rbac-secret-read', 'rbac-token-create', 'rbac-workload-create']);
    expect(result.findings.every((f) => f.resource.name === 'devs-edit' && f.status === 'fail')).toBe(true);
    // edit's rules come from system:aggregate-to-edit; the subject that is a cluster component is left out
    expect(byRule.get('rbac-secret-read')?.[0]).toMatch(/^RoleBinding "dev\/devs-edit" → ClusterRole "edit" → rule \/rules\/\d+ of ClusterRole "system:aggregate-to-edit" \(aggregated\) at .*cluster-roles\.yaml:\d+: Group devs holds /);
    expect(result.findings.some((f) => f.message.includes('system:nodes'))).toBe(false);
    // edit may impersonate the namespace's ServiceAccounts, but neither escalate nor bind: RBAC objects are left to admin
    expect(byRule.get('rbac-escalation-verbs')?.map((m) => m.replace(/^.*holds /, '').split(';')[0] ?? '')).toEqual(['impersonate on serviceaccounts in namespace "dev"']);
  });
});

describe('RBAC risk findings without the default policy in the input', () => {
  it('judges a binding to admin, edit or view by the built-in role, as in the cluster, plus what charts aggregate into it', async () => {
    const user = await loadInputs({
      paths: ['-'],
      stdin: Readable.from([
        `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: devs-edit, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
subjects: [{kind: Group, name: devs}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: auditors-view, namespace: dev}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: Group, name: auditors}]
---
# A chart's role aggregated into view (and so into edit and admin): view then reads secrets.
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: chart-viewer, labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list]}]
`,
      ]),
    });
    const result = runRules(
      RBAC_RULES.map((rule) => ({ rule, options: undefined })),
      new ResourceIndex(user.resources),
    );
    const rulesOf = (binding: string): string[] => [...new Set(result.findings.filter((f) => f.resource.name === binding).map((f) => f.ruleId))].sort();
    expect(rulesOf('devs-edit')).toEqual(['rbac-escalation-verbs', 'rbac-pod-exec', 'rbac-secret-read', 'rbac-token-create', 'rbac-workload-create']);
    expect(rulesOf('auditors-view')).toEqual(['rbac-secret-read']);
    expect(result.findings.find((f) => f.ruleId === 'rbac-pod-exec')?.message).toContain('its built-in rules');
    expect(result.findings.find((f) => f.resource.name === 'auditors-view')?.message).toContain('ClusterRole "chart-viewer" (aggregated)');
    expect(result.findings.some((f) => f.ruleId === 'rbac-dangling-binding')).toBe(false);
  });
});
