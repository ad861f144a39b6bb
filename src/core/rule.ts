/**
 * The rule contract: declarative metadata plus one pure check. A check yields outcomes for one
 * subject; yielding nothing means the subject passes. A check that throws becomes an `error`
 * result for that subject and the scan goes on.
 */
import type { z } from 'zod';
import type { Resource } from '../model/resource.js';
import type { Severity } from '../model/severity.js';
import type { ThreatId } from '../model/threats.js';
import type { Workload } from '../model/k8s.js';
import type { ResourceIndex } from './resource-index.js';

export interface RuleMeta {
  /** kebab-case; equals the rule's folder name, doc name and test name. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** From ../shared/docs/THREATS.md. */
  readonly threats: readonly ThreatId[];
  /** MITRE ATT&CK technique ids (T1611, T1552.007, ...). */
  readonly mitre: readonly string[];
  /** Imperative, one sentence. */
  readonly remediation: string;
  readonly references: readonly string[];
  /**
   * `false` makes the rule opt-in: it runs only when `--rules` names it, the configuration sets
   * `rules.<id>.enabled: true`, or `--framework` needs it. For whole-standard evaluations (Pod
   * Security Standards) whose findings repeat the finer rules that run by default.
   */
  readonly enabledByDefault?: false;
}

/** A problem the check found. `path` is a JSON pointer from the resource root. */
export interface Violation {
  readonly status: 'fail' | 'warn';
  readonly message: string;
  readonly path: string;
  /** Overrides the rule's severity for this one finding (e.g. a worse hostPath). */
  readonly severity?: Severity;
}

export interface Skip {
  readonly status: 'skip';
  readonly reason: string;
}

export type Outcome = Violation | Skip;

export function fail(message: string, path: string, severity?: Severity): Violation {
  return severity === undefined ? { status: 'fail', message, path } : { status: 'fail', message, path, severity };
}

export function warn(message: string, path: string, severity?: Severity): Violation {
  return severity === undefined ? { status: 'warn', message, path } : { status: 'warn', message, path, severity };
}

export function skip(reason: string): Skip {
  return { status: 'skip', reason };
}

export interface RuleContext<Options> {
  readonly index: ResourceIndex;
  readonly options: Options;
}

/** A workload rule sees the pod every workload kind creates. */
export interface WorkloadSubject {
  readonly resource: Resource;
  readonly workload: Workload;
}

interface RuleBase<Options> extends RuleMeta {
  /** Options the user may set under `rules.<id>.options` in .palisade.yaml, with defaults. */
  readonly options?: z.ZodType<Options>;
}

export interface WorkloadRule<Options = undefined> extends RuleBase<Options> {
  readonly target: 'workload';
  check(subject: WorkloadSubject, context: RuleContext<Options>): Iterable<Outcome>;
}

export interface ResourceRule<Options = undefined> extends RuleBase<Options> {
  readonly target: { readonly kinds: readonly string[] };
  check(resource: Resource, context: RuleContext<Options>): Iterable<Outcome>;
}

export type Rule<Options = undefined> = WorkloadRule<Options> | ResourceRule<Options>;

// Rules are stored with their options type erased; the engine parses options with the rule's own
// schema before calling it, so the erased type never lies at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

export function defineRule<Options = undefined>(rule: Rule<Options>): Rule<Options> {
  return rule;
}
