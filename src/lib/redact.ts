/**
 * Secret-looking values never appear in full in a finding: at most the first four characters
 * (fewer for short values, so a short secret is never mostly revealed), an ellipsis and the length.
 * Characters are Unicode code points: never half a surrogate pair, and counting them is cheap
 * (grapheme segmentation costs tens of microseconds per value).
 */
export function redact(value: string): string {
  const characters = Array.from(value);
  const shown = Math.min(4, Math.floor(characters.length / 4));
  return `${characters.slice(0, shown).join('')}… (${characters.length} characters)`;
}
