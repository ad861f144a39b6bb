/** The result of every comparator here: the sign of (a - b). */
export type Ordering = -1 | 0 | 1;

export function sign(n: number): Ordering {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Compares two unsigned decimal digit strings by value without overflow (leading zeros ignored). */
export function compareDigits(a: string, b: string): Ordering {
  const x = stripZeros(a);
  const y = stripZeros(b);
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function stripZeros(s: string): string {
  let i = 0;
  while (i < s.length - 1 && s.charCodeAt(i) === 48) i++;
  return s.slice(i);
}

/** Byte-wise (code unit) string order, as C's strcmp/memcmp give for ASCII input. */
export function compareStrings(a: string, b: string): Ordering {
  return a < b ? -1 : a > b ? 1 : 0;
}
