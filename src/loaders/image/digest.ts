/**
 * Content digests (OCI image spec, "Digests"): `algorithm:hex`. sha256 and sha512 are the
 * registered algorithms; anything else cannot be verified, so it is refused.
 */
import { createHash } from 'node:crypto';
import { ImageError } from './problems.js';

const DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export function isDigest(text: string): boolean {
  return DIGEST.test(text);
}

export function assertDigest(text: unknown, where: string): string {
  if (typeof text !== 'string' || !isDigest(text)) {
    throw new ImageError('image-invalid', `${where}: "${String(text)}" is not a sha256 or sha512 digest`);
  }
  return text;
}

export function digestOf(bytes: Uint8Array, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

export function verifyBytes(bytes: Uint8Array, expected: string, what: string): void {
  const algorithm = expected.startsWith('sha512:') ? 'sha512' : 'sha256';
  const actual = digestOf(bytes, algorithm);
  if (actual !== expected) throw new ImageError('digest-mismatch', `${what}: content has digest ${actual}, expected ${expected}`);
}

/** The hex part, safe to use as a file name (validated by assertDigest first). */
export function digestHex(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1);
}
