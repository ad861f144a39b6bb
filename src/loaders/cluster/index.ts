/**
 * The live-cluster loader (`palisade scan --kubeconfig K --context C`) and the snapshot writer
 * (`palisade snapshot -o FILE`).
 */
export { loadCluster, DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT_MS, type ClusterTarget } from './load.js';
export { writeSnapshot, compareResources, type SnapshotFormat } from './snapshot.js';
export { CLUSTER_KINDS, type ClusterKind } from './kinds.js';
export { clusterInputName } from './objects.js';
