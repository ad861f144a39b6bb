import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../sdk/index.js';
import { describeRuleFixtures, scanYaml } from '../../../test/support/rule-harness.js';
import { rule } from './rule.js';

describeRuleFixtures(rule);

describe('workload-in-default-namespace', () => {
  it('tells an omitted namespace from an explicit default one', async () => {
    const scan = await scanYaml(rule, `apiVersion: v1
kind: Pod
metadata: {name: implicit}
spec: {containers: [{name: a, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata:
  name: explicit
  namespace: default
spec: {containers: [{name: a, image: nginx}]}
`);
    expect(scan.findings.map((f) => [f.message.split(':')[0], f.location.path, f.location.line])).toEqual([
      ['Pod "implicit" names no namespace, so it lands in "default"', '/metadata', 3],
      ['Pod "explicit" is in the "default" namespace', '/metadata/namespace', 10],
    ]);
  });
});

describe('workload-in-default-namespace on a Helm chart', () => {
  it('leaves a chart object without a namespace to the release namespace, and judges one written as default', async () => {
    const chart = mkdtempSync(join(tmpdir(), 'palisade-chart-'));
    try {
      mkdirSync(join(chart, 'templates'));
      writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
      writeFileSync(join(chart, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: released\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pinned\n  namespace: default\n');
      const report = await scan({ paths: [chart], rules: [rule.id], failOn: 'none' });
      expect(report.errors).toEqual([]);
      expect(report.findings.map((f) => f.resource.name)).toEqual(['pinned']);
    } finally {
      rmSync(chart, { recursive: true, force: true });
    }
  });
});
