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
  return hex64(mix(a), mix(b ^ a));
}

const HEX_DIGITS = [0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66];

function digit(value: number, shift: number): number {
  return HEX_DIGITS[(value >>> shift) & 15] ?? 0x30;
}

/**
 * Two 32-bit words as 16 lower-case hex digits, made as one flat string: toString(16), padStart
 * and a concatenation cost more than the hashing itself and leave a rope to flatten later.
 */
function hex64(high: number, low: number): string {
  return String.fromCharCode(
    digit(high, 28), digit(high, 24), digit(high, 20), digit(high, 16), digit(high, 12), digit(high, 8), digit(high, 4), digit(high, 0),
    digit(low, 28), digit(low, 24), digit(low, 20), digit(low, 16), digit(low, 12), digit(low, 8), digit(low, 4), digit(low, 0),
  );
}
