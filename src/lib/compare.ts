/**
 * Code-point string order: the same on every machine and locale (localeCompare is neither), so
 * sorted outputs stay byte-identical for golden files and diffs.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
