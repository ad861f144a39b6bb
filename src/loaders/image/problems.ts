/**
 * The problems of reading images (codes and hints in the central catalog, src/core/errors.ts, and
 * docs/errors.md); the message names the image, layer and entry involved.
 */
import { PalisadeError, problem, type ProblemCode } from '../../core/errors.js';
import type { Problem } from '../../model/problem.js';

export type ImageProblemCode = Extract<ProblemCode, 'image-not-found' | 'image-invalid' | 'image-ambiguous' | 'image-unsupported' | 'digest-mismatch' | 'layer-hostile' | 'layer-limit' | 'layer-corrupt' | 'registry-unreachable' | 'registry-denied' | 'engine-unreachable' | 'file-not-read'>;

export function imageProblem(code: ImageProblemCode, message: string, file?: string): Problem {
  return problem(code, message, file === undefined ? {} : { file });
}

/** A file or directory of a root directory (dir:) that could not be read; the rest of the tree still is. */
export function unreadableProblem(path: string, reason: string, target: string): Problem {
  return problem('file-not-read', `${path} was not read: ${reason}`, { file: target }, 'Run Palisade as a user who can read the whole tree (an unpacked image is usually owned by root), or accept that these files were not checked.');
}

/** Stops reading the image: the whole target is unusable (a hostile layer, a bad digest, a missing file). */
export class ImageError extends PalisadeError {
  readonly code: ImageProblemCode;
  constructor(code: ImageProblemCode, message: string, file?: string) {
    super(imageProblem(code, message, file));
    this.code = code;
  }
}
