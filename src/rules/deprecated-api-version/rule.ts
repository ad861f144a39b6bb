/**
 * Manifests written against API versions the API server no longer serves fail to apply, or (through
 * tooling that skips unknown objects) silently drop out of the cluster: a NetworkPolicy, a
 * PodSecurityPolicy or an admission webhook that the author believes is enforced is then missing.
 */
import { z } from 'zod';
import type { RuleContext } from '../../core/rule.js';
import { defineRule, fail } from '../../core/rule.js';
import type { Resource } from '../../model/resource.js';
import { REMOVED_APIS, REMOVED_API_KINDS } from './removed-apis.js';

/** Kinds whose absence removes a security control, not just a workload. */
const SECURITY_KINDS: ReadonlySet<string> = new Set([
  'PodSecurityPolicy',
  'NetworkPolicy',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
]);

const options = z.object({
  /** The Kubernetes minor release the manifests target, e.g. "1.24"; APIs removed later pass. */
  kubernetesVersion: z
    .string()
    .regex(/^1\.\d+$/)
    .optional(),
});
type Options = z.infer<typeof options>;

function minor(version: string): number {
  return Number(version.split('.')[1] ?? 'NaN');
}

export const rule = defineRule({
  id: 'deprecated-api-version',
  title: 'Object uses an API version Kubernetes no longer serves',
  severity: 'low',
  threats: ['compliance-auditing', 'container-compromise'],
  mitre: ['T1562.001', 'T1610'],
  remediation: 'Rewrite the object for the replacement API version (kubectl convert or the migration guide) and drop removed kinds such as PodSecurityPolicy.',
  references: [
    'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
    'https://kubernetes.io/docs/reference/using-api/deprecation-policy/',
  ],
  options,
  target: { kinds: REMOVED_API_KINDS },
  *check(resource: Resource, { options: { kubernetesVersion } }: RuleContext<Options>) {
    const removed = REMOVED_APIS[resource.apiVersion]?.[resource.kind];
    if (removed === undefined) return;
    if (kubernetesVersion !== undefined && minor(kubernetesVersion) < minor(removed.removedIn)) return;
    const security = SECURITY_KINDS.has(resource.kind);
    yield fail(
      `${resource.kind} "${resource.name}" uses ${resource.apiVersion}, removed in Kubernetes ${removed.removedIn}${security ? ': the security control it describes is not applied' : ''}; use ${removed.replacement}`,
      '/apiVersion',
      security ? 'medium' : undefined,
    );
  },
});
