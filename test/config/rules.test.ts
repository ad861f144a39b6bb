import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveConfig } from '../../src/config/resolve.js';
import { applySeverityOverrides, selectRules } from '../../src/config/rules.js';
import { defineRule, fail, type AnyRule, type ResourceRule } from '../../src/core/rule.js';
import type { Finding } from '../../src/model/finding.js';

const meta = { title: 't', severity: 'high', threats: ['container-compromise'], mitre: [], remediation: 'Fix it.', references: [] } as const;
const RULES: AnyRule[] = [
  defineRule({ id: 'host-pid', ...meta, target: 'workload', check: () => [] }),
  defineRule({ id: 'host-ipc', ...meta, target: 'workload', check: () => [] }),
  imageTag(),
];

function imageTag(): ResourceRule<{ allow: string[] }> {
  return {
    id: 'image-tag',
    ...meta,
    options: z.strictObject({ allow: z.array(z.string()).default(['stable']) }),
    target: { kinds: ['Pod'] },
    check: (_resource, { options }) => (options.allow.length > 0 ? [] : [fail('no tags allowed', '/spec')]),
  };
}

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function resolvedFrom(yaml: string, env: Record<string, string> = {}): ReturnType<typeof resolveConfig> {
  dir = mkdtempSync(join(tmpdir(), 'palisade-rules-'));
  const file = join(dir, '.palisade.yaml');
  writeFileSync(file, yaml);
  return resolveConfig({ file, env });
}

describe('selectRules', () => {
  it('runs every rule with default options when nothing is configured', () => {
    const selection = selectRules(RULES, resolveConfig());
    expect(selection.runs.map((run) => [run.rule.id, run.options])).toEqual([
      ['host-pid', undefined],
      ['host-ipc', undefined],
      ['image-tag', { allow: ['stable'] }],
    ]);
    expect(selection.problems).toEqual([]);
  });

  it('disables by `disabledRules` or `enabled: false`, applies options and severity', () => {
    const resolved = resolvedFrom('disabledRules: [host-pid]\nrules:\n  host-ipc: {enabled: false}\n  image-tag:\n    severity: low\n    options: {allow: []}\n');
    const selection = selectRules(RULES, resolved);
    expect(selection.disabled).toEqual(['host-pid', 'host-ipc']);
    expect(selection.runs.map((run) => [run.rule.id, run.rule.severity, run.options])).toEqual([['image-tag', 'low', { allow: [] }]]);
    expect([...selection.severityOverrides]).toEqual([['image-tag', 'low']]);
    // The registry's rule object is not changed by the override.
    expect(RULES[2]?.severity).toBe('high');
  });

  it('reports unknown rule ids with a suggestion, located in the file or by variable', () => {
    const resolved = resolvedFrom('rules:\n  host-pdi: {severity: low}\n', { PALISADE_DISABLED_RULES: 'imagetag' });
    const { problems } = selectRules(RULES, resolved);
    expect(problems.map((p) => [p.code, p.line, p.message, p.hint])).toEqual([
      ['unknown-rule', 2, 'rules.host-pdi: unknown rule "host-pdi"', 'Did you mean "host-pid"? List the rules with `palisade rules list`.'],
      ['unknown-rule', undefined, 'PALISADE_DISABLED_RULES: unknown rule "imagetag"', 'Did you mean "image-tag"? List the rules with `palisade rules list`.'],
    ]);
  });

  it('reports invalid options at their line and leaves that rule out', () => {
    const resolved = resolvedFrom('rules:\n  image-tag:\n    options:\n      allow: yes-please\n  host-pid:\n    options: {x: 1}\n');
    const selection = selectRules(RULES, resolved);
    expect(selection.runs.map((run) => run.rule.id)).toEqual(['host-ipc']);
    expect(selection.problems.map((p) => `${p.code} ${p.line}:${p.column} ${p.message}`)).toEqual([
      'config-invalid 6:5 rules.host-pid.options: rule host-pid takes no options',
      'config-invalid 4:7 rules.image-tag.options.allow: Invalid input: expected array, received string',
    ]);
  });

  it('refuses an option key the rule does not have, though rules declare plain (key-dropping) objects', () => {
    const lowUid: ResourceRule<{ minimumUid: number }> = {
      id: 'low-uid',
      ...meta,
      options: z.object({ minimumUid: z.number().default(10000) }),
      target: { kinds: ['Pod'] },
      check: () => [],
    };
    const resolved = resolvedFrom('rules:\n  low-uid:\n    options:\n      minimumUID: 1000\n');
    const selection = selectRules([...RULES, lowUid], resolved);
    // The rule would have run at its default, 10000, while the user believed it set to 1000.
    expect(selection.runs.map((run) => run.rule.id)).toEqual(['host-pid', 'host-ipc', 'image-tag']);
    expect(selection.problems.map((p) => [p.code, `${p.line}:${p.column}`, p.message, p.hint])).toEqual([
      ['config-invalid', '4:7', 'rules.low-uid.options.minimumUID: unknown option "minimumUID" of rule low-uid', 'Did you mean "minimumUid"? Options of low-uid: minimumUid (`palisade rules show low-uid`).'],
    ]);
  });

  it('flags a rule both enabled and listed in disabledRules', () => {
    const resolved = resolvedFrom('disabledRules: [host-pid]\nrules:\n  host-pid: {enabled: true}\n');
    const selection = selectRules(RULES, resolved);
    expect(selection.disabled).toContain('host-pid');
    expect(selection.problems).toEqual([expect.objectContaining({ code: 'config-invalid', line: 3, message: expect.stringContaining('listed in disabledRules') as string })]);
  });
});

describe('applySeverityOverrides', () => {
  it('replaces the severity of findings of overridden rules only', () => {
    const base = { id: '1', title: 't', status: 'fail', message: 'm', threats: [], mitre: [], remediation: 'r', suppressed: false } as const;
    const where = { resource: { apiVersion: 'v1', kind: 'Pod', name: 'p' }, location: { file: 'f', line: 1, column: 1, path: '' } };
    const findings: Finding[] = [
      { ...base, ...where, ruleId: 'host-pid', severity: 'critical' },
      { ...base, ...where, ruleId: 'host-ipc', severity: 'high' },
    ];
    const out = applySeverityOverrides(findings, new Map([['host-pid', 'low' as const]]));
    expect(out.map((f) => f.severity)).toEqual(['low', 'high']);
    expect(out[1]).toBe(findings[1]);
  });
});

describe('opt-in rules', () => {
  const optIn = defineRule({ id: 'whole-standard', ...meta, enabledByDefault: false, target: 'workload', check: () => [] });

  it('are marked opt-in unless the configuration enables them', () => {
    const byDefault = selectRules([optIn], resolveConfig({}));
    expect(byDefault.runs.map((r) => [r.rule.id, r.optIn])).toEqual([['whole-standard', true]]);
    const enabled = selectRules([optIn], resolvedFrom('rules:\n  whole-standard:\n    enabled: true\n'));
    expect(enabled.runs.map((r) => [r.rule.id, r.optIn])).toEqual([['whole-standard', undefined]]);
  });
});
