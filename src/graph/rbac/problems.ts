/**
 * Located problems found while reading RBAC objects. The codes are specific to this analysis
 * (`rbac-...`); a bad object is reported and skipped, never thrown.
 */
import type { Problem } from '../../model/problem.js';
import type { Resource } from '../../model/resource.js';
import { locate } from '../../core/locate.js';

const HINTS = {
  'rbac-invalid-rule': 'The API server rejects this rule; it grants nothing here. See https://kubernetes.io/docs/reference/access-authn-authz/rbac/',
  'rbac-invalid-binding': 'The API server rejects this binding; it grants nothing here.',
  'rbac-invalid-subject': 'Subjects are User, Group or ServiceAccount (with a namespace in ClusterRoleBindings).',
  'rbac-invalid-selector': 'Fix the aggregationRule label selector; the aggregation controller ignores it.',
  'rbac-missing-role': 'The binding grants nothing until the role exists; add the role to the input or remove the binding.',
} as const;

export type RbacProblemCode = keyof typeof HINTS;

export function rbacProblem(code: RbacProblemCode, resource: Resource, path: string, message: string, level: Problem['level'] = 'warning'): Problem {
  const where = locate(resource, path);
  return { code, level, message, file: where.file, line: where.line, column: where.column, hint: HINTS[code] };
}
