/** Least privilege from audit events: minimal roles, unused grants, refused and duplicate events. */
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { suggestFromAuditLog, suggestionManifests } from '../../src/sdk/rbac.js';
import { modelOfPaths } from './support.js';

const LOG = fileURLToPath(new URL('./audit/events.jsonl', import.meta.url));
const RBAC = fileURLToPath(new URL('./audit/rbac.yaml', import.meta.url));

describe('rbac suggest', () => {
  it('writes the smallest roles covering what each identity did, and lists grants it never used', async () => {
    const model = await modelOfPaths([RBAC]);
    const answer = suggestFromAuditLog(model, LOG);
    expect(answer.problems.map((p) => [p.code, p.line])).toEqual([
      ['rbac-audit-invalid', 7],
      ['rbac-audit-invalid', 8],
    ]);
    const ci = answer.suggestions.find((s) => s.user === 'system:serviceaccount:dev:ci');
    // a1 is counted once across its two stages; the refused secrets list is not a use.
    expect(ci?.requests).toBe(3);
    expect(ci?.roles).toEqual([
      {
        kind: 'Role',
        namespace: 'dev',
        rules: [
          { apiGroups: [''], resources: ['pods'], verbs: ['list'], resourceNames: [] },
          { apiGroups: ['apps'], resources: ['deployments'], verbs: ['patch'], resourceNames: [] },
          { apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['update'], resourceNames: [] },
        ],
      },
    ]);
    expect(ci?.unused.map((u) => u.rule.rule.type === 'resource' && u.rule.rule.resources)).toEqual([['configmaps']]);
    const alice = answer.suggestions.find((s) => s.user === 'alice');
    expect(alice?.roles).toEqual([{ kind: 'ClusterRole', rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] }]);
    const docs = parseAllDocuments(suggestionManifests(answer.suggestions)).map((d) => d.toJS() as { kind: string; metadata: { name: string } });
    expect(docs.map((d) => `${d.kind} ${d.metadata.name}`)).toEqual(['ClusterRole palisade-least-alice', 'Role palisade-least-system-serviceaccount-dev-ci']);
  });

  it('drops a request a later stage refused, and gives an impersonated request to the identity it ran as', async () => {
    const model = await modelOfPaths([RBAC]);
    const answer = suggestFromAuditLog(model, fileURLToPath(new URL('./audit/stages-impersonation.jsonl', import.meta.url)));
    expect(answer.problems).toEqual([]);
    const rules = (user: string): unknown => answer.suggestions.find((s) => s.user === user)?.roles;
    // b1 was refused at ResponseComplete after a RequestReceived stage without a status.
    expect(rules('bob')).toEqual([{ kind: 'Role', namespace: 'dev', rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'], resourceNames: [] }] }]);
    expect(rules('carol')).toEqual([{ kind: 'Role', namespace: 'dev', rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['list'], resourceNames: [] }] }]);
    // The impersonator needs impersonate on the user and on the group it asked for, not the request itself.
    expect(rules('system:serviceaccount:cattle-system:proxy')).toEqual([
      {
        kind: 'ClusterRole',
        rules: [
          { apiGroups: [''], resources: ['groups'], verbs: ['impersonate'], resourceNames: ['devs'] },
          { apiGroups: [''], resources: ['users'], verbs: ['impersonate'], resourceNames: ['carol'] },
        ],
      },
    ]);
  });

  it('refuses a missing audit log with a usage error', async () => {
    const model = await modelOfPaths([RBAC]);
    expect(() => suggestFromAuditLog(model, '/no/such/audit.log')).toThrow(/cannot read audit log/);
  });
});
