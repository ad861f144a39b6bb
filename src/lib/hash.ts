/**
 * A fast, stable, non-cryptographic 64-bit string hash (two independent 32-bit FNV-1a-style
 * lanes with a murmur3 finaliser), as 16 hex characters. For identifiers that must be the same on
 * every run and machine (finding ids), not for anything an attacker could gain by colliding:
 * sha256 costs ~10x more per finding and findings number in the hundreds of thousands.
 */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hash64(text: string): string {
  return hash64Fields([text]);
}

/**
 * The hash of the fields joined by NUL, without building the joined string: the same value as
 * `hash64(fields.join('\u0000'))`, for callers that hash hundreds of thousands of ids (a joined
 * string per finding is garbage the collector then has to sweep).
 */
export function hash64Fields(fields: readonly string[]): string {
  let length = fields.length - 1;
  for (const field of fields) length += field.length;
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ Math.max(0, length);
  for (let f = 0; f < fields.length; f++) {
    if (f > 0) {
      // The NUL separator, fed exactly as a character of the joined string would be.
      a = Math.imul(a, 0x01000193);
      b = Math.imul(b, 0x5bd1e995);
      b ^= b >>> 15;
    }
    const text = fields[f] ?? '';
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
  }
  return mix(a).toString(16).padStart(8, '0') + mix(b ^ a).toString(16).padStart(8, '0');
}
