import picomatch from 'picomatch';
import type { Problem } from '../model/problem.js';
import type { RuleRun } from '../core/engine.js';
import { problem } from '../core/errors.js';
import type { AnyRule } from '../core/rule.js';
import { RULES } from '../rules/index.js';
import type { PalisadeConfig } from '../config/schema.js';

export interface RuleSelection {
  readonly runs: RuleRun[];
  readonly problems: Problem[];
}

/** Patterns that name no rule are a usage error: a typo must not silently disable the gate. */
function matcherFor(patterns: readonly string[], problems: Problem[], flag: string): (id: string) => boolean {
  const matchers = patterns.map((p) => ({ pattern: p, test: picomatch(p) }));
  for (const { pattern, test } of matchers) {
    if (!RULES.some((rule) => test(rule.id))) problems.push(problem('unknown-rule', `${flag} names no known rule: ${pattern}`));
  }
  return (id) => matchers.some(({ test }) => test(id));
}

function parseOptions(rule: AnyRule, raw: unknown, problems: Problem[]): { ok: boolean; options: unknown } {
  if (rule.options === undefined) return { ok: true, options: undefined };
  const parsed = rule.options.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, options: parsed.data };
  problems.push(problem('config-invalid', `options of rule ${rule.id}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`));
  return { ok: false, options: undefined };
}

/** The rules to run, with their parsed options: config enablement, then --rules / --exclude-rules. */
export function selectRules(config: PalisadeConfig, only?: readonly string[], exclude?: readonly string[]): RuleSelection {
  const problems: Problem[] = [];
  const included = only === undefined || only.length === 0 ? () => true : matcherFor(only, problems, '--rules');
  const excluded = exclude === undefined || exclude.length === 0 ? () => false : matcherFor(exclude, problems, '--exclude-rules');
  const disabled = new Set(config.disabledRules);
  const runs: RuleRun[] = [];
  for (const rule of RULES) {
    const ruleConfig = config.rules[rule.id];
    if (disabled.has(rule.id) || ruleConfig?.enabled === false || !included(rule.id) || excluded(rule.id)) continue;
    const { ok, options } = parseOptions(rule, ruleConfig?.options, problems);
    if (ok) runs.push({ rule, options });
  }
  return { runs, problems };
}
