/** Finding severities, most severe first. The order is the ranking used by `--fail-on`. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Rank where 0 is the most severe; lower rank means worse. */
export function severityRank(severity: Severity): number {
  return RANKS[severity];
}

// A lookup rather than indexOf: sorting a large report ranks severities millions of times.
const RANKS: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}
