/**
 * Line-scoped ignore comments of files Palisade parses itself (a Dockerfile's hadolint pragmas and
 * `# palisade.dev/ignore-next:` comments), indexed so that judging a finding is one lookup and
 * one binary search. Suppression (suppression.ts) applies them next to the annotations.
 */
import { didYouMean } from '../lib/did-you-mean.js';
import { hadolintIdsOf } from '../lib/dockerfile/hadolint.js';
import { asRecord } from '../lib/k8s/values.js';
import { IMAGE_API_VERSION, type Finding } from '../model/finding.js';
import type { Problem } from '../model/problem.js';
import type { Resource } from '../model/resource.js';
import { problem } from './errors.js';

/**
 * A comment that hides findings on some lines of a file Palisade parses itself (a Dockerfile's
 * `# hadolint ignore=...` pragmas and `# palisade.dev/ignore-next:` comments). The loader works
 * out which lines each covers and writes the list under `/ignores` of the resource's object; a
 * finding of that resource on one of those lines whose rule (or, for hadolint ids, whose hadolint
 * check) is named is suppressed, with the comment as its reason.
 */
export interface LineIgnore {
  /** The comment's own line. */
  readonly line: number;
  /** The lines it covers, both included. */
  readonly fromLine: number;
  readonly toLine: number;
  /** Whether `ids` are hadolint check ids (DL3008) or Palisade rule ids. */
  readonly naming: 'hadolint' | 'palisade';
  readonly ids: readonly string[];
  readonly reason: string;
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The well-formed entries of `/ignores`; only Palisade's own kinds carry them (a manifest has annotations). */
function lineIgnoresOf(resource: Resource): LineIgnore[] {
  if (resource.apiVersion !== IMAGE_API_VERSION) return [];
  const list = resource.object['ignores'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const entry = asRecord(item);
    if (entry === undefined) return [];
    const { line, fromLine, toLine, naming, ids, reason } = entry;
    if (typeof line !== 'number' || typeof fromLine !== 'number' || typeof toLine !== 'number' || typeof reason !== 'string' || !isStringArray(ids)) return [];
    if (naming !== 'hadolint' && naming !== 'palisade') return [];
    return [{ line, fromLine, toLine, naming, ids, reason }];
  });
}

/**
 * The ignores of one resource by the id they name (`palisade:` or `hadolint:` prefixed), each as
 * disjoint line segments sorted by line: a finding is then one map lookup and one binary search,
 * however many comments a hostile file holds. Where ignores overlap, the one starting first wins.
 */
export type SegmentIndex = Map<string, { readonly from: number; readonly to: number; readonly ignore: LineIgnore }[]>;

function segmentIndex(ignores: readonly LineIgnore[]): SegmentIndex {
  const byId = new Map<string, LineIgnore[]>();
  for (const ignore of ignores) {
    for (const id of new Set(ignore.ids)) {
      const key = `${ignore.naming}:${id}`;
      const list = byId.get(key) ?? [];
      list.push(ignore);
      byId.set(key, list);
    }
  }
  const index: SegmentIndex = new Map();
  for (const [key, list] of byId) {
    list.sort((a, b) => a.fromLine - b.fromLine);
    const segments: { from: number; to: number; ignore: LineIgnore }[] = [];
    let end = -Infinity;
    for (const ignore of list) {
      // Everything of this range up to `end` is covered already by a range that started no later.
      if (ignore.toLine > end) segments.push({ from: Math.max(ignore.fromLine, end + 1), to: ignore.toLine, ignore });
      end = Math.max(end, ignore.toLine);
    }
    index.set(key, segments);
  }
  return index;
}

/** The line ignores of every resource that has some, under `keyOf(resource)`; unknown Palisade rule ids become problems. */
export function lineIgnoreMap(resources: readonly Resource[], keyOf: (resource: Resource) => string, problems: Problem[], ruleIds: ReadonlySet<string> | undefined): Map<string, SegmentIndex> {
  const byResource = new Map<string, SegmentIndex>();
  for (const resource of resources) {
    const ignores = lineIgnoresOf(resource);
    if (ignores.length === 0) continue;
    byResource.set(keyOf(resource), segmentIndex(ignores));
    if (ruleIds === undefined) continue;
    // hadolint ids are checked where the comment is read; Palisade rule ids only the registry knows.
    for (const ignore of ignores) {
      if (ignore.naming !== 'palisade') continue;
      for (const id of ignore.ids.filter((rule) => !ruleIds.has(rule))) {
        const hint = didYouMean(id, ruleIds);
        const place = { file: resource.source.file, line: ignore.line, column: 1 };
        problems.push(problem('annotation-unknown-rule', `the ignore comment on line ${ignore.line} names "${id}", which is no rule: it suppresses nothing`, place, hint === '' ? undefined : `${hint} List the rules with \`palisade rules list\`.`));
      }
    }
  }
  return byResource;
}

function coveringIgnore(index: SegmentIndex, key: string, line: number): LineIgnore | undefined {
  const segments = index.get(key);
  if (segments === undefined) return undefined;
  let low = 0;
  let high = segments.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const segment = segments[middle];
    if (segment === undefined) return undefined;
    if (line < segment.from) high = middle - 1;
    else if (line > segment.to) low = middle + 1;
    else return segment.ignore;
  }
  return undefined;
}

/** The ignore comment covering the finding's line that names its rule (or its hadolint check), if any. */
export function lineIgnoreFor(finding: Finding, index: SegmentIndex | undefined): LineIgnore | undefined {
  if (index === undefined) return undefined;
  const { line } = finding.location;
  const own = coveringIgnore(index, `palisade:${finding.ruleId}`, line);
  if (own !== undefined) return own;
  for (const id of hadolintIdsOf(finding.ruleId, finding.message)) {
    const found = coveringIgnore(index, `hadolint:${id}`, line);
    if (found !== undefined) return found;
  }
  return undefined;
}
