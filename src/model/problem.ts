/**
 * A user-facing problem: bad input, a missing tool, an unreachable cluster, a rule that threw.
 * Every problem has a stable code (catalogued in core/errors.ts), a location when there is one,
 * and a hint saying what to do.
 */
export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;
  /** `error` loses input; `note` only informs (a skipped non-manifest file). */
  readonly level: 'error' | 'warning' | 'note';
}
