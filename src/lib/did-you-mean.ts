/**
 * "Did you mean" hints for misspelt keys and rule ids: the closest candidate by edit distance,
 * when it is close enough to be a plausible typo.
 */

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions (faliOn -> failOn). */
export function editDistance(a: string, b: string): number {
  // Three rolling rows keep memory linear in the shorter string.
  let before: number[] = [];
  let previous: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Case, dashes and underscores do not count as typos: fail_on and FAILON both mean failOn. */
function normalise(word: string): string {
  return word.toLowerCase().replace(/[-_]/g, '');
}

/**
 * The candidate closest to `word`, or undefined when none is within a third of its length (at
 * least 2 edits), so that unrelated words get no misleading suggestion.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const target = normalise(word);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(target, normalise(candidate));
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(2, Math.floor(target.length / 3));
  return best.distance <= allowed ? best.candidate : undefined;
}

/** ` Did you mean "x"?` or the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const suggestion = closest(word, candidates);
  return suggestion === undefined ? '' : `Did you mean "${suggestion}"?`;
}
