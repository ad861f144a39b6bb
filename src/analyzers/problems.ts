/** Problems of package analysis: they lose part of the inventory but never stop the scan. */
import type { Problem } from '../model/problem.js';
import { problem } from '../core/errors.js';

export function analyzerProblem(code: 'analyzer-unsupported' | 'analyzer-failed' | 'analyzer-record-skipped' | 'analyzer-limit', message: string, file: string): Problem {
  return problem(code, message, { file });
}
