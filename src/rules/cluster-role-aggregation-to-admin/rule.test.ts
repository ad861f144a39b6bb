import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFiles, scanFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

/** The API server's default ClusterRoles (../shared/testdata/k8s/rbac-bootstrap), labelled kubernetes.io/bootstrapping: rbac-defaults. */
const BOOTSTRAP_ROLES = fileURLToPath(new URL('../../../../shared/testdata/k8s/rbac-bootstrap/cluster-roles.yaml', import.meta.url));

describeRuleFixtures(rule);

describe('cluster-role-aggregation-to-admin', () => {
  it('says which role the grant flows into and what breaks its promise', async () => {
    const scan = await scanFixtures(rule, ['fail/aggregated.yaml']);
    expect(findingsFor(scan, 'fail-view-reads-secrets').map((f) => [f.message, f.location.path])).toEqual([
      ['ClusterRole "fail-view-reads-secrets" is aggregated into "view" (label rbac.authorization.k8s.io/aggregate-to-view) and grants read access to Secrets (view deliberately excludes them): every holder of view gets it', '/rules/1'],
    ]);
  });
});

describe('cluster-role-aggregation-to-admin on roles named like the defaults', () => {
  it('judges a ClusterRole named system:* that the bootstrap policy did not create (a name is free text)', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: "system:acme-operator-admin"
  labels: {rbac.authorization.k8s.io/aggregate-to-admin: "true"}
rules:
  - apiGroups: ["*"]
    resources: ["*"]
    verbs: ["*"]
`,
    );
    expect(findingsFor(scan, 'system:acme-operator-admin').map((f) => f.location.path)).toEqual(['/rules/0']);
  });

  it.skipIf(!existsSync(BOOTSTRAP_ROLES))('reports nothing about the default roles every cluster ships with', async () => {
    const scan = await scanFiles(rule, [BOOTSTRAP_ROLES]);
    expect(scan.problems).toEqual([]);
    expect(scan.resources.length).toBeGreaterThan(20);
    expect(scan.findings).toEqual([]);
  });
});
