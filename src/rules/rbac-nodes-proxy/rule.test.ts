import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('rbac-nodes-proxy', () => {
  it('reports the verbs granted on nodes/proxy', async () => {
    const scan = await scanYaml(
      rule,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: scraper}
rules:
  - {apiGroups: [""], resources: ["nodes/proxy"], verbs: [get, list, watch]}
`,
    );
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path, f.severity])).toEqual([
      ['ClusterRole "scraper" grants get on nodes/proxy', '/rules/0', 'critical'],
    ]);
  });
});
