/**
 * Runs rules over the index. Every (rule, subject) pair ends as exactly one of pass, fail, warn,
 * error or skip; a rule that throws is an `error` for that subject only.
 */
import type { Finding } from '../model/finding.js';
import type { Problem } from '../model/problem.js';
import type { RuleStatus, RuleSummary } from '../model/report.js';
import type { Resource, ResourceRef } from '../model/resource.js';
import path from 'node:path';
import { resourceKey, refOf } from '../model/resource.js';
import { hash64Fields } from '../lib/hash.js';
import { isFileBacked } from '../model/source.js';
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
  /** The file as the finding id knows it (see idFile). */
  readonly file: string;
}

const sharedByResource = new WeakMap<Resource, Shared>();
function shared(resource: Resource): Shared {
  let found = sharedByResource.get(resource);
  if (found === undefined) {
    found = { ref: refOf(resource), key: resourceKey(resource), file: idFile(resource.source.file) };
    sharedByResource.set(resource, found);
  }
  return found;
}

/**
 * A file as the working directory sees it, whichever way it was named (`k8s/x.yaml`,
 * `./k8s/x.yaml`, `/repo/k8s/x.yaml` from /repo): the id is SARIF's fingerprint, and a different
 * one for the same finding makes code scanning close the alert, open another and lose its
 * dismissal. stdin and clusters are not files.
 */
function idFile(file: string): string {
  if (!isFileBacked(file)) return file;
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative === '' ? '.' : relative.split(path.sep).join('/');
}

/** Stable id: same rule, resource, file, JSON pointer and message give the same id on every run. */
function findingId(ruleId: string, subject: Shared, pointer: string, message: string): string {
  return hash64Fields([ruleId, subject.key, subject.file, pointer, message]);
}

/**
 * One copy of each distinct text. A scan's findings repeat a few dozen pointers and far fewer
 * messages than findings (219k findings of the benchmark hold 28 distinct paths): kept once
 * each, they stop costing memory per finding.
 */
class Texts {
  private readonly seen = new Map<string, string>();

  one(text: string): string {
    const found = this.seen.get(text);
    if (found !== undefined) return found;
    this.seen.set(text, text);
    return text;
  }
}

function toFinding(rule: AnyRule, resource: Resource, subject: Shared, violation: Violation, texts: Texts): Finding {
  const message = texts.one(violation.message);
  const pointer = texts.one(violation.path);
  return {
    id: findingId(rule.id, subject, pointer, message),
    ruleId: rule.id,
    title: rule.title,
    severity: violation.severity ?? rule.severity,
    status: violation.status,
    message,
    threats: rule.threats,
    mitre: rule.mitre,
    resource: subject.ref,
    location: locate(resource, pointer),
    remediation: rule.remediation,
    suppressed: false,
  };
}


/** The status of one subject from its outcomes: any fail beats warn beats skip; none is a pass. */
const STATUS_WEIGHT: Readonly<Record<Exclude<RuleStatus, 'error'>, number>> = { pass: 0, skip: 1, warn: 2, fail: 3 };

/** `onRuleDone(done, total)` reports progress after each rule, for long scans. */
export function runRules(runs: readonly RuleRun[], index: ResourceIndex, onRuleDone?: (done: number, total: number) => void): EngineResult {
  const findings: Finding[] = [];
  const problems: Problem[] = [];
  const summaries: RuleSummary[] = [];
  const texts = new Texts();
  for (const { rule, options } of runs) {
    const counts = emptyCounts();
    const context: RuleContext<unknown> = { index, options };
    // Outcomes are consumed as the rule yields them (no array per subject: a scan evaluates
    // millions of rule-subject pairs, most of which yield nothing).
    const evaluate = (resource: Resource, check: () => Iterable<Outcome>): void => {
      const mark = findings.length;
      let status: RuleStatus = 'pass';
      try {
        let subject: Shared | undefined;
        for (const outcome of check()) {
          if (STATUS_WEIGHT[outcome.status] > STATUS_WEIGHT[status]) status = outcome.status;
          if (outcome.status === 'skip') continue;
          subject ??= shared(resource);
          findings.push(toFinding(rule, resource, subject, outcome, texts));
        }
      } catch (error) {
        // A rule that fails on a subject says nothing about it, not half of what it would have.
        findings.length = mark;
        counts.error++;
        const { file, line, column } = locate(resource, '');
        problems.push(problem('rule-error', `rule ${rule.id} failed on ${resourceKey(resource)}: ${error instanceof Error ? error.message : String(error)}`, { file, line, column }));
        return;
      }
      counts[status]++;
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
