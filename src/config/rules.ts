/**
 * Applies the `rules` and `disabledRules` settings to the rule registry: which rules run, with what
 * options and severity. Unknown rule ids are errors with a "did you mean", since a misspelt id in
 * `disabledRules` would otherwise leave the rule running unnoticed, and a misspelt id under `rules`
 * would silently drop the user's settings.
 */
import type { RuleRun } from '../core/engine.js';
import { z } from 'zod';
import type { AnyRule } from '../core/rule.js';
import type { Finding } from '../model/finding.js';
import type { Problem } from '../model/problem.js';
import type { Severity } from '../model/severity.js';
import { didYouMean } from '../lib/did-you-mean.js';
import { configProblem, type ResolvedConfig } from './resolve.js';
import { withChanges } from '../lib/objects.js';

export interface SelectedRule extends RuleRun {
  /** An opt-in rule the configuration does not enable: it runs only when a command asks for it by name. */
  readonly optIn?: true;
}

export interface RuleSelection {
  /** The rules that may run, in registry order, with parsed options and the user's severity. */
  readonly runs: SelectedRule[];
  /** Rule id -> the severity the user gave it; apply to findings with applySeverityOverrides. */
  readonly severityOverrides: ReadonlyMap<string, Severity>;
  readonly disabled: readonly string[];
  readonly problems: Problem[];
}

function unknownIds(resolved: ResolvedConfig, known: ReadonlySet<string>, problems: Problem[]): void {
  const candidates = [...known];
  const report = (id: string, path: readonly PropertyKey[]): void => {
    if (known.has(id)) return;
    const hint = `${didYouMean(id, candidates)} List the rules with \`palisade rules list\`.`.trim();
    problems.push(configProblem(resolved, path, `unknown rule "${id}"`, 'unknown-rule', hint));
  };
  for (const id of Object.keys(resolved.config.rules)) report(id, ['rules', id]);
  (resolved.config.disabledRules ?? []).forEach((id, index) => {
    report(id, ['disabledRules', index]);
  });
}

/**
 * Top-level settings a rule receives as the default of its option of the same name: the crown
 * jewels are configured once for the whole scan (`crownJewels`), and every rule that judges
 * what an attacker wants reads them, unless its own options say otherwise.
 */
function sharedDefaults(rule: AnyRule, resolved: ResolvedConfig): Record<string, unknown> {
  const shape = rule.options instanceof z.ZodObject ? (rule.options.shape as Record<string, unknown>) : {};
  return 'crownJewels' in shape && resolved.config.crownJewels !== undefined ? { crownJewels: resolved.config.crownJewels } : {};
}

/**
 * Option keys the rule does not have. Rules declare plain zod objects, which drop unknown keys
 * without a word: `minimumUID: 1000` for minimumUid would leave the rule at its default while the
 * user believes it set. The configuration is strict everywhere else, so it is here too.
 */
function unknownOptionKeys(rule: AnyRule, given: Readonly<Record<string, unknown>>, resolved: ResolvedConfig, problems: Problem[]): boolean {
  if (!(rule.options instanceof z.ZodObject)) return false;
  const valid = Object.keys(rule.options.shape);
  const unknown = Object.keys(given).filter((key) => !valid.includes(key));
  for (const key of unknown) {
    const hint = `${didYouMean(key, valid)} Options of ${rule.id}: ${valid.join(', ')} (\`palisade rules show ${rule.id}\`).`.trim();
    problems.push(configProblem(resolved, ['rules', rule.id, 'options', key], `unknown option "${key}" of rule ${rule.id}`, 'config-invalid', hint));
  }
  return unknown.length > 0;
}

function parseOptions(rule: AnyRule, resolved: ResolvedConfig, problems: Problem[]): { ok: true; options: unknown } | { ok: false } {
  const given = resolved.config.rules[rule.id]?.options;
  if (rule.options === undefined) {
    if (given === undefined) return { ok: true, options: undefined };
    problems.push(configProblem(resolved, ['rules', rule.id, 'options'], `rule ${rule.id} takes no options`));
    return { ok: false };
  }
  if (given !== undefined && unknownOptionKeys(rule, given, resolved, problems)) return { ok: false };
  // Absent options mean "all defaults": the rule's schema fills them in from an empty object.
  const result = rule.options.safeParse({ ...sharedDefaults(rule, resolved), ...given });
  if (result.success) return { ok: true, options: result.data };
  for (const issue of result.error.issues) {
    const path = ['rules', rule.id, 'options', ...issue.path];
    problems.push(configProblem(resolved, path, issue.message));
  }
  return { ok: false };
}

/**
 * The rules to run. A rule is off when `disabledRules` lists it or `rules.<id>.enabled` is false;
 * saying both "enabled: true" and listing it in disabledRules is a contradiction and an error. A
 * rule whose options are invalid does not run (the error makes the run fail instead).
 */
export function selectRules(rules: readonly AnyRule[], resolved: ResolvedConfig): RuleSelection {
  const problems: Problem[] = [];
  unknownIds(resolved, new Set(rules.map((rule) => rule.id)), problems);
  const listed = new Set(resolved.config.disabledRules ?? []);
  const runs: SelectedRule[] = [];
  const disabled: string[] = [];
  const severityOverrides = new Map<string, Severity>();
  for (const rule of rules) {
    const settings = resolved.config.rules[rule.id];
    if (listed.has(rule.id) && settings?.enabled === true) {
      problems.push(configProblem(resolved, ['rules', rule.id, 'enabled'], `rule ${rule.id} is enabled here but listed in disabledRules`));
    }
    if (listed.has(rule.id) || settings?.enabled === false) {
      disabled.push(rule.id);
      continue;
    }
    const optIn = rule.enabledByDefault === false && settings?.enabled !== true;
    const parsed = parseOptions(rule, resolved, problems);
    if (!parsed.ok) continue;
    const severity = settings?.severity;
    if (severity !== undefined) severityOverrides.set(rule.id, severity);
    // The rule summary reports the rule's severity, so the override shows there too.
    runs.push({ rule: severity === undefined ? rule : { ...rule, severity }, options: parsed.options, ...(optIn ? { optIn } : {}) });
  }
  return { runs, severityOverrides, disabled, problems };
}

/**
 * Gives findings the severity the user chose for their rule. This wins over a per-finding severity
 * a rule computed (a worse hostPath), because the user's word on their own risk is final.
 */
export function applySeverityOverrides(findings: readonly Finding[], overrides: ReadonlyMap<string, Severity>): Finding[] {
  return findings.map((finding) => {
    const severity = overrides.get(finding.ruleId);
    return severity === undefined || severity === finding.severity ? finding : withChanges(finding, { severity });
  });
}
