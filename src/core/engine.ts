/**
 * Runs rules over the index. Every (rule, subject) pair ends as exactly one of pass, fail, warn,
 * error or skip; a rule that throws is an `error` for that subject only.
 */
import type { Finding } from '../model/finding.js';
import type { Problem } from '../model/problem.js';
import type { RuleStatus, RuleSummary } from '../model/report.js';
import type { Resource, ResourceRef } from '../model/resource.js';
import { resourceKey, refOf } from '../model/resource.js';
import { hash64Fields } from '../lib/hash.js';
import { problem } from './errors.js';
import type { AnyRule, Outcome, RuleContext, Violation } from './rule.js';
import type { ResourceIndex } from './resource-index.js';
import { locate } from './locate.js';

export interface RuleRun {
  readonly rule: AnyRule;
  /** Options already parsed and defaulted by the rule's schema. */
  readonly options: unknown;
}

export interface EngineResult {
  readonly findings: Finding[];
  readonly rules: RuleSummary[];
  readonly problems: Problem[];
}

type Counts = Record<RuleStatus, number>;

function emptyCounts(): Counts {
  return { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
}

/** Per resource, computed once: a scan can hold hundreds of thousands of findings. */
interface Shared {
  readonly ref: ResourceRef;
  readonly key: string;
}

const sharedByResource = new WeakMap<Resource, Shared>();
function shared(resource: Resource): Shared {
  let found = sharedByResource.get(resource);
  if (found === undefined) {
    found = { ref: refOf(resource), key: resourceKey(resource) };
    sharedByResource.set(resource, found);
  }
  return found;
}

/** Stable id: same rule, resource, path and message give the same id on every run. */
function findingId(ruleId: string, subject: Shared, resource: Resource, path: string, message: string): string {
  return hash64Fields([ruleId, subject.key, resource.source.file, path, message]);
}

function toFinding(rule: AnyRule, resource: Resource, subject: Shared, violation: Violation): Finding {
  return {
    id: findingId(rule.id, subject, resource, violation.path, violation.message),
    ruleId: rule.id,
    title: rule.title,
    severity: violation.severity ?? rule.severity,
    status: violation.status,
    message: violation.message,
    threats: rule.threats,
    mitre: rule.mitre,
    resource: subject.ref,
    location: locate(resource, violation.path),
    remediation: rule.remediation,
    suppressed: false,
  };
}


/** The status of one subject from its outcomes: any fail beats warn beats skip; none is a pass. */
function statusOf(outcomes: readonly Outcome[]): RuleStatus {
  if (outcomes.some((o) => o.status === 'fail')) return 'fail';
  if (outcomes.some((o) => o.status === 'warn')) return 'warn';
  if (outcomes.some((o) => o.status === 'skip')) return 'skip';
  return 'pass';
}

/** `onRuleDone(done, total)` reports progress after each rule, for long scans. */
export function runRules(runs: readonly RuleRun[], index: ResourceIndex, onRuleDone?: (done: number, total: number) => void): EngineResult {
  const findings: Finding[] = [];
  const problems: Problem[] = [];
  const summaries: RuleSummary[] = [];
  for (const { rule, options } of runs) {
    const counts = emptyCounts();
    const context: RuleContext<unknown> = { index, options };
    const evaluate = (resource: Resource, check: () => Iterable<Outcome>): void => {
      let outcomes: Outcome[];
      try {
        outcomes = [...check()];
      } catch (error) {
        counts.error++;
        const { file, line, column } = locate(resource, '');
        problems.push(problem('rule-error', `rule ${rule.id} failed on ${resourceKey(resource)}: ${error instanceof Error ? error.message : String(error)}`, { file, line, column }));
        return;
      }
      counts[statusOf(outcomes)]++;
      if (outcomes.length === 0) return;
      const subject = shared(resource);
      for (const outcome of outcomes) if (outcome.status !== 'skip') findings.push(toFinding(rule, resource, subject, outcome));
    };
    if (rule.target === 'workload') {
      for (const subject of index.workloads()) evaluate(subject.resource, () => rule.check(subject, context));
    } else {
      for (const kind of rule.target.kinds) {
        for (const resource of index.byKind(kind)) evaluate(resource, () => rule.check(resource, context));
      }
    }
    const { id: ruleId, title, severity, threats, mitre, remediation, references } = rule;
    summaries.push({ ruleId, title, severity, threats, mitre, remediation, references, counts });
    onRuleDone?.(summaries.length, runs.length);
  }
  return { findings, rules: summaries, problems };
}
