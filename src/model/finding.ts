import type { ResourceRef } from './resource.js';
import type { FindingRisk } from './risk.js';
import type { Severity } from './severity.js';
import type { ThreatId } from './threats.js';

/** Where a finding points. `path` is a JSON pointer inside the resource. */
export interface FindingLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
}

/** Why a finding does not count against the gate. */
export type Suppression =
  | {
      readonly kind: 'exception';
      readonly reason: string;
      readonly owner?: string;
      readonly expires?: string;
      /** Index of the exception in the configuration file, for the user to find it. */
      readonly exceptionIndex: number;
    }
  | { readonly kind: 'annotation'; readonly reason: string }
  | { readonly kind: 'vex'; readonly reason: string; readonly source: string };

export interface Finding {
  /** Stable across runs for the same rule, resource and path: a hex digest. */
  readonly id: string;
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  /** The rule's outcome: `fail` findings count against `--fail-on`, `warn` findings never do. */
  readonly status: 'fail' | 'warn';
  readonly message: string;
  readonly threats: readonly ThreatId[];
  readonly mitre: readonly string[];
  readonly resource: ResourceRef;
  readonly location: FindingLocation;
  readonly remediation: string;
  readonly suppressed: boolean;
  readonly suppression?: Suppression;
  /** Context-aware risk from the attack-path analysis (absent when the scan did not run it). */
  readonly risk?: FindingRisk;
}
