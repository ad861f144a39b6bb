/**
 * The Kubernetes Dashboard acts on the cluster with the bearer token of whoever logs in, or, when
 * login can be skipped, with its own ServiceAccount. An unauthenticated or internet-facing
 * Dashboard whose ServiceAccount is powerful is how clusters got mined (the 2018 Tesla breach).
 */
import { defineRule, fail } from '../../core/rule.js';
import type { Violation } from '../../core/rule.js';
import type { ResourceIndex } from '../../core/resource-index.js';
import { namespaceOf } from '../../core/resource-index.js';
import { pointer } from '../../lib/json-pointer.js';
import { asArray, asRecord, asString } from '../../lib/k8s/values.js';
import { serviceAccountOf } from '../../lib/k8s/workload.js';
import type { ContainerRef } from '../../model/k8s.js';
import { parseImageRef } from '../../lib/image-ref.js';
import { describeContainer } from '../_lib/pod.js';
import { parseFlags, parseGoBool } from '../_shared/component-flags.js';
import { ingressBackendServices } from '../_shared/ingress-backends.js';
import { roleRefOf, subjectsOf } from '../_shared/rbac.js';

const DASHBOARD_FLAGS: ReadonlySet<string> = new Set(['enable-skip-login', 'enable-insecure-login', 'disable-settings-authorizer']);

/** kubernetesui/dashboard (and its v7 api/web/auth parts) and the old k8s.gcr.io images. */
function isDashboardImage(image: unknown): boolean {
  // Cheap test first: the rule runs over every container of every scan.
  if (typeof image !== 'string' || !image.includes('dashboard')) return false;
  const repository = parseImageRef(image)?.repository ?? '';
  return /(^|\/)kubernetesui\/dashboard(-(api|web|auth))?$/.test(repository) || /(^|\/)kubernetes-dashboard(-[a-z0-9]+)?$/.test(repository);
}

function* flagFindings(ref: ContainerRef): Generator<Violation> {
  const argv = [...asArray(ref.container.command), ...asArray(ref.container.args)].filter((a): a is string => typeof a === 'string');
  const flags = parseFlags(argv, DASHBOARD_FLAGS);
  const who = describeContainer(ref);
  const on = (name: string): boolean => {
    const value = flags.last(name)?.value;
    return value !== undefined && parseGoBool(value) === true;
  };
  if (on('enable-skip-login')) yield fail(`${who} runs the Dashboard with --enable-skip-login: anyone who reaches it acts as its ServiceAccount without a token`, pointer(ref.path, 'args'), 'high');
  if (on('enable-insecure-login')) yield fail(`${who} runs the Dashboard with --enable-insecure-login: tokens are accepted over plain HTTP`, pointer(ref.path, 'args'));
}

/** ClusterRoleBindings of the input that give the ServiceAccount cluster-admin. */
function clusterAdminBindings(index: ResourceIndex, namespace: string, account: string): string[] {
  return index
    .byKind('ClusterRoleBinding')
    .filter((binding) => roleRefOf(binding)?.name === 'cluster-admin' && subjectsOf(binding).some((s) => s.kind === 'ServiceAccount' && s.name === account && s.namespace === namespace))
    .map((binding) => binding.name);
}

export const rule = defineRule({
  id: 'kubernetes-dashboard-exposed',
  title: 'Kubernetes Dashboard is unauthenticated, exposed or cluster-admin',
  severity: 'high',
  threats: ['api-server-kubelet', 'identity-access', 'lateral-movement'],
  mitre: ['T1133', 'T1078', 'T1610'],
  remediation: 'Require token login (no --enable-skip-login), keep the Dashboard behind kubectl proxy or an authenticating gateway, and give its ServiceAccount no more than read access.',
  references: [
    'https://kubernetes.io/docs/tasks/access-application-cluster/web-ui-dashboard/',
    'https://github.com/kubernetes/dashboard/blob/master/docs/user/access-control/README.md',
  ],
  target: 'workload',
  *check(subject, { index }) {
    const dashboards = subject.workload.containers.filter((ref) => isDashboardImage(ref.container.image));
    if (dashboards.length === 0) return;
    for (const ref of dashboards) yield* flagFindings(ref);
    const namespace = namespaceOf(subject.resource);
    const account = serviceAccountOf(subject.workload.podSpec);
    for (const binding of clusterAdminBindings(index, namespace, account)) {
      yield fail(`the Dashboard runs as ServiceAccount ${namespace}/${account}, which ClusterRoleBinding "${binding}" makes cluster-admin`, pointer(subject.workload.podSpecPath, 'serviceAccountName'), 'critical');
    }
    const services = index.servicesSelecting(subject);
    for (const service of services) {
      const type = asString(asRecord(service.object.spec)?.type) ?? 'ClusterIP';
      if (type !== 'NodePort' && type !== 'LoadBalancer') continue;
      yield fail(`the Dashboard is exposed outside the cluster by ${type} Service "${service.name}"`, pointer(subject.workload.podMetaPath, 'labels'));
    }
    // An Ingress publishes a ClusterIP Service on the ingress controller's address, which is how
    // the Dashboard chart (v2) exposes it when ingress.enabled is set.
    const selecting = new Set(services.map((service) => service.name));
    for (const ingress of index.inNamespace(namespace, 'Ingress')) {
      const routed = [...ingressBackendServices(ingress)].filter((name) => selecting.has(name)).sort();
      if (routed.length === 0) continue;
      yield fail(`the Dashboard is exposed outside the cluster by Ingress "${ingress.name}" (through Service ${routed.map((name) => `"${name}"`).join(', ')})`, pointer(subject.workload.podMetaPath, 'labels'));
    }
  },
});
