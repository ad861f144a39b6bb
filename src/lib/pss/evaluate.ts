/**
 * evaluatePodSecurity: which checks apply at a level and version, in upstream's order (baseline
 * ids sorted, then restricted ids sorted), with restricted revisions replacing the baseline checks
 * they override; then each applicable check is run on the pod.
 */
import type { ObjectMeta, PodSpec } from '../../model/k8s.js';
import type { CheckDefinition, VersionedCheck } from './check.js';
import { CHECKS } from './checks/index.js';
import { goCompare } from './go-format.js';
import { podViewOf } from './pod-view.js';
import { evaluatedMinor } from './policy-version.js';
import type { PssCheckId, PssCheckResult, PssLevel, PssVersion } from './types.js';

interface ApplicableCheck {
  readonly definition: CheckDefinition;
  readonly revision: VersionedCheck;
}

/** The revision of a check in force at a minor version, if the check exists yet. */
function revisionAt(definition: CheckDefinition, minor: number): VersionedCheck | undefined {
  let found: VersionedCheck | undefined;
  for (const revision of definition.versions) if (revision.minimumMinor <= minor) found = revision;
  return found;
}

function byId(a: ApplicableCheck, b: ApplicableCheck): number {
  return goCompare(a.definition.id, b.definition.id);
}

const plans = new Map<string, readonly ApplicableCheck[]>();

/** The checks a level and (evaluated) minor version runs, in order. Memoised: there are few combinations. */
export function checksFor(level: 'baseline' | 'restricted', minor: number): readonly ApplicableCheck[] {
  const key = `${level}:${minor}`;
  const cached = plans.get(key);
  if (cached !== undefined) return cached;
  const applicable = (wanted: 'baseline' | 'restricted'): ApplicableCheck[] =>
    CHECKS.flatMap((definition) => {
      const revision = definition.level === wanted ? revisionAt(definition, minor) : undefined;
      return revision === undefined ? [] : [{ definition, revision }];
    }).sort(byId);
  const restricted = level === 'restricted' ? applicable('restricted') : [];
  const overridden = new Set<PssCheckId>(restricted.flatMap((c) => c.revision.overrides ?? []));
  const plan = [...applicable('baseline').filter((c) => !overridden.has(c.definition.id)), ...restricted];
  plans.set(key, plan);
  return plan;
}

/**
 * Evaluates a pod against a Pod Security Standards level at a policy version, as the PodSecurity
 * admission controller does. Returns the failed checks (an empty list means allowed). Paths are
 * JSON pointers relative to a Pod object; see `rebasePssPath` for other workload kinds.
 */
export function evaluatePodSecurity(level: PssLevel, version: PssVersion, podMeta: ObjectMeta, podSpec: PodSpec): PssCheckResult[] {
  if (level === 'privileged') return [];
  const pod = podViewOf(podMeta, podSpec);
  const results: PssCheckResult[] = [];
  for (const { definition, revision } of checksFor(level, evaluatedMinor(version))) {
    const violation = revision.check(pod);
    if (violation === undefined) continue;
    results.push({ id: definition.id, level: definition.level, control: definition.control, ...violation });
  }
  return results;
}

/** Maps a Pod-relative pointer (/metadata/..., /spec/...) onto a workload's pod template pointers. */
export function rebasePssPath(path: string, podMetaPath: string, podSpecPath: string): string {
  if (path === '/metadata' || path.startsWith('/metadata/')) return podMetaPath + path.slice('/metadata'.length);
  if (path === '/spec' || path.startsWith('/spec/')) return podSpecPath + path.slice('/spec'.length);
  return path;
}
