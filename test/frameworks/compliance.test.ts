/**
 * Compliance scoring: the pure judgement (manual, pass, fail, suppressed findings, rules that did
 * not run, the score), the framework plan (rule narrowing, PSS version, usage problems) and a real
 * SDK scan with --framework over a fixture.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RuleRun } from '../../src/core/engine.js';
import { FRAMEWORKS, type Framework } from '../../src/frameworks/index.js';
import type { Finding } from '../../src/model/finding.js';
import type { RuleSummary } from '../../src/model/report.js';
import { RULES } from '../../src/rules/index.js';
import { complianceOf, frameworkRules, planFramework } from '../../src/sdk/compliance.js';
import { scan } from '../../src/sdk/scan.js';
import { reportValidator } from '../writers/report-schema.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/scan/workloads.yaml', import.meta.url));
const NOW = new Date('2026-01-01T00:00:00Z');

function finding(ruleId: string, message: string, suppressed = false): Finding {
  return {
    id: `${ruleId}-${message}`,
    ruleId,
    title: ruleId,
    severity: 'high',
    status: 'fail',
    message,
    threats: [],
    mitre: [],
    resource: { apiVersion: 'v1', kind: 'Pod', name: 'p' },
    location: { file: 'f.yaml', line: 1, column: 1, path: '' },
    remediation: 'Fix it.',
    suppressed,
  };
}

const SAMPLE: Framework = {
  id: 'sample',
  title: 'Sample',
  version: '1.0',
  url: 'https://example.invalid',
  controls: [
    { id: 'a', title: 'host PID', checks: [{ rule: 'host-namespaces', message: /hostPID/ }] },
    { id: 'b', title: 'host network', checks: [{ rule: 'host-namespaces', message: /hostNetwork/ }] },
    { id: 'c', title: 'privileged', checks: [{ rule: 'privileged-container' }, { rule: 'host-port' }] },
    { id: 'd', title: 'paper', manual: 'a process, not an object' },
    { id: 'e', title: 'disabled', checks: [{ rule: 'image-tag-latest' }] },
  ],
};

/** The engine's summary of a rule that ran: `judged` objects passed (or failed), the rest skipped. */
function ranRule(ruleId: string, judged = 1): RuleSummary {
  return { ruleId, title: ruleId, severity: 'high', threats: [], mitre: [], remediation: '', references: [], counts: { pass: judged, fail: 0, warn: 0, error: 0, skip: 3 } };
}

describe('complianceOf', () => {
  const ran = ['host-namespaces', 'privileged-container', 'host-port'].map((id) => ranRule(id));

  it('judges each control from the matching findings and scores the automated ones', () => {
    const findings = [finding('host-namespaces', 'pod shares hostPID'), finding('privileged-container', 'x'), finding('host-port', 'y')];
    const result = complianceOf(SAMPLE, findings, ran);
    expect(result).toMatchObject({ framework: 'sample', title: 'Sample', version: '1.0' });
    expect(result.controls.map((c) => [c.id, c.status, c.findings])).toEqual([
      ['a', 'fail', 1],
      ['b', 'pass', 0],
      ['c', 'fail', 2],
      ['d', 'manual', 0],
      ['e', 'manual', 0],
    ]);
    expect(result.controls[3]?.reason).toBe('a process, not an object');
    expect(result.controls[4]?.reason).toMatch(/did not run.*image-tag-latest/);
    // 1 of the 3 automated controls that ran passes.
    expect(result.score).toBe(33.3);
  });

  it('does not count suppressed findings, and scores 100 when every automated control passes', () => {
    const result = complianceOf(SAMPLE, [finding('host-namespaces', 'hostPID', true)], ran);
    expect(result.controls[0]).toMatchObject({ status: 'pass', findings: 0 });
    expect(result.score).toBe(100);
  });

  it('is manual, not a pass, when its rules ran but found nothing in the input to judge', () => {
    const nothing = [ranRule('host-namespaces', 0), ranRule('privileged-container', 0), ranRule('host-port')];
    const result = complianceOf(SAMPLE, [], nothing);
    expect(result.controls.map((c) => [c.id, c.status])).toEqual([['a', 'manual'], ['b', 'manual'], ['c', 'pass'], ['d', 'manual'], ['e', 'manual']]);
    expect(result.controls[0]?.reason).toBe('nothing in the input for its rules to judge: host-namespaces');
    // Only control c was judged, and it passes.
    expect(result.score).toBe(100);
  });

  it('takes the version the scan used over the document version', () => {
    expect(complianceOf(SAMPLE, [], ran, 'v1.29').version).toBe('v1.29');
  });
});

describe('planFramework', () => {
  const runs: RuleRun[] = RULES.map((rule): RuleRun => ({ rule, options: rule.options?.parse({}) as unknown }));

  it('keeps only the framework\'s rules', () => {
    const plan = planFramework(runs, 'cis-kubernetes');
    const ids = plan.runs.map((r) => r.rule.id);
    expect(plan.problems).toEqual([]);
    expect(ids).toContain('privileged-container');
    expect(ids).not.toContain('probes-missing');
    expect(ids).toEqual(frameworkRules('cis-kubernetes')?.filter((id) => ids.includes(id)));
  });

  it('runs the PSS rules at the requested version and reports it', () => {
    const plan = planFramework(runs, 'pss-restricted', 'v1.24');
    expect(plan.runs.map((r) => r.rule.id)).toEqual(['pss-restricted']);
    expect(plan.runs[0]?.options).toMatchObject({ version: 'v1.24' });
    expect(plan.version).toBe('v1.24');
    expect(planFramework(runs, 'pss-baseline').version).toBe('latest');
  });

  it('takes a framework id in any case, as kubescape takes NSA or nsa, and reports the canonical id', async () => {
    const plan = planFramework(runs, 'CIS-Kubernetes');
    expect(plan.problems).toEqual([]);
    expect(plan.framework?.id).toBe('cis-kubernetes');
    expect(frameworkRules('NSA-CISA')).toEqual(frameworkRules('nsa-cisa'));
    const report = await scan({ paths: [FIXTURE], framework: 'PSS-Baseline', now: NOW });
    expect(report.errors).toEqual([]);
    expect(report.compliance?.framework).toBe('pss-baseline');
  });

  it('reports unknown frameworks and malformed versions as usage problems', () => {
    const unknown = planFramework(runs, 'cis-k8s');
    expect(unknown.framework).toBeUndefined();
    expect(unknown.problems.map((p) => [p.code, p.message])).toEqual([['unknown-framework', '--framework names no known framework: cis-k8s']]);
    expect(unknown.problems[0]?.hint).toMatch(/cis-kubernetes/);
    expect(planFramework(runs, undefined, '1.29').problems.map((p) => p.code)).toEqual(['invalid-pss-version']);
    expect(frameworkRules('cis-k8s')).toBeUndefined();
  });
});

describe('scan with a framework', () => {
  it('restricts the rules to the framework and adds its compliance section', async () => {
    const report = await scan({ paths: [FIXTURE], framework: 'cis-kubernetes', now: NOW });
    const compliance = report.compliance;
    if (compliance === undefined) throw new Error('no compliance section');
    const byId = new Map(compliance.controls.map((c) => [c.id, c]));
    expect(byId.get('5.2.2')).toMatchObject({ status: 'fail', findings: 1, rules: ['privileged-container'] });
    expect(byId.get('5.2.3')).toMatchObject({ status: 'fail', findings: 1 });
    expect(byId.get('5.2.5')).toMatchObject({ status: 'pass', findings: 0 });
    expect(byId.get('1.1.1')).toMatchObject({ status: 'manual', reason: expect.stringContaining('file permissions') as string });
    // Workloads only: no API server manifest, so its controls are not passed for free.
    expect(byId.get('1.2.1')).toMatchObject({ status: 'manual', reason: 'nothing in the input for its rules to judge: apiserver-anonymous-auth' });
    const automated = compliance.controls.filter((c) => c.status !== 'manual');
    expect(compliance.score).toBe(Math.round((automated.filter((c) => c.status === 'pass').length / automated.length) * 1000) / 10);
    // Only the framework's rules ran: probes-missing is in no CIS control.
    expect(report.rules.map((r) => r.ruleId)).not.toContain('probes-missing');
    expect(report.findings.every((f) => frameworkRules('cis-kubernetes')?.includes(f.ruleId))).toBe(true);
  });

  it('runs the opt-in PSS rule of a PSS framework at --pss-version', async () => {
    const report = await scan({ paths: [FIXTURE], framework: 'pss-baseline', pssVersion: 'v1.0', now: NOW });
    expect(report.rules.map((r) => r.ruleId)).toEqual(['pss-baseline']);
    expect(report.compliance?.version).toBe('v1.0');
    const failing = report.compliance?.controls.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failing).toEqual(['baseline-host-namespaces', 'baseline-privileged-containers']);
  });

  it('gives reports that validate against schemas/report.schema.json, for every framework', async () => {
    const validate = reportValidator();
    for (const framework of FRAMEWORKS.map((f) => f.id)) {
      const report = JSON.parse(JSON.stringify(await scan({ paths: [FIXTURE], framework, now: NOW }))) as unknown;
      expect(validate(report), framework).toEqual([]);
    }
  });

  it('has no compliance section without a framework', async () => {
    const report = await scan({ paths: [FIXTURE], now: NOW });
    expect(report.compliance).toBeUndefined();
  });
});
