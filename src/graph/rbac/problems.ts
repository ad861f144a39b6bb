/**
 * Located problems found while reading RBAC objects (codes `rbac-...` in the central catalog,
 * src/core/errors.ts); a bad object is reported and skipped, never thrown.
 */
import type { Problem } from '../../model/problem.js';
import type { Resource } from '../../model/resource.js';
import { problem, type ProblemCode } from '../../core/errors.js';
import { locate } from '../../core/locate.js';

export type RbacProblemCode = Extract<ProblemCode, `rbac-invalid-${string}` | 'rbac-missing-role' | 'rbac-aggregation-too-large'>;

export function rbacProblem(code: RbacProblemCode, resource: Resource, path: string, message: string, level: Problem['level'] = 'warning'): Problem {
  const where = locate(resource, path);
  return { ...problem(code, message, where), level };
}
