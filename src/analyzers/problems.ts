/** Problems of package analysis: they lose part of the inventory but never stop the scan. */
import type { Problem } from '../model/problem.js';

export const ANALYZER_PROBLEMS = {
  'analyzer-unsupported': { level: 'warning', hint: 'These packages are missing from the inventory; docs/images.md lists the supported formats.' },
  'analyzer-failed': { level: 'warning', hint: 'The file is malformed; the packages it lists are missing from the inventory.' },
} as const satisfies Record<string, { level: Problem['level']; hint: string }>;

export function analyzerProblem(code: keyof typeof ANALYZER_PROBLEMS, message: string, file: string): Problem {
  return { code, level: ANALYZER_PROBLEMS[code].level, message, file, hint: ANALYZER_PROBLEMS[code].hint };
}
