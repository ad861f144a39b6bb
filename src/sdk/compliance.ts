/**
 * The compliance section of a report: each control of a framework judged from the scan's findings.
 * A control fails when any unsuppressed finding of its checks remains (a suppressed finding is an
 * accepted risk), passes otherwise, and is manual when objects cannot answer it or none of its
 * rules ran. The score is the share of automated controls that pass.
 */
import type { Finding } from '../model/finding.js';
import type { Compliance, ComplianceControl } from '../model/report.js';
import type { Control, Framework, RuleCheck } from '../frameworks/index.js';
import { isManual } from '../frameworks/index.js';

function matches(check: RuleCheck, finding: Finding): boolean {
  return finding.ruleId === check.rule && (check.message === undefined || check.message.test(finding.message));
}

function judge(control: Control, findings: readonly Finding[], ran: ReadonlySet<string>): ComplianceControl {
  const { id, title } = control;
  if (isManual(control)) return { id, title, status: 'manual', findings: 0, rules: [], reason: control.manual };
  const ruleIds = [...new Set(control.checks.map((c) => c.rule))];
  const running = control.checks.filter((c) => ran.has(c.rule));
  if (running.length === 0) {
    // Claiming a pass for rules that did not run would be a false assurance.
    return { id, title, status: 'manual', findings: 0, rules: ruleIds, reason: `its rules did not run (disabled or excluded): ${ruleIds.join(', ')}` };
  }
  const count = findings.filter((f) => !f.suppressed && running.some((check) => matches(check, f))).length;
  return { id, title, status: count > 0 ? 'fail' : 'pass', findings: count, rules: ruleIds };
}

/** One decimal, as the report schema documents. */
function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

/**
 * Judges every control of `framework` from `findings`. `ranRules` are the ids of the rules the scan
 * ran; `version` overrides the framework's document version (the Pod Security Standards policy
 * version a scan used).
 */
export function complianceOf(framework: Framework, findings: readonly Finding[], ranRules: ReadonlySet<string>, version?: string): Compliance {
  const controls = framework.controls.map((control) => judge(control, findings, ranRules));
  const automated = controls.filter((c) => c.status !== 'manual');
  return {
    framework: framework.id,
    title: framework.title,
    version: version ?? framework.version,
    score: percent(automated.filter((c) => c.status === 'pass').length, automated.length),
    controls,
  };
}
