/** An image opened from any source: its documents and a way to stream each layer. */
import type { ImageConfig } from './manifests.js';

export interface LayerHandle {
  /** Digest of the blob as stored, when the source records one (docker-archive does not). */
  readonly digest?: string;
  /** rootfs.diff_ids entry: digest of the uncompressed tar. */
  readonly diffId: string;
  readonly size: number;
  open(): AsyncIterable<Buffer>;
}

export interface ImageHandle {
  /** The target as the user named it. */
  readonly name: string;
  readonly manifestDigest?: string;
  readonly configDigest: string;
  readonly config: ImageConfig;
  readonly repoTags: readonly string[];
  readonly layers: readonly LayerHandle[];
  /** Releases what opening the image took (a spooled engine export); called once the read ends. */
  readonly close?: () => void;
}
