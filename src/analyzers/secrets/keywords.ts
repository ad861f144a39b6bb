/**
 * The secret rules' keyword prefilter: which keywords occur in a file, found in one pass over its
 * bytes by an Aho-Corasick automaton (case-insensitive for ASCII). Most files of an image contain
 * none, and then the file is never even decoded as text; a regular expression alternation or a
 * substring search per keyword read ~100 MB of text several times slower.
 */
const ALPHABET = 256;
/** Flag in a transition: the state it leads to ends a keyword. */
const ACCEPTS = 1;

export class KeywordMatcher {
  /**
   * Transitions indexed by state * 256 + byte, holding the next state already multiplied by 256
   * (no multiplication in the hot loop), plus 1 when that state ends a keyword: the low byte is
   * free, so the hot loop makes one table load and one bit test per byte. Upper-case ASCII rows
   * fold onto lower case.
   */
  private readonly delta: Int32Array;
  /** For each state, the keywords (by index) that end there, following failure links. */
  private readonly outputs: readonly (readonly number[])[];

  constructor(readonly keywords: readonly string[]) {
    const goto: Map<number, number>[] = [new Map<number, number>()];
    const out: number[][] = [[]];
    keywords.forEach((keyword, index) => {
      let state = 0;
      for (const byte of Buffer.from(keyword.toLowerCase(), 'latin1')) {
        let next = goto[state]?.get(byte);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map<number, number>());
          out.push([]);
          goto[state]?.set(byte, next);
        }
        state = next;
      }
      out[state]?.push(index);
    });
    // Breadth-first: each state's failure link and its full transition row.
    this.delta = new Int32Array(goto.length * ALPHABET);
    const fail = new Int32Array(goto.length);
    const queue: number[] = [];
    for (let b = 0; b < ALPHABET; b += 1) {
      const next = goto[0]?.get(b) ?? 0;
      this.delta[b] = next;
      if (next !== 0) queue.push(next);
    }
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head] ?? 0;
      const link = fail[state] ?? 0;
      out[state]?.push(...(out[link] ?? []));
      // A state moves like its failure link except on its own edges (the link's row is complete:
      // it is shallower, so it came out of the queue earlier).
      this.delta.copyWithin(state * ALPHABET, link * ALPHABET, (link + 1) * ALPHABET);
      for (const [b, next] of goto[state] ?? []) {
        fail[next] = this.delta[link * ALPHABET + b] ?? 0;
        this.delta[state * ALPHABET + b] = next;
        queue.push(next);
      }
    }
    this.outputs = out;
    for (let state = 0; state < goto.length; state += 1) {
      const row = state * ALPHABET;
      for (let b = 0; b < ALPHABET; b += 1) {
        const next = this.delta[row + b] ?? 0;
        this.delta[row + b] = next * ALPHABET + ((out[next]?.length ?? 0) > 0 ? ACCEPTS : 0);
      }
      for (let b = 0x41; b <= 0x5a; b += 1) this.delta[row + b] = this.delta[row + b + 0x20] ?? 0;
    }
  }

  /** The keywords that occur in `bytes` (indexes into `keywords`). */
  present(bytes: Uint8Array): Set<number> {
    const found = new Set<number>();
    const { delta, outputs } = this;
    const length = bytes.length;
    let row = 0;
    for (let i = 0; i < length; i += 1) {
      row = delta[row + (bytes[i] ?? 0)] ?? 0;
      if ((row & ACCEPTS) !== 0) {
        row ^= ACCEPTS;
        for (const hit of outputs[row >> 8] ?? []) found.add(hit);
      }
    }
    return found;
  }
}
