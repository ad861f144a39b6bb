import picomatch from 'picomatch';
import type { Problem } from '../model/problem.js';
import { problem } from '../core/errors.js';
import { RULES } from '../rules/index.js';
import { selectRules, type ResolvedConfig, type RuleSelection } from '../config/index.js';

/** Patterns that name no rule are a usage error: a typo must not silently disable the gate. */
function matcherFor(patterns: readonly string[], problems: Problem[], flag: string): (id: string) => boolean {
  const matchers = patterns.map((p) => ({ pattern: p, test: picomatch(p) }));
  for (const { pattern, test } of matchers) {
    if (!RULES.some((rule) => test(rule.id))) problems.push(problem('unknown-rule', `${flag} names no known rule: ${pattern}`));
  }
  return (id) => matchers.some(({ test }) => test(id));
}

/**
 * The configuration's rule selection, narrowed by --rules and --exclude-rules. Opt-in rules the
 * configuration does not enable run only when --rules asks for them.
 */
export function selectScanRules(resolved: ResolvedConfig, only?: readonly string[], exclude?: readonly string[]): RuleSelection {
  const selection = selectRules(RULES, resolved);
  const problems = [...selection.problems];
  const named = only === undefined || only.length === 0 ? undefined : matcherFor(only, problems, '--rules');
  const excluded = exclude === undefined || exclude.length === 0 ? () => false : matcherFor(exclude, problems, '--exclude-rules');
  const wanted = (id: string, optIn: boolean): boolean => (named === undefined ? !optIn : named(id));
  const runs = selection.runs.filter(({ rule, optIn }) => wanted(rule.id, optIn === true) && !excluded(rule.id));
  // A rule --rules names by its id that the configuration turns off runs nothing: said, not silent.
  for (const id of selection.disabled) {
    if (only?.includes(id) === true) problems.push(problem('rule-disabled', `--rules names ${id}, which the configuration disables: it did not run`));
  }
  return { ...selection, runs, problems };
}
