/**
 * Conformance with KubiScan's catalogue of risky RBAC permissions
 * (../shared/testdata/k8s/rbac-reference/kubiscan/risky_roles.yaml, GPL-3.0 test data read at test
 * time, never copied). KubiScan calls a role risky when its rules cover one of these patterns. Here
 * each pattern is held by a probe user in a small cluster (a ServiceAccount bound to cluster-admin
 * with a pod and a token Secret, a Role reading secrets, the cluster-admin ClusterRole), and the
 * pattern counts as risky for Palisade when the probe gets at least one escalation edge.
 * Every disagreement is listed with the reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { escalationPaths } from '../../src/sdk/rbac.js';
import { modelOf } from './support.js';

const FILE = fileURLToPath(new URL('../../../shared/testdata/k8s/rbac-reference/kubiscan/risky_roles.yaml', import.meta.url));
const present = existsSync(FILE);
if (!present) console.warn(`skipping KubiScan conformance: ${FILE} is absent`);

/** Patterns Palisade does not count as escalation, and why. */
const EXPECTED_DISAGREEMENTS: Record<string, string> = {
  'risky-any-resource-delete': 'deleting objects destroys but grants no identity or secret (availability, not escalation)',
  // The impersonation filter refuses Impersonate-Group without an Impersonate-User the caller may
  // also send; the scan rule rbac-escalation-verbs still reports these grants, as KubiScan does.
  'risky-impersonate-groups': 'impersonating groups alone is refused by the API server: a user or ServiceAccount must be impersonated too',
  'risky-any-verb-groups': 'every verb on groups is impersonating groups alone, which the API server refuses without a user or ServiceAccount to impersonate',
  'risky-add-rolebinding': 'patching a RoleBinding goes through the same escalation check as creating one: without bind, only roles already held can be referenced',
  // KubiScan reads resourceNames ["*"] as "any role"; the authorizer compares names literally, so
  // these rules allow binding only a role named "*". The same rules without resourceNames are
  // checked below to be escalations.
  'risky-create-rolebinding-role': 'bind with resourceNames ["*"] matches only a role literally named "*"',
  'risky-create-rolebinding-clusterrole': 'bind with resourceNames ["*"] matches only a ClusterRole literally named "*"',
  'risky-create-clusterrolebinding-clusterrole': 'bind with resourceNames ["*"] matches only a ClusterRole literally named "*"',
};

/** The rules with a literal resourceNames ["*"] dropped: what KubiScan means by them. */
function withoutStarNames(rules: unknown[]): unknown[] {
  return rules.map((rule) => {
    const { resourceNames, ...rest } = rule as { resourceNames?: unknown };
    return Array.isArray(resourceNames) && resourceNames.length === 1 && resourceNames[0] === '*' ? rest : rule;
  });
}

const CONTEXT = `
apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: default}
---
apiVersion: v1
kind: Secret
type: kubernetes.io/service-account-token
metadata: {name: app-token, namespace: default, annotations: {kubernetes.io/service-account.name: app}}
---
apiVersion: v1
kind: Pod
metadata: {name: app, namespace: default}
spec:
  serviceAccountName: app
  containers: [{name: app, image: registry.example/app:1}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: default}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec: {serviceAccountName: app, containers: [{name: app, image: registry.example/app:1}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: cluster-admin}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: app-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: ServiceAccount, name: app, namespace: default}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: secret-reader, namespace: default}
rules: [{apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"]}]
`;

interface Pattern {
  name: string;
  priority: string;
  rules: unknown[];
}

function patterns(): Pattern[] {
  const doc = parse(readFileSync(FILE, 'utf8'), { uniqueKeys: false }) as { items: { metadata: { name: string; priority: string }; rules: unknown[] }[] };
  return doc.items.map((item, i) => ({ name: `${item.metadata.name}#${i}`, priority: item.metadata.priority, rules: item.rules }));
}

/** The pattern as a ClusterRole bound cluster-wide to user probe (KubiScan matches rules whatever the role kind). */
function probeYaml(pattern: Pattern): string {
  return `${CONTEXT}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pattern}
rules: ${JSON.stringify(pattern.rules)}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: probe}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pattern}
subjects: [{kind: User, name: probe}]
`;
}

describe.skipIf(!present)('KubiScan risky role patterns', () => {
  it('agrees that each pattern is an escalation, except the explained ones', async () => {
    const verdicts: { name: string; risky: boolean; steps: string[] }[] = [];
    for (const pattern of present ? patterns() : []) {
      const model = await modelOf(probeYaml(pattern));
      expect(model.problems.filter((p) => p.level !== 'note')).toEqual([]);
      const paths = escalationPaths(model, { from: 'user:probe' });
      verdicts.push({ name: pattern.name, risky: paths.length > 0, steps: paths.map((p) => p.steps[0]?.kind ?? '') });
    }
    const disagreements = verdicts.filter((v) => !v.risky).map((v) => v.name.replace(/#\d+$/, ''));
    const agreed = verdicts.length - disagreements.length;
    console.info(`KubiScan agreement: ${agreed}/${verdicts.length} patterns; disagreements: ${disagreements.join(', ') || 'none'}`);
    expect(verdicts.length).toBeGreaterThan(30);
    expect([...new Set(disagreements)].sort()).toEqual(Object.keys(EXPECTED_DISAGREEMENTS).sort());
  });

  it('finds the bind patterns risky once their literal resourceNames ["*"] is read as KubiScan means it', async () => {
    const starred = (present ? patterns() : []).filter((p) => JSON.stringify(p.rules).includes('"resourceNames":["*"]'));
    expect(starred.length).toBeGreaterThanOrEqual(3);
    for (const pattern of starred) {
      const model = await modelOf(probeYaml({ ...pattern, rules: withoutStarNames(pattern.rules) }));
      const kinds = escalationPaths(model, { from: 'user:probe' }).map((p) => p.steps[0]?.kind);
      expect(kinds, pattern.name).toContain('bind');
    }
  });
});
