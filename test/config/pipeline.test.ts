/** The configuration driving the core end to end: rule selection, the engine, severity overrides and suppressions. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { applySeverityOverrides, selectRules } from '../../src/config/rules.js';
import { runRules } from '../../src/core/engine.js';
import { ResourceIndex } from '../../src/core/resource-index.js';
import { defineRule, fail } from '../../src/core/rule.js';
import { applySuppressions } from '../../src/core/suppression.js';
import type { JsonObject, Resource } from '../../src/model/resource.js';

const hostPid = defineRule({
  id: 'host-pid',
  title: 'Host PID namespace',
  severity: 'high',
  threats: ['host-compromise'],
  mitre: ['T1611'],
  remediation: 'Remove hostPID.',
  references: [],
  target: 'workload',
  check: ({ workload }) => (workload.podSpec.hostPID === true ? [fail('shares the host PID namespace', `${workload.podSpecPath}/hostPID`)] : []),
});

function pod(name: string, namespace: string): Resource {
  const object: JsonObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { hostPID: true, containers: [{ name: 'c', image: 'i:1' }] } };
  const origin = { line: 1, column: 1 };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    name,
    namespace,
    object,
    source: { file: `${name}.yaml`, documentIndex: 0, pointerPrefix: '', position: origin, positions: { get: () => origin, nearest: (pointer) => ({ pointer, position: origin }) } },
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-pipeline-'));
  const lines = [
    'rules:',
    '  host-pid: {severity: medium}',
    'exceptions:',
    '  - rule: host-pid',
    '    namespace: monitoring',
    '    reason: node-exporter reads host processes',
    '    expires: 2026-06-30',
    '  - rule: host-pid',
    '    namespace: nowhere',
    '    reason: stale',
  ];
  writeFileSync(join(dir, '.palisade.yaml'), `${lines.join('\n')}\n`);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('selects, runs, re-grades and suppresses from one configuration file', () => {
  const resolved = resolveConfig({ file: join(dir, '.palisade.yaml') });
  const selection = selectRules([hostPid], resolved);
  const resources = [pod('exporter', 'monitoring'), pod('shell', 'shop')];
  const engine = runRules(selection.runs, new ResourceIndex(resources));
  const findings = applySeverityOverrides(engine.findings, selection.severityOverrides);
  const result = applySuppressions(findings, resources, resolved.config.exceptions, new Date('2026-06-30T20:00:00Z'), {
    locateException: (index) => resolved.locate(['exceptions', index]),
  });

  expect(result.findings.map((f) => [f.resource.name, f.severity, f.suppressed])).toEqual([
    ['exporter', 'medium', true],
    ['shell', 'medium', false],
  ]);
  expect(engine.rules[0]?.severity).toBe('medium');
  expect(result.exceptionStatus.map((s) => s.state)).toEqual(['active', 'unused']);
  expect(result.problems).toEqual([expect.objectContaining({ code: 'exception-unused', file: join(dir, '.palisade.yaml'), line: 8, column: 5 })]);
});
