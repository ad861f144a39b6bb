/** Character-class checks written as loops: clearer than control characters inside regexes. */

/** C0 control characters and DEL, which no version string of any ecosystem contains. */
export function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Python's str.isspace() for one character: \s plus the information separators U+001C-U+001F. */
function isPythonSpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return /\s/.test(ch) || (c >= 0x1c && c <= 0x1f);
}

/** Python's str.strip(): removes surrounding whitespace, Unicode whitespace included. */
export function stripPythonSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isPythonSpace(s.charAt(start))) start++;
  while (end > start && isPythonSpace(s.charAt(end - 1))) end--;
  return s.slice(start, end);
}
