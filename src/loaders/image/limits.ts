/**
 * Safety limits for reading an image. Every one bounds memory or time on a hostile image; the
 * defaults leave ample room for real images (the largest public images have ~300k files and
 * layers of a few GB) while refusing bombs early.
 */
export interface ImageLimits {
  /** Tar entries per layer. */
  readonly maxEntriesPerLayer: number;
  /** Tar entries over the whole image (bounds the size of the in-memory file tree). */
  readonly maxEntries: number;
  /** Size of one file as declared in its tar header. */
  readonly maxFileBytes: number;
  /** Size of one file that an analyzer asked to read (buffered in memory). */
  readonly maxBufferedFileBytes: number;
  /** Bytes buffered for analyzers over the whole image. */
  readonly maxBufferedBytes: number;
  /** Uncompressed bytes over the whole image. */
  readonly maxTotalBytes: number;
  /** Uncompressed/compressed ratio of a layer, checked once the output passes ratioGraceBytes. */
  readonly maxCompressionRatio: number;
  readonly ratioGraceBytes: number;
  /** Size of a JSON document (manifest, index, config) read into memory. */
  readonly maxJsonBytes: number;
  /** Length of an entry path and of a link target. */
  readonly maxPathLength: number;
}

export const DEFAULT_LIMITS: ImageLimits = {
  maxEntriesPerLayer: 1_000_000,
  maxEntries: 2_000_000,
  maxFileBytes: 64 * 1024 ** 3,
  maxBufferedFileBytes: 64 * 1024 ** 2,
  maxBufferedBytes: 512 * 1024 ** 2,
  maxTotalBytes: 64 * 1024 ** 3,
  maxCompressionRatio: 100,
  ratioGraceBytes: 32 * 1024 ** 2,
  maxJsonBytes: 8 * 1024 ** 2,
  maxPathLength: 4096,
};

export function resolveLimits(overrides: Partial<ImageLimits> = {}): ImageLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
