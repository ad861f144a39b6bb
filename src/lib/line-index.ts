/**
 * Offsets to 1-based lines and columns, for every text Palisade points into (manifests, files of
 * an image searched for secrets). Built on first use, because most inputs never need a position
 * (only those a finding or a problem points into); then each lookup is a binary search, so a
 * hostile file with thousands of findings on a megabyte line costs no scan back per finding.
 */
import type { Position } from '../model/source.js';

export class LineIndex {
  private readonly text: string;
  private starts: Int32Array | undefined;

  constructor(text: string) {
    this.text = text;
  }

  position(offset: number): Position {
    const starts = (this.starts ??= lineStarts(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }
}

/** Where each line starts. A CR LF pair or a lone LF ends a line; a lone CR does too, as in YAML. */
function lineStarts(text: string): Int32Array {
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return lineStartsWithLoneCr(text);
  // Common case: LF (or CR LF) line ends, found with the native indexOf.
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Int32Array(count);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
  return starts;
}

function lineStartsWithLoneCr(text: string): Int32Array {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a) starts.push(i + 1);
    else if (ch === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      starts.push(i + 1);
    }
  }
  return Int32Array.from(starts);
}
