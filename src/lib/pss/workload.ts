/** Evaluates any workload kind (through the pod it creates), with paths from the resource root. */
import type { Workload } from '../../model/k8s.js';
import { forbiddenDetail } from './aggregate.js';
import { evaluatePodSecurity, rebasePssPath } from './evaluate.js';
import type { PssCheckResult, PssLevel, PssVersion } from './types.js';

export interface WorkloadPssViolation {
  readonly result: PssCheckResult;
  /** `reason (detail)`, as one entry of upstream's denial message. */
  readonly message: string;
  /** Pointer from the resource root to the first offending field. */
  readonly path: string;
  /** Pointers from the resource root to every offending field. */
  readonly paths: readonly string[];
}

export function evaluateWorkloadPodSecurity(workload: Workload, level: PssLevel, version: PssVersion): WorkloadPssViolation[] {
  return evaluatePodSecurity(level, version, workload.podMeta, workload.podSpec).map((result) => {
    const paths = result.paths.map((p) => rebasePssPath(p, workload.podMetaPath, workload.podSpecPath));
    return { result, message: forbiddenDetail([result]), path: paths[0] ?? workload.podSpecPath, paths };
  });
}
