/**
 * The compliance section of a report: each control of a framework judged from the scan's findings.
 * A control fails when any unsuppressed finding of its checks remains (a suppressed finding is an
 * accepted risk), passes otherwise, and is manual when objects cannot answer it, none of its rules
 * ran, or its rules found nothing in the input to judge (no API server manifest for an API server
 * control): a pass there would be an assurance the scan never earned. The score is the share of
 * judged (pass or fail) controls that pass.
 */
import type { RuleRun } from '../core/engine.js';
import { problem } from '../core/errors.js';
import type { Finding } from '../model/finding.js';
import type { Problem } from '../model/problem.js';
import type { Compliance, ComplianceControl, RuleSummary } from '../model/report.js';
import type { Control, Framework, RuleCheck } from '../frameworks/index.js';
import { findFramework, frameworkRuleIds, FRAMEWORKS, isManual, PSS_FRAMEWORK_RULES } from '../frameworks/index.js';
import { isPssVersion } from '../lib/pss/index.js';
import { groupBy } from '../lib/group-by.js';
import type { ResourceIndex } from '../core/resource-index.js';
import { allComponents, controlPlaneOptions, type ControlPlaneOptions } from '../rules/_shared/control-plane.js';

function matches(check: RuleCheck, finding: Finding): boolean {
  return finding.ruleId === check.rule && (check.message === undefined || check.message.test(finding.message));
}

/**
 * What the scan's rules did: the ids that ran, and of those the ones that judged some object; and
 * the control-plane components in the input (undefined: not known, every one counts as present).
 */
interface RulesRun {
  readonly ran: ReadonlySet<string>;
  readonly judged: ReadonlySet<string>;
  readonly components: ReadonlySet<string> | undefined;
}

function rulesRun(summaries: readonly RuleSummary[], components: ReadonlySet<string> | undefined): RulesRun {
  const judgedAny = ({ counts }: RuleSummary): boolean => counts.pass + counts.fail + counts.warn + counts.error > 0;
  return { ran: new Set(summaries.map((r) => r.ruleId)), judged: new Set(summaries.filter(judgedAny).map((r) => r.ruleId)), components };
}

/** Whether a check judged something: its rule did, and about its component when it names one. */
function judgedBy(check: RuleCheck, rules: RulesRun): boolean {
  return rules.judged.has(check.rule) && (check.component === undefined || rules.components === undefined || rules.components.has(check.component));
}

function judge(control: Control, findings: ReadonlyMap<string, readonly Finding[]>, rules: RulesRun): ComplianceControl {
  const { id, title } = control;
  if (isManual(control)) return { id, title, status: 'manual', findings: 0, rules: [], reason: control.manual };
  const ruleIds = [...new Set(control.checks.map((c) => c.rule))];
  const running = control.checks.filter((c) => rules.ran.has(c.rule));
  if (running.length === 0) {
    // Claiming a pass for rules that did not run would be a false assurance.
    return { id, title, status: 'manual', findings: 0, rules: ruleIds, reason: `its rules did not run (disabled or excluded): ${ruleIds.join(', ')}` };
  }
  if (!running.some((c) => judgedBy(c, rules))) {
    const components = [...new Set(running.flatMap((c) => (c.component === undefined ? [] : [c.component])))];
    const what = components.length > 0 && running.every((c) => c.component !== undefined) ? `no ${components.join(' or ')} in the input` : 'nothing in the input';
    return { id, title, status: 'manual', findings: 0, rules: ruleIds, reason: `${what} for its rules to judge: ${ruleIds.join(', ')}` };
  }
  // A finding counts once even when two checks of the control match it.
  const count = new Set(running.flatMap((check) => (findings.get(check.rule) ?? []).filter((f) => matches(check, f)))).size;
  return { id, title, status: count > 0 ? 'fail' : 'pass', findings: count, rules: ruleIds };
}

/**
 * The control-plane components the input runs, found as the control-plane rules find them, with
 * the options the scan gave them (which namespaces hold control-plane pods).
 */
export function controlPlaneComponents(index: ResourceIndex, runs: readonly RuleRun[]): ReadonlySet<string> {
  const given = runs.map((run) => run.options).find((options): options is ControlPlaneOptions => typeof options === 'object' && options !== null && 'controlPlaneNamespaces' in options);
  const options = given ?? controlPlaneOptions.parse({});
  return new Set(allComponents(index, options).map(({ invocation }) => invocation.component));
}

/** One decimal, as the report schema documents. */
function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

/**
 * Judges every control of `framework` from `findings`. `rules` are the summaries of the rules the
 * scan ran (their counts tell whether they judged anything); `version` overrides the framework's
 * document version (the Pod Security Standards policy version a scan used); `components` are the
 * control-plane components the input runs (checks about one judge only when it is there).
 */
export function complianceOf(framework: Framework, findings: readonly Finding[], rules: readonly RuleSummary[], version?: string, components?: ReadonlySet<string>): Compliance {
  const run = rulesRun(rules, components);
  // Grouped once: a cluster's scan holds a million findings and a framework a hundred controls.
  const open = groupBy(findings.filter((f) => !f.suppressed), (f) => f.ruleId);
  const controls = framework.controls.map((control) => judge(control, open, run));
  const automated = controls.filter((c) => c.status !== 'manual');
  return {
    framework: framework.id,
    title: framework.title,
    version: version ?? framework.version,
    score: percent(automated.filter((c) => c.status === 'pass').length, automated.length),
    controls,
  };
}

/** The rules a `--framework` scan runs, and what its compliance section needs. */
export interface FrameworkPlan {
  readonly runs: readonly RuleRun[];
  readonly problems: readonly Problem[];
  readonly framework?: Framework;
  /** The Pod Security Standards version the PSS rules run at, when the framework is a PSS level. */
  readonly version?: string;
}

const PSS_RULES = new Set(['pss-baseline', 'pss-restricted']);

function pssVersionOf(run: RuleRun | undefined): string {
  const options = run?.options;
  const version = typeof options === 'object' && options !== null && 'version' in options ? options.version : undefined;
  return typeof version === 'string' ? version : 'latest';
}

/**
 * Narrows the configured rule runs to a framework's rules (all of them without a framework) and
 * sets the Pod Security Standards policy version of the PSS rules. Unknown framework ids and
 * malformed versions are usage problems, located on the option that carries them.
 */
export function planFramework(runs: readonly RuleRun[], frameworkId?: string, pssVersion?: string): FrameworkPlan {
  const problems: Problem[] = [];
  let planned = runs;
  if (pssVersion !== undefined) {
    if (isPssVersion(pssVersion)) {
      planned = planned.map((run) => (PSS_RULES.has(run.rule.id) ? { rule: run.rule, options: { ...(run.options as object), version: pssVersion } } : run));
    } else {
      problems.push(problem('invalid-pss-version', `--pss-version ${JSON.stringify(pssVersion)} is not a policy version`));
    }
  }
  if (frameworkId === undefined) return { runs: planned, problems };
  const framework = findFramework(frameworkId);
  if (framework === undefined) {
    const known = FRAMEWORKS.map((f) => f.id).join(', ');
    problems.push(problem('unknown-framework', `--framework names no known framework: ${frameworkId}`, {}, `Use one of ${known} (\`palisade frameworks list\`).`));
    return { runs: planned, problems };
  }
  const wanted = new Set(frameworkRuleIds(framework));
  planned = planned.filter((run) => wanted.has(run.rule.id));
  const pssRule = PSS_FRAMEWORK_RULES[framework.id];
  if (pssRule === undefined) return { runs: planned, problems, framework };
  return { runs: planned, problems, framework, version: pssVersionOf(planned.find((run) => run.rule.id === pssRule)) };
}

/**
 * The rule ids a framework names, to select them by name: opt-in rules (pss-baseline,
 * pss-restricted) run when the framework names them. Undefined without a (known) framework.
 */
export function frameworkRules(frameworkId?: string): string[] | undefined {
  const framework = frameworkId === undefined ? undefined : findFramework(frameworkId);
  return framework === undefined ? undefined : frameworkRuleIds(framework);
}

/** A framework control as plain data (JSON output of `palisade frameworks show`). */
export interface FrameworkControlInfo {
  readonly id: string;
  readonly title: string;
  readonly automated: boolean;
  /** The rules that answer the control; `message` is the pattern selecting the rule's findings. */
  readonly rules: readonly { readonly rule: string; readonly message?: string }[];
  /** Why the control is manual. */
  readonly reason?: string;
  readonly note?: string;
}

export interface FrameworkInfo {
  readonly id: string;
  readonly title: string;
  readonly version: string;
  readonly url: string;
  readonly automated: number;
  readonly manual: number;
  readonly controls: readonly FrameworkControlInfo[];
}

function controlInfo(control: Control): FrameworkControlInfo {
  const base = { id: control.id, title: control.title, ...(control.note === undefined ? {} : { note: control.note }) };
  if (isManual(control)) return { ...base, automated: false, rules: [], reason: control.manual };
  return { ...base, automated: true, rules: control.checks.map((c) => (c.message === undefined ? { rule: c.rule } : { rule: c.rule, message: c.message.source })) };
}

function infoOf(framework: Framework): FrameworkInfo {
  const controls = framework.controls.map(controlInfo);
  const automated = controls.filter((c) => c.automated).length;
  const { id, title, version, url } = framework;
  return { id, title, version, url, automated, manual: controls.length - automated, controls };
}

/** Every framework, sorted by id. */
export function listFrameworks(): FrameworkInfo[] {
  return FRAMEWORKS.map(infoOf);
}

export function frameworkInfo(id: string): FrameworkInfo | undefined {
  const framework = findFramework(id);
  return framework === undefined ? undefined : infoOf(framework);
}
