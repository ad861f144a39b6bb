/**
 * The problems of reading images. Codes are stable and documented in docs/images.md; like the
 * core catalog, every one has a hint, and the message names the image, layer and entry involved.
 */
import { PalisadeError } from '../../core/errors.js';
import type { Problem } from '../../model/problem.js';

export const IMAGE_PROBLEMS = {
  'image-not-found': { level: 'error', hint: 'Check the path or reference; transports are oci:DIR[:TAG], oci-archive:FILE, docker-archive:FILE and dir:PATH.' },
  'image-invalid': { level: 'error', hint: 'The image layout or archive is malformed; re-export it with `podman save` or `skopeo copy`.' },
  'image-ambiguous': { level: 'error', hint: 'Name the image explicitly, e.g. oci:DIR:TAG.' },
  'image-unsupported': { level: 'error', hint: 'This media type or format is not supported; convert the image with `skopeo copy`.' },
  'digest-mismatch': { level: 'error', hint: 'The blob does not match its digest: the image is corrupt or was tampered with.' },
  'layer-hostile': { level: 'error', hint: 'The layer contains an entry no container runtime would produce; do not run this image.' },
  'layer-limit': { level: 'error', hint: 'The layer exceeds a safety limit (a decompression bomb?); raise the limit only for an image you trust.' },
  'layer-corrupt': { level: 'error', hint: 'The layer is truncated or not a valid (gzip/zstd) tar stream; re-export the image.' },
  'registry-unreachable': { level: 'error', hint: 'Check the registry address; use --insecure for a plain-HTTP registry and --ca-file for a private CA.' },
  'registry-denied': { level: 'error', hint: 'Log in (`podman login` / `docker login`) or set REGISTRY_AUTH_FILE; check the repository name.' },
  'file-not-read': { level: 'warning', hint: 'A package database was too large to buffer; raise the buffering limits for an image you trust.' },
} as const satisfies Record<string, { level: Problem['level']; hint: string }>;

export type ImageProblemCode = keyof typeof IMAGE_PROBLEMS;

export function imageProblem(code: ImageProblemCode, message: string, file?: string): Problem {
  return { code, level: IMAGE_PROBLEMS[code].level, message, ...(file === undefined ? {} : { file }), hint: IMAGE_PROBLEMS[code].hint };
}

/** Stops reading the image: the whole target is unusable (a hostile layer, a bad digest, a missing file). */
export class ImageError extends PalisadeError {
  readonly code: ImageProblemCode;
  constructor(code: ImageProblemCode, message: string, file?: string) {
    super(imageProblem(code, message, file));
    this.code = code;
  }
}
