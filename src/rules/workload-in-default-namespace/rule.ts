/**
 * Application objects in the `default` namespace, including objects whose manifest names no
 * namespace: `kubectl apply` without `-n` puts them there. Not a Helm chart's objects that name
 * none: the release namespace is chosen when the chart is installed.
 */
import { defineRule, fail } from '../../core/rule.js';
import { DEFAULT_NAMESPACE } from '../../lib/k8s/kinds.js';
import { WORKLOAD_KINDS } from '../../lib/k8s/workload.js';
import type { Resource } from '../../model/resource.js';

const KINDS: readonly string[] = [
  ...WORKLOAD_KINDS,
  'ConfigMap',
  'Endpoints',
  'EndpointSlice',
  'HorizontalPodAutoscaler',
  'Ingress',
  'PersistentVolumeClaim',
  'PodDisruptionBudget',
  'Role',
  'RoleBinding',
  'Secret',
  'Service',
  'ServiceAccount',
].sort();

/** Objects the control plane itself keeps in `default` in every cluster. */
const CLUSTER_OWNED: ReadonlySet<string> = new Set([
  'Service/kubernetes',
  'Endpoints/kubernetes',
  'EndpointSlice/kubernetes',
  'ServiceAccount/default',
  'ConfigMap/kube-root-ca.crt',
]);

export const rule = defineRule({
  id: 'workload-in-default-namespace',
  title: 'Object in the default namespace',
  severity: 'low',
  threats: ['identity-access', 'lateral-movement', 'compliance-auditing'],
  mitre: ['T1078', 'T1613'],
  remediation: 'Create a dedicated namespace for the application and set metadata.namespace on every object.',
  references: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces',
    'https://kubernetes.io/docs/concepts/security/multi-tenancy/',
  ],
  target: { kinds: KINDS },
  *check(resource: Resource) {
    if (resource.namespace !== undefined && resource.namespace !== DEFAULT_NAMESPACE) return;
    if (CLUSTER_OWNED.has(`${resource.kind}/${resource.name}`)) return;
    // A chart's object without a namespace goes to the release namespace, which `helm install -n`
    // chooses; a chart that writes `namespace: default` is still judged.
    if (resource.namespace === undefined && resource.source.renderedBy === 'helm') return;
    const where = resource.namespace === undefined ? 'names no namespace, so it lands in "default"' : 'is in the "default" namespace';
    yield fail(
      `${resource.kind} "${resource.name}" ${where}: RBAC, NetworkPolicies, quotas and Pod Security levels there are shared with everything else deployed without a namespace`,
      resource.namespace === undefined ? '/metadata' : '/metadata/namespace',
    );
  },
});
