/**
 * Word splitting at the Dockerfile level (not the shell's): blanks separate words except inside
 * single or double quotes or after the escape character. Words keep their quotes, so callers can
 * tell `<<"EOF"` from `<<EOF`; `unquote` removes them.
 */

export function splitWords(text: string, escape = '\\'): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote === null && (c === ' ' || c === '\t')) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    word += c;
    if (c === escape && quote !== "'" && i + 1 < text.length) {
      word += text[i + 1] ?? '';
      i++;
    } else if (quote === null && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = null;
  }
  if (inWord) words.push(word);
  return words;
}

/** Removes quotes and escapes as the builder does for ENV/LABEL values and file names. */
export function unquote(word: string, escape = '\\'): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < word.length; i++) {
    const c = word[i] ?? '';
    if (c === escape && quote !== "'" && i + 1 < word.length) {
      const next = word[i + 1] ?? '';
      // Inside double quotes only the quote, the escape itself and $ are escaped; elsewhere anything is.
      if (quote === '"' && next !== '"' && next !== escape && next !== '$') out += c;
      out += next;
      i++;
    } else if (quote === null && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = null;
    else out += c;
  }
  return out;
}
