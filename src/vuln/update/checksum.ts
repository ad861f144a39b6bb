/**
 * Integrity of a downloaded feed: its sha256 against the one given on the command line or
 * published next to it (URL.sha256, "sha256sum" format), and optionally a detached signature
 * (URL.sig, raw or base64) by a configured public key (Ed25519, ECDSA or RSA, PEM).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PalisadeError, problem } from '../../core/errors.js';
import { vulnProblem } from '../problems.js';
import { fetchText } from './download.js';

const SHA256 = /^[0-9a-f]{64}$/i;

/** The expected digest: `given`, else the first field of URL.sha256. */
export async function expectedSha256(url: string, given: string | undefined): Promise<string> {
  if (given !== undefined) {
    if (!SHA256.test(given.trim())) throw new PalisadeError(vulnProblem('checksum-mismatch', `--sha256 "${given}" is not 64 hex digits`));
    return given.trim().toLowerCase();
  }
  const text = await fetchText(`${url}.sha256`, 4096);
  if (text === undefined) throw new PalisadeError(vulnProblem('checksum-mismatch', `${url}.sha256 does not exist; pass --sha256 with the published digest`));
  const digest = text.trim().split(/\s+/, 1)[0] ?? '';
  if (!SHA256.test(digest)) throw new PalisadeError(vulnProblem('checksum-mismatch', `${url}.sha256 does not start with a sha256 digest`));
  return digest.toLowerCase();
}

export function checkSha256(url: string, expected: string, actual: string): void {
  if (expected !== actual) throw new PalisadeError(vulnProblem('checksum-mismatch', `${url} has sha256 ${actual}, expected ${expected}`));
}

/**
 * The PEM key of --public-key. One that cannot be read is said as such: the code's own hint
 * ("the download does not match its published sha256") would blame a feed not yet fetched.
 */
export function readPublicKey(keyFile: string): KeyObject {
  try {
    return createPublicKey(readFileSync(keyFile));
  } catch (error) {
    const message = `cannot read the public key ${keyFile}: ${error instanceof Error ? error.message : String(error)}`;
    throw new PalisadeError(problem('checksum-mismatch', message, { file: keyFile }, 'Give --public-key a PEM public key file (Ed25519, ECDSA or RSA); the store was left unchanged.'));
  }
}

/** Verifies URL.sig over the downloaded file with the PEM public key at `keyFile`. */
export async function checkSignature(url: string, file: string, keyFile: string): Promise<void> {
  const signatureText = await fetchText(`${url}.sig`, 16 * 1024);
  if (signatureText === undefined) throw new PalisadeError(vulnProblem('checksum-mismatch', `${url}.sig does not exist, but a public key is configured`));
  const key = readPublicKey(keyFile);
  const trimmed = signatureText.trim();
  const signature = /^[A-Za-z0-9+/=\s]+$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.from(signatureText, 'latin1');
  // Ed25519 signs the message itself; the others sign its SHA-256 digest.
  const algorithm = key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448' ? null : 'sha256';
  if (!verify(algorithm, readFileSync(file), key, signature)) {
    throw new PalisadeError(vulnProblem('checksum-mismatch', `the signature ${url}.sig does not verify with ${keyFile}`));
  }
}
