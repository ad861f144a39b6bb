/** The admission controller's denial message, built from the failed checks. */
import type { PssCheckResult, PssLevel, PssVersion } from './types.js';

/** `reason (detail), reason (detail)`: upstream's AggregateCheckResult.ForbiddenDetail(). */
export function forbiddenDetail(results: readonly Pick<PssCheckResult, 'reason' | 'detail'>[]): string {
  return results.map(({ reason, detail }) => `${reason === '' ? 'unknown forbidden reason' : reason}${detail === '' ? '' : ` (${detail})`}`).join(', ');
}

/** `violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (...), ...` */
export function podSecurityViolationMessage(level: PssLevel, version: PssVersion, results: readonly Pick<PssCheckResult, 'reason' | 'detail'>[]): string {
  return `violates PodSecurity "${level}:${version}": ${forbiddenDetail(results)}`;
}
