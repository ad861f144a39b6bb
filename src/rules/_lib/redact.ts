/**
 * Secret-looking values never appear in full in a finding: at most the first four characters
 * (fewer for short values, so a short secret is never mostly revealed), an ellipsis and the length.
 */
export function redact(value: string): string {
  // Count user-perceived characters so a secret is never cut inside an emoji or accent.
  const characters = Array.from(new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(value), (part) => part.segment);
  const shown = Math.min(4, Math.floor(characters.length / 4));
  return `${characters.slice(0, shown).join('')}… (${characters.length} characters)`;
}
