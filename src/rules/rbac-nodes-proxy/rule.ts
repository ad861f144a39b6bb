import type { Resource } from '../../model/resource.js';
import { defineRule, fail } from '../../core/rule.js';
import { ROLE_KINDS } from '../_shared/rbac.js';
import { findGrants, grantMessage } from '../_shared/role-grants.js';

/**
 * nodes/proxy reaches the kubelet API through the API server: GET maps to verb get, which over
 * WebSockets already opens exec sessions; POST maps to create.
 */
const NODES_PROXY = [{ group: '', resource: 'nodes', subresource: 'proxy', clusterScoped: true, verbs: ['get', 'create', 'update', 'patch', 'delete'] }];

export const rule = defineRule({
  id: 'rbac-nodes-proxy',
  title: 'Role can proxy to the kubelet API (nodes/proxy)',
  severity: 'critical',
  threats: ['identity-access', 'api-server-kubelet', 'host-compromise'],
  mitre: ['T1609', 'T1611', 'T1078'],
  remediation: 'Remove nodes/proxy from the role; give monitoring agents the narrower nodes/metrics and nodes/stats subresources instead.',
  references: [
    'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes',
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
  ],
  target: { kinds: ROLE_KINDS },
  *check(role: Resource) {
    for (const match of findGrants(role, NODES_PROXY)) {
      yield fail(`${grantMessage(role, match)}: its holders reach the kubelet API of every node, bypassing audit logging and admission, and can exec into any pod`, match.rule.path);
    }
  },
});
