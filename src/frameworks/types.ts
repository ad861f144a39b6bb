/**
 * A compliance framework as data: every control of its source document, each either checked by
 * Palisade rules or marked manual with the reason objects cannot answer it. Control ids live here,
 * never in rules (docs/STYLE.md habit 1).
 */

/** One rule that answers (part of) a control. */
export interface RuleCheck {
  readonly rule: string;
  /** Only the rule's findings whose message matches count, for rules that report several things. */
  readonly message?: RegExp;
  /**
   * The control-plane component the check is about, for a rule that judges several
   * (control-plane-profiling: the controller manager's and the scheduler's --profiling): the
   * check is judged only when the input runs that component, not whenever the rule judged another.
   */
  readonly component?: string;
}

interface ControlBase {
  /** The document's own id ("5.2.3", "T1611", "4.3.1"), or a slug where the document has none. */
  readonly id: string;
  /** The document's own title of the control. */
  readonly title: string;
  /** Where the control's scope and the rules' scope differ, said plainly. */
  readonly note?: string;
}

export interface AutomatedControl extends ControlBase {
  readonly checks: readonly RuleCheck[];
}

export interface ManualControl extends ControlBase {
  /** Why the control cannot be checked from Kubernetes objects. */
  readonly manual: string;
}

export type Control = AutomatedControl | ManualControl;

export interface Framework {
  /** kebab-case, used by `--framework`. */
  readonly id: string;
  readonly title: string;
  /** The version of the source document. */
  readonly version: string;
  readonly url: string;
  readonly controls: readonly Control[];
}

export function isManual(control: Control): control is ManualControl {
  return 'manual' in control;
}

/** Checks for whole rules: every finding of each rule counts. */
export function rules(...ids: string[]): RuleCheck[] {
  return ids.map((rule) => ({ rule }));
}

/** A check counting only the rule's findings whose message matches. */
export function only(rule: string, message: RegExp): RuleCheck {
  return { rule, message };
}

/** A check counting the findings of a multi-component rule about one component (their messages start with its name). */
export function ofComponent(rule: string, component: string): RuleCheck {
  return { rule, message: new RegExp(`^${component}\\b`), component };
}

/** The rule ids a framework's automated controls run, sorted and unique. */
export function frameworkRuleIds(framework: Framework): string[] {
  const ids = new Set(framework.controls.flatMap((c) => (isManual(c) ? [] : c.checks.map((check) => check.rule))));
  return [...ids].sort();
}
