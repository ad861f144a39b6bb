// Placeholder so the manifest loaders can import the cluster loader; replaced by the real
// implementation (API discovery + paginated lists) in this same session.
import type { LoadResult } from '../../core/loader.js';

export interface ClusterTarget {
  readonly kubeconfig?: string;
  readonly context?: string;
}

export function loadCluster(target: ClusterTarget): Promise<LoadResult> {
  return Promise.reject(new Error(`cluster loading is not built yet (${target.context ?? 'current context'})`));
}
