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

/** The configuration's rule selection, narrowed by --rules and --exclude-rules. */
export function selectScanRules(resolved: ResolvedConfig, only?: readonly string[], exclude?: readonly string[]): RuleSelection {
  const selection = selectRules(RULES, resolved);
  const problems = [...selection.problems];
  const included = only === undefined || only.length === 0 ? () => true : matcherFor(only, problems, '--rules');
  const excluded = exclude === undefined || exclude.length === 0 ? () => false : matcherFor(exclude, problems, '--exclude-rules');
  const runs = selection.runs.filter(({ rule }) => included(rule.id) && !excluded(rule.id));
  return { ...selection, runs, problems };
}
