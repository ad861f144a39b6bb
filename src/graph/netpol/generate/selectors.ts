/**
 * The labels a generated policy selects a workload by. The workload's own selector labels come
 * first: its controller keeps them on every pod it creates, while other template labels (a
 * version, a hash) may change between releases. When those labels also select another workload
 * of the namespace, the full template labels are used instead so the policy stays least-privilege.
 */
import { mapSelectorMatches } from '../../../lib/k8s/labels.js';
import { asRecord, asStringMap } from '../../../lib/k8s/values.js';
import type { Workload } from '../model.js';
import { warningAt, type GenerateWarning } from './needs.js';

/** The workload's own `spec.selector.matchLabels` when it is a plain label map its pods carry. */
function ownSelector(w: Workload): Record<string, string> | undefined {
  const first = w.resources[0];
  if (first === undefined || first.kind === 'Pod') return undefined;
  const selector = asRecord(asRecord(first.object.spec)?.selector);
  if (selector === undefined) return undefined;
  const labels = asStringMap(selector.matchLabels);
  if (Object.keys(labels).length === 0 || !mapSelectorMatches(labels, w.labels)) return undefined;
  return labels;
}

export interface SelectorChoice {
  readonly byWorkload: ReadonlyMap<Workload, Readonly<Record<string, string>>>;
  readonly warnings: readonly GenerateWarning[];
}

export function chooseSelectors(workloads: readonly Workload[]): SelectorChoice {
  const byWorkload = new Map<Workload, Readonly<Record<string, string>>>();
  const warnings: GenerateWarning[] = [];
  const byNamespace = new Map<string, Workload[]>();
  for (const w of workloads) {
    const list = byNamespace.get(w.namespace);
    if (list === undefined) byNamespace.set(w.namespace, [w]);
    else list.push(w);
  }
  const othersMatched = (w: Workload, labels: Readonly<Record<string, string>>): Workload[] =>
    (byNamespace.get(w.namespace) ?? []).filter((o) => o !== w && mapSelectorMatches(labels, o.labels));
  for (const w of workloads) {
    if (Object.keys(w.labels).length === 0) {
      warnings.push(warningAt(w.resources[0], '/metadata', `${w.namespace}/${w.name} has no pod labels: no policy can select it alone, so no allow rule is generated for it`));
      continue;
    }
    const own = ownSelector(w);
    const chosen = own !== undefined && othersMatched(w, own).length === 0 ? own : w.labels;
    const shared = othersMatched(w, chosen);
    if (shared.length > 0) {
      warnings.push(warningAt(w.resources[0], '/metadata', `the pod labels of ${w.namespace}/${w.name} also select ${shared.map((o) => o.name).join(', ')}: rules for it apply to those too`));
    }
    byWorkload.set(w, chosen);
  }
  return { byWorkload, warnings };
}
