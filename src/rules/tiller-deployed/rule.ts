/**
 * Tiller, the in-cluster half of Helm 2, listens on gRPC port 44134 without authentication by
 * default and installs whatever chart it is sent with its own ServiceAccount, usually
 * cluster-admin. Any pod that reaches it owns the cluster. Helm 2 is out of support since 2020.
 */
import { defineRule, fail } from '../../core/rule.js';
import { pointer } from '../../lib/json-pointer.js';
import { asRecord } from '../../lib/k8s/values.js';
import { parseImageRef } from '../../lib/image-ref.js';
import { describeContainer } from '../_lib/pod.js';

/** gcr.io/kubernetes-helm/tiller, ghcr.io/helm/tiller and mirrors of them. */
function isTillerImage(image: unknown): boolean {
  // Cheap test first: the rule runs over every container of every scan.
  if (typeof image !== 'string' || !image.includes('tiller')) return false;
  const ref = parseImageRef(image);
  if (ref === undefined) return false;
  const repository = ref.repository;
  return repository === 'kubernetes-helm/tiller' || repository === 'helm/tiller' || repository.endsWith('/tiller');
}

export const rule = defineRule({
  id: 'tiller-deployed',
  title: 'Helm 2 Tiller is deployed',
  severity: 'high',
  threats: ['identity-access', 'lateral-movement', 'api-server-kubelet'],
  mitre: ['T1610', 'T1078'],
  remediation: 'Migrate the releases to Helm 3 (helm-2to3) and delete the Tiller deployment, its Service and its ServiceAccount bindings.',
  references: [
    'https://helm.sh/blog/helm-v2-deprecation-timeline/',
    'https://helm.sh/docs/faq/changes_since_helm2/#removal-of-tiller',
  ],
  target: 'workload',
  *check({ workload }) {
    const labels = asRecord(workload.podMeta.labels);
    const labelled = labels?.app === 'helm' && labels.name === 'tiller';
    let reported = false;
    for (const ref of workload.containers) {
      if (!isTillerImage(ref.container.image)) continue;
      reported = true;
      yield fail(`${describeContainer(ref)} runs Helm 2 Tiller (${String(ref.container.image)}): an unauthenticated gRPC endpoint on port 44134 that installs anything with its ServiceAccount's rights`, pointer(ref.path, 'image'));
    }
    if (!reported && labelled) {
      yield fail('pod is labelled app=helm, name=tiller: a Helm 2 Tiller deployment, which installs anything it is sent with its ServiceAccount\'s rights', pointer(workload.podMetaPath, 'labels'));
    }
  },
});
