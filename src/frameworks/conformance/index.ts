/** The mappings `npm run conformance` uses, from each external suite's check ids to Palisade rules. */
export { CHECKOV, CHECKOV_DIFFERENCES, CHECKOV_PER_CONTAINER } from './checkov.js';
export { KALM_CLUSTER, KALM_CLUSTER_DIFFERENCES } from './kalm-cluster.js';
export { KUBESCAPE_CLUSTER, KUBESCAPE_CLUSTER_DIFFERENCES } from './kubescape-cluster.js';
export { HADOLINT, HADOLINT_UNMAPPED, hadolintDifference, hadolintOptions } from './hadolint.js';
export { KUBESEC_CRITICAL, KUBESEC_DIFFERENCES } from './kubesec.js';
export { KUBISCAN_DIFFERENCES, KUBISCAN_RULES } from './kubiscan.js';
export { KALM, KALM_DIFFERENCES, KUBE_LINTER, KUBESCAPE, KUBESCAPE_DIFFERENCES, POLARIS, POLARIS_DIFFERENCES } from '../../rules/_conformance/suites.js';
export { KUBESCAPE_CLUSTER_EXTRA, KUBESCAPE_EXTRA_DIFFERENCES, KUBESCAPE_WORKLOAD_EXTRA, POLARIS_EXTRA, POLARIS_EXTRA_DIFFERENCES } from './catalog-extensions.js';
