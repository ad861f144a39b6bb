/** Loads YAML text through the real loader into an RBAC model. */
import { Readable } from 'node:stream';
import { loadInputs } from '../../src/loaders/index.js';
import { rbacModelOf, type RbacModel } from '../../src/sdk/rbac.js';

export async function modelOf(yaml: string): Promise<RbacModel> {
  const loaded = await loadInputs({ paths: ['-'], stdin: Readable.from([yaml]) });
  return rbacModelOf(loaded.resources, loaded.inputs, loaded.problems);
}

export async function modelOfPaths(paths: readonly string[]): Promise<RbacModel> {
  const loaded = await loadInputs({ paths });
  return rbacModelOf(loaded.resources, loaded.inputs, loaded.problems);
}

/** A ClusterRole or Role with the given rules, as YAML. */
export function role(kind: 'Role' | 'ClusterRole', name: string, rules: string, extra = '', namespace = 'dev'): string {
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}${kind === 'Role' ? `\n  namespace: ${namespace}` : ''}
${extra}rules:
${rules}
`;
}

export function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleKind: string, roleName: string, subjects: string, namespace = 'dev'): string {
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}${kind === 'RoleBinding' ? `\n  namespace: ${namespace}` : ''}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${roleName}}
subjects:
${subjects}
`;
}
