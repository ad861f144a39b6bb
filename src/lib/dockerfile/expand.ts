/**
 * Variable substitution as the builder does it in FROM, ENV, ADD, COPY, WORKDIR, USER, EXPOSE,
 * LABEL and the like: `$name`, `${name}`, `${name:-default}`, `${name:+alternative}` (and the
 * forms without the colon, which test "set" instead of "non-empty"). The escape character before
 * `$` keeps it literal. Unknown variables are empty, as for the builder.
 */

export type Lookup = (name: string) => string | undefined;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

export function expandVariables(text: string, lookup: Lookup, escape = '\\'): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === escape && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = matchingBrace(text, i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      out += braced(text.slice(i + 2, close), lookup, escape);
      i = close + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (name === undefined) {
      out += c;
      i++;
      continue;
    }
    out += lookup(name) ?? '';
    i += 1 + name.length;
  }
  return out;
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function braced(inner: string, lookup: Lookup, escape: string): string {
  const name = NAME.exec(inner)?.[0] ?? '';
  const operator = /^(:?[-+])/.exec(inner.slice(name.length))?.[1];
  const value = lookup(name);
  if (operator === undefined) return value ?? '';
  const word = expandVariables(inner.slice(name.length + operator.length), lookup, escape);
  const present = operator.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  if (operator.endsWith('-')) return present ? (value ?? '') : word;
  return present ? word : '';
}
