/**
 * How the secrets found in one text (a file, a ConfigMap value) are reported: a minified bundle
 * that repeats one token 3,000 times, or a key dump, would otherwise bury every other file's
 * findings in every output. The same value found again by the same rule is one finding, at its
 * first line; past `limit` distinct values of one rule, the rest are counted, not listed.
 */
import type { FoundSecret } from './scan.js';
import type { SecretRule } from './rule.js';

/** Distinct values of one rule listed per text: enough to see what leaked, few enough to read. */
export const MAX_VALUES_PER_RULE = 10;

/** The values of one rule past the limit: how many, and the first one's line. */
export interface OmittedSecrets {
  readonly rule: SecretRule;
  readonly values: number;
  readonly line: number;
}

export interface SecretSummary {
  /** First occurrences, at most `limit` per rule, in the order found. */
  readonly listed: readonly FoundSecret[];
  /** Per rule with more distinct values than `limit`, in the order found. */
  readonly omitted: readonly OmittedSecrets[];
}

export function summariseSecrets(found: readonly FoundSecret[], limit = MAX_VALUES_PER_RULE): SecretSummary {
  const listed: FoundSecret[] = [];
  const omitted = new Map<SecretRule, { values: number; line: number }>();
  const seen = new Map<SecretRule, Set<string>>();
  for (const secret of found) {
    let values = seen.get(secret.rule);
    if (values === undefined) seen.set(secret.rule, (values = new Set()));
    if (values.has(secret.value)) continue;
    values.add(secret.value);
    if (values.size <= limit) {
      listed.push(secret);
      continue;
    }
    const more = omitted.get(secret.rule);
    if (more === undefined) omitted.set(secret.rule, { values: 1, line: secret.line });
    else more.values += 1;
  }
  return { listed, omitted: [...omitted].map(([rule, { values, line }]) => ({ rule, values, line })) };
}
