/**
 * Rules of the form "this component must be started with these file flags": a missing (or empty)
 * flag is a finding pointing at the flag list, with its own severity and consequence.
 */
import type { Violation } from '../../core/rule.js';
import { fail } from '../../core/rule.js';
import type { Severity } from '../../model/severity.js';
import type { ComponentInvocation } from './control-plane.js';
import { describeInvocation } from './control-plane.js';

export interface RequiredFlags {
  /** Flags that work together (a certificate and its key): any missing one is reported. */
  readonly flags: readonly string[];
  readonly why: string;
  readonly severity: Severity;
}

export function* missingFlags(invocation: ComponentInvocation, required: readonly RequiredFlags[]): Generator<Violation> {
  for (const { flags, why, severity } of required) {
    const missing = flags.filter((name) => {
      const occurrence = invocation.flags.last(name);
      return occurrence === undefined || occurrence.value === '';
    });
    if (missing.length === 0) continue;
    const named = missing.map((name) => `--${name}`).join(' and ');
    yield fail(`${describeInvocation(invocation)} does not set ${named}: ${why}`, invocation.flagsPath, severity);
  }
}
