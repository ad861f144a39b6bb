/** How findings name RBAC bindings. */
import type { Resource } from '../../model/resource.js';

/** `RoleBinding "ns/name"` or `ClusterRoleBinding "name"`. */
export function bindingLabel(binding: Resource): string {
  return binding.kind === 'RoleBinding' && binding.namespace !== undefined ? `RoleBinding "${binding.namespace}/${binding.name}"` : `${binding.kind} "${binding.name}"`;
}
