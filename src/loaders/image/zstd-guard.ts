/**
 * What a zstd stream will cost fzstd, read from its frame and block headers before any byte is
 * decoded. fzstd allocates each frame's whole window when it meets the frame header (a 6-byte
 * header can ask for 1.9 GB) and moves that whole window on every block it decodes, so a few KB
 * of one-byte blocks under a large window cost minutes of CPU. Neither the ratio limit nor the
 * size limits can see this: the output stays tiny. The guard refuses:
 *  - a window over MAX_WINDOW_BYTES, the reference decoder's default limit (`zstd -d` refuses
 *    those too unless given --memory or --long);
 *  - window work (the window size, for each block decoded) beyond what full 128 KiB blocks would
 *    cost for the bytes decoded so far, plus a grace: a real encoder fills its blocks, an
 *    attacker does not. The decoder reports each block before it moves its window, so the check
 *    comes first.
 * Only headers are read (see RFC 8878, section 3.1); a malformed header is left to the decoder,
 * which reports it.
 */
export class DecompressLimitError extends Error {}

export const MAX_WINDOW_BYTES = 128 * 1024 * 1024;
/** Window bytes moved per decoded byte when blocks are full: a largest window over a largest block. */
const WORK_PER_OUTPUT_BYTE = MAX_WINDOW_BYTES / (128 * 1024);
const WORK_GRACE_BYTES = 8 * MAX_WINDOW_BYTES;

const ZSTD_MAGIC = 0xfd2fb528;
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
/** A header no decoder accepts: the decoder reports it, so the guard stops reading. */
const MALFORMED = -1;

export class ZstdGuard {
  /** Bytes of block content (or of a skippable frame) still to pass over. */
  private skip = 0;
  /** The start of a header split across chunks. */
  private carry: Buffer = Buffer.alloc(0);
  private inFrame = false;
  private window = 0;
  /** The largest window of the frames met so far: a block being decoded belongs to one of them. */
  private largestWindow = 0;
  private checksum = false;
  private work = 0;
  private decodedBytes = 0;
  /** Set once a header is malformed: the decoder will refuse the stream, nothing more to check. */
  private lost = false;

  /** Checks the headers in `chunk`, the next bytes of the stream, before the decoder sees them. */
  check(chunk: Buffer): void {
    if (this.lost) return;
    const data = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    let at = 0;
    for (;;) {
      const passed = Math.min(this.skip, data.length - at);
      at += passed;
      this.skip -= passed;
      if (this.skip > 0 || at === data.length) break;
      const used = this.inFrame ? this.block(data, at) : this.frame(data, at);
      if (used === undefined) break;
      if (used === MALFORMED) {
        this.lost = true;
        return;
      }
      at += used;
    }
    this.carry = Buffer.from(data.subarray(at));
  }

  /** Told of each block the decoder produced, before the decoder moves its window for it. */
  decoded(bytes: number): void {
    this.decodedBytes += bytes;
    this.work += this.largestWindow;
    if (this.work > WORK_PER_OUTPUT_BYTE * this.decodedBytes + WORK_GRACE_BYTES) {
      throw new DecompressLimitError(`the zstd stream's blocks are too small for its window (${this.largestWindow} bytes): decoding it would move ${this.work} bytes for ${this.decodedBytes} decoded, a decompression bomb`);
    }
  }

  /** Reads a frame header at `at`; its length, MALFORMED, or undefined when it is not all there yet. */
  private frame(data: Buffer, at: number): number | undefined {
    if (data.length - at < 8) return undefined;
    const magic = data.readUInt32LE(at);
    if ((magic & SKIPPABLE_MAGIC_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      this.skip = data.readUInt32LE(at + 4);
      return 8;
    }
    if (magic !== ZSTD_MAGIC) return MALFORMED;
    const descriptor = data[at + 4] ?? 0;
    const singleSegment = (descriptor >> 5) & 1;
    const dictionaryBytes = [0, 1, 2, 4][descriptor & 3] ?? 0;
    const sizeFlag = descriptor >> 6;
    const sizeBytes = sizeFlag === 0 ? singleSegment : 1 << sizeFlag;
    const length = 5 + (singleSegment === 1 ? 0 : 1) + dictionaryBytes + sizeBytes;
    if (data.length - at < length) return undefined;
    if (singleSegment === 1) {
      // The window is the frame's content size.
      const sizeAt = at + length - sizeBytes;
      this.window = readLittleEndian(data, sizeAt, sizeBytes) + (sizeFlag === 1 ? 256 : 0);
    } else {
      const windowDescriptor = data[at + 5] ?? 0;
      const base = 2 ** (10 + (windowDescriptor >> 3));
      this.window = base + (base / 8) * (windowDescriptor & 7);
    }
    if (this.window > MAX_WINDOW_BYTES) {
      throw new DecompressLimitError(`a zstd frame asks for a window of ${this.window} bytes, over the limit of ${MAX_WINDOW_BYTES} (the zstd reference decoder's default)`);
    }
    this.largestWindow = Math.max(this.largestWindow, this.window);
    this.checksum = ((descriptor >> 2) & 1) === 1;
    this.inFrame = true;
    return length;
  }

  /** Reads a block header at `at`; its length, MALFORMED, or undefined when it is not all there yet. */
  private block(data: Buffer, at: number): number | undefined {
    if (data.length - at < 3) return undefined;
    const header = readLittleEndian(data, at, 3);
    const last = (header & 1) === 1;
    const type = (header >> 1) & 3;
    const size = header >>> 3;
    // Type 3 is reserved.
    if (type === 3) return MALFORMED;
    // An RLE block stores its one byte; raw and compressed blocks store `size` bytes.
    this.skip = (type === 1 ? 1 : size) + (last && this.checksum ? 4 : 0);
    if (last) this.inFrame = false;
    return 3;
  }
}

function readLittleEndian(data: Buffer, at: number, bytes: number): number {
  let value = 0;
  for (let i = bytes - 1; i >= 0; i--) value = value * 256 + (data[at + i] ?? 0);
  return value;
}
