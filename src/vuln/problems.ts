/**
 * The problems of the advisory store (codes and hints in the central catalog, src/core/errors.ts,
 * and docs/errors.md); they only arise from `palisade db` and vulnerability matching.
 */
import type { Problem } from '../model/problem.js';
import { problem, type ProblemCode } from '../core/errors.js';

export type VulnProblemCode = Extract<ProblemCode, 'db-missing' | 'db-invalid' | 'db-schema' | 'db-busy' | 'advisory-invalid' | 'advisory-store-stale' | 'advisory-unsupported' | 'advisory-too-large' | 'import-unreadable' | 'import-empty' | 'download-failed' | 'checksum-mismatch' | 'version-invalid' | 'os-unknown' | 'range-skipped' | 'vex-invalid'>;

export function vulnProblem(code: VulnProblemCode, message: string, file?: string, line?: number, column?: number): Problem {
  return problem(code, message, { ...(file === undefined ? {} : { file }), ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }) });
}
