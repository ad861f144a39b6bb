/**
 * How the secrets found in one text (a file, a ConfigMap value) are reported: a minified bundle
 * that repeats one token 3,000 times, or a key dump, would otherwise bury every other file's
 * findings in every output. The same value found again by the same rule is one finding, at its
 * first line, that counts its occurrences; past `limit` distinct values of one rule, the rest are
 * counted, not listed.
 */
import type { FoundSecret } from './scan.js';
import type { SecretRule } from './rule.js';

/** Distinct values of one rule listed per text: enough to see what leaked, few enough to read. */
export const MAX_VALUES_PER_RULE = 10;

/** A value listed, at its first place, with how many times it occurs in the text (1 or more). */
export interface ListedSecret extends FoundSecret {
  readonly occurrences: number;
}

/** The values of one rule past the limit: how many, and the first one (its line and place). */
export interface OmittedSecrets {
  readonly rule: SecretRule;
  readonly values: number;
  /** Where the first value not listed is (1-based). */
  readonly line: number;
  readonly column: number;
}

export interface SecretSummary {
  /** First occurrences, at most `limit` per rule, in the order found. */
  readonly listed: readonly ListedSecret[];
  /** Per rule with more distinct values than `limit`, in the order found. */
  readonly omitted: readonly OmittedSecrets[];
}

interface Counted {
  occurrences: number;
}

export function summariseSecrets(found: readonly FoundSecret[], limit = MAX_VALUES_PER_RULE): SecretSummary {
  const listed: { secret: FoundSecret; occurrences: number }[] = [];
  const omitted = new Map<SecretRule, { values: number; line: number; column: number }>();
  // Per rule, each distinct value: its entry in `listed`, or null when it is only counted.
  const seen = new Map<SecretRule, Map<string, Counted | null>>();
  for (const secret of found) {
    let values = seen.get(secret.rule);
    if (values === undefined) seen.set(secret.rule, (values = new Map<string, Counted | null>()));
    const entry = values.get(secret.value);
    if (entry !== undefined) {
      if (entry !== null) entry.occurrences += 1;
      continue;
    }
    if (values.size < limit) {
      const first = { secret, occurrences: 1 };
      listed.push(first);
      values.set(secret.value, first);
      continue;
    }
    values.set(secret.value, null);
    const more = omitted.get(secret.rule);
    if (more === undefined) omitted.set(secret.rule, { values: 1, line: secret.line, column: secret.column });
    else more.values += 1;
  }
  return {
    listed: listed.map(({ secret, occurrences }) => ({ ...secret, occurrences })),
    omitted: [...omitted].map(([rule, more]) => ({ rule, ...more })),
  };
}
