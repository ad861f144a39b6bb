/** Findings grouped by the resource they are about, for the human-facing writers. */
import { compareText } from '../../lib/compare.js';
import type { Finding } from '../../model/finding.js';
import type { ResourceRef } from '../../model/resource.js';
import { resourceKey } from '../../model/resource.js';
import { severityRank } from '../../model/severity.js';

export interface ResourceGroup {
  /** Kind/namespace/name. */
  readonly key: string;
  readonly resource: ResourceRef;
  readonly file: string;
  /** The first line any of the group's findings points at. */
  readonly line: number;
  /** In report order (most severe first). */
  readonly findings: readonly Finding[];
}

interface MutableGroup {
  key: string;
  resource: ResourceRef;
  file: string;
  line: number;
  findings: Finding[];
}

/**
 * Groups by resource and file (the same name may appear in two files, e.g. two overlays). Groups
 * come worst first, then by file, line and key, so the order is stable whatever the input order.
 */
export function groupByResource(findings: readonly Finding[]): ResourceGroup[] {
  const groups = new Map<string, MutableGroup>();
  for (const finding of findings) {
    const key = resourceKey(finding.resource);
    const id = `${finding.resource.apiVersion}\u0000${key}\u0000${finding.location.file}`;
    const group = groups.get(id);
    if (group === undefined) {
      groups.set(id, { key, resource: finding.resource, file: finding.location.file, line: finding.location.line, findings: [finding] });
    } else {
      group.findings.push(finding);
      group.line = Math.min(group.line, finding.location.line);
    }
  }
  // Rank each group once, not on every comparison.
  const ranked = [...groups.values()].map((group) => ({ group, rank: worstRank(group) }));
  ranked.sort((a, b) => a.rank - b.rank || compareGroups(a.group, b.group));
  return ranked.map((r) => r.group);
}

function worstRank(group: MutableGroup): number {
  return group.findings.reduce((worst, f) => Math.min(worst, severityRank(f.severity)), Infinity);
}

/**
 * The largest value, or 0 for none. Not Math.max(...values): spreading a huge array (a report with
 * hundreds of thousands of findings) overflows the call stack.
 */
export function maxOf(values: readonly number[]): number {
  return values.reduce((max, v) => Math.max(max, v), 0);
}

function compareGroups(a: MutableGroup, b: MutableGroup): number {
  return compareText(a.file, b.file) || a.line - b.line || compareText(a.key, b.key);
}

