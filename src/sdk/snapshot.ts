import type { Problem } from '../model/problem.js';
import { DEFAULT_LIMITS } from '../core/loader.js';
import { problem } from '../core/errors.js';
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
  const text = result.inputs.length > 0 ? writeSnapshot(result, options.format ?? 'yaml') : '';
  // A cluster of a few thousand pods outgrows what scan reads from one file by default: say so
  // now, with the size to allow, rather than leave the scan of the saved file to refuse it.
  const bytes = Buffer.byteLength(text);
  const tooLarge = bytes > DEFAULT_LIMITS.maxFileBytes ? [problem('snapshot-over-scan-limit', `the snapshot is ${String(bytes)} bytes, more than the ${String(DEFAULT_LIMITS.maxFileBytes)} that scan reads from one file by default`)] : [];
  return { text, objects: result.resources.length, problems: [...result.problems, ...tooLarge] };
}
