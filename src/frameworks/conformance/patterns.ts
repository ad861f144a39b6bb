/** Message patterns shared by the conformance mappings. */

/** Findings about the named flag(s), not a longer flag that ends the same way (--peer-cert-file vs --cert-file). */
export function flagPattern(...names: string[]): RegExp {
  return new RegExp(`(^|[^-a-z])--(${names.join('|')})\\b(?!-)`);
}

/** Findings whose message contains the text literally. */
export function literal(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
}
