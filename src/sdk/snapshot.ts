import type { Problem } from '../model/problem.js';
import { loadCluster, writeSnapshot, type SnapshotFormat } from '../loaders/cluster/index.js';

export interface SnapshotOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly format?: SnapshotFormat;
  readonly cwd?: string;
}

export interface Snapshot {
  /** A `kind: List` document that `scan` reads back for offline scans; empty when nothing loaded. */
  readonly text: string;
  readonly objects: number;
  readonly problems: readonly Problem[];
}

/** Saves a live cluster's objects (the kinds the rules need; Secret values blanked) for offline scans. */
export async function snapshot(options: SnapshotOptions = {}): Promise<Snapshot> {
  const result = await loadCluster({
    ...(options.kubeconfig === undefined ? {} : { kubeconfig: options.kubeconfig }),
    ...(options.context === undefined ? {} : { context: options.context }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  const loaded = result.inputs.length > 0;
  return {
    text: loaded ? writeSnapshot(result, options.format ?? 'yaml') : '',
    objects: result.resources.length,
    problems: result.problems,
  };
}
