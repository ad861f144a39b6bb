/**
 * The secret rules' keyword prefilter: which keywords occur in a file, found in one pass over its
 * bytes by an Aho-Corasick automaton (case-insensitive for ASCII). Most files of an image contain
 * none, and then the file is never even decoded as text; a regular expression alternation or a
 * substring search per keyword read ~100 MB of text several times slower.
 *
 * Rows have 256 entries, one per byte. With the catalog's 309 keywords (1,657 states) that is a
 * 1.7 MB table; a byte-class alphabet (one class per byte that occurs in a keyword, ~48 entries a
 * row, 0.3 MB) was measured over 100 MB of text files (9,214 files of /usr/lib and /etc) and read
 * 20% slower (median of 15 rounds 192 vs 155 ms, again 210 vs 175): real text keeps the automaton
 * in a few shallow states whose rows stay cached, and the class lookup adds a dependent load per byte.
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
  /** Bytes in the longest keyword. */
  private readonly longest: number;

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
    this.longest = Math.max(1, ...keywords.map((k) => Buffer.byteLength(k, 'latin1')));
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
    // The lanes overlap by the longest keyword; below a few of those, one pass is simpler.
    if (bytes.length < Math.max(1024, 8 * this.longest)) this.run(bytes, 0, bytes.length, 0, found);
    else this.runLanes(bytes, found);
    return found;
  }

  /** One automaton from state `row` over bytes [from, to); returns the state it ends in. */
  private run(bytes: Uint8Array, from: number, to: number, start: number, found: Set<number>): number {
    const { delta } = this;
    let row = start;
    for (let i = from; i < to; i += 1) {
      row = delta[row + (bytes[i] ?? 0)] ?? 0;
      if ((row & ACCEPTS) !== 0) row = this.record(row, found);
    }
    return row;
  }

  /**
   * Four automata over the four quarters at once. Each step of one automaton waits for its table
   * load, so a single pass is bound by load latency; four independent ones overlap theirs (measured
   * 10-15% less CPU over the benchmark image's text). Each quarter after the first starts
   * `longest - 1` bytes early: a keyword ending in a quarter then lies whole in that quarter's
   * pass, and every match any pass reports is a real occurrence (each starts in the initial state).
   */
  private runLanes(bytes: Uint8Array, found: Set<number>): void {
    const { delta } = this;
    const quarter = bytes.length >> 2;
    const back = this.longest - 1;
    const s1 = quarter - back;
    const s2 = 2 * quarter - back;
    const s3 = 3 * quarter - back;
    const steps = quarter + back;
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    for (let k = 0; k < steps; k += 1) {
      a = delta[a + (bytes[k] ?? 0)] ?? 0;
      b = delta[b + (bytes[s1 + k] ?? 0)] ?? 0;
      c = delta[c + (bytes[s2 + k] ?? 0)] ?? 0;
      d = delta[d + (bytes[s3 + k] ?? 0)] ?? 0;
      if (((a | b | c | d) & ACCEPTS) !== 0) {
        if ((a & ACCEPTS) !== 0) a = this.record(a, found);
        if ((b & ACCEPTS) !== 0) b = this.record(b, found);
        if ((c & ACCEPTS) !== 0) c = this.record(c, found);
        if ((d & ACCEPTS) !== 0) d = this.record(d, found);
      }
    }
    // The last quarter's pass goes on to the end (the length need not divide by four).
    this.run(bytes, s3 + steps, bytes.length, d, found);
  }

  /** Adds the keywords ending at an accepting transition; returns the plain state row. */
  private record(row: number, found: Set<number>): number {
    const state = row ^ ACCEPTS;
    for (const hit of this.outputs[state >> 8] ?? []) found.add(hit);
    return state;
  }
}
