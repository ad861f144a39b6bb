import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, findingsFor, scanFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { possibleLevels } from './audit-rules.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('audit-policy-coverage', () => {
  it('reports unaudited events and credential leaks with the deciding rule', async () => {
    const scan = await scanFixtures(rule, ['fail/policies.yaml']);
    expect(findingsFor(scan, 'fail-secrets-request-response').map((f) => [f.message, f.location.path, f.severity])).toEqual([
      ['audit Policy "fail-secrets-request-response" logs get on secrets at level RequestResponse: Secret values are written to the audit log', '/rules/0', 'high'],
    ]);
    expect(findingsFor(scan, 'fail-exec-dropped').map((f) => f.message)).toEqual([
      'audit Policy "fail-exec-dropped" does not audit create on pods/exec: every rule that applies logs it at level None',
    ]);
  });

  it('reports an event audited only for some users or namespaces, with the rule that drops the rest', async () => {
    const scan = await scanYaml(rule, `apiVersion: audit.k8s.io/v1
kind: Policy
metadata: {name: kube-system-only}
rules:
  - level: Metadata
    namespaces: [kube-system]
  - level: None
`);
    const exec = scan.findings.filter((f) => f.message.includes('pods/exec'));
    expect(exec.map((f) => [f.message, f.location.path])).toEqual([
      ['audit Policy "kube-system-only" audits create on pods/exec only for some users, groups, namespaces or names: the others are logged at level None', '/rules/1'],
    ]);
  });

  it('matches a group with no resource list to every name, as the API server does', () => {
    const rules = [{ level: 'Metadata', resources: [{ group: '', resourceNames: ['x'] }] }];
    expect(possibleLevels(rules, { verb: 'get', group: '', resource: 'secrets' }).map((l) => [l.level, l.unconditional])).toEqual([['Metadata', true]]);
  });

  it('matches rules as the API server does: first match wins, conditions keep going', () => {
    const rules = [
      { level: 'RequestResponse', users: ['admin'], resources: [{ group: '', resources: ['secrets'] }] },
      { level: 'Metadata', resources: [{ group: '', resources: ['*/exec'] }] },
      { level: 'None', resources: [{ group: '', resources: ['pods/*'] }] },
      { level: 'Metadata' },
    ];
    expect(possibleLevels(rules, { verb: 'get', group: '', resource: 'secrets' }).map((l) => [l.level, l.unconditional])).toEqual([
      ['RequestResponse', false],
      ['Metadata', true],
    ]);
    expect(possibleLevels(rules, { verb: 'create', group: '', resource: 'pods', subresource: 'exec' }).map((l) => l.level)).toEqual(['Metadata']);
    expect(possibleLevels(rules, { verb: 'create', group: '', resource: 'pods', subresource: 'log' }).map((l) => l.level)).toEqual(['None']);
    expect(possibleLevels([], { verb: 'get', group: '', resource: 'secrets' }).map((l) => l.level)).toEqual(['None']);
  });
});
