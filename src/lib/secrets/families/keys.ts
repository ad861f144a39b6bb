/** Private keys in their standard encodings. */
import type { SecretRule } from '../rule.js';

/**
 * A PEM (or PGP-armoured) private key: the BEGIN line, a body and the END line. The body may hold
 * headers (Proc-Type, DEK-Info) and, in JSON or code, escaped line breaks ("\n"), but never five
 * dashes: it ends at the first "-----", so a BEGIN line with no END line costs one pass to the next
 * dashes instead of a scan to the end of the file (a lazy [\s\S]*? would be quadratic over a layer
 * of BEGIN lines).
 */
const PEM_PRIVATE_KEY = /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?:[^-]|-(?!----)){64,65536}-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g;

/**
 * A PuTTY private key file (.ppk, versions 2 and 3): the header names the key type; the private
 * part is the base64 block after "Private-Lines: N" (encrypted or not, as a PEM key may be). Every
 * line but the last ends in a line break, so the lines split one way only.
 */
const PUTTY_PRIVATE_KEY = /PuTTY-User-Key-File-[23]: [A-Za-z0-9@.-]{3,60}\r?\nEncryption: [A-Za-z0-9-]{3,30}\r?\n(?:[A-Za-z-]{1,30}: [^\r\n]{0,200}\r?\n|[A-Za-z0-9+/=]{1,100}\r?\n){0,120}Private-Lines: \d{1,3}\r?\n((?:[A-Za-z0-9+/=]{1,100}\r?\n){0,99}[A-Za-z0-9+/=]{1,100})/g;

/**
 * A kubeconfig's client key (`users[].user.client-key-data`, YAML or JSON): the base64 of a PEM
 * private key which, with the certificate beside it, logs in to the cluster as that user. Its text
 * never shows "PRIVATE KEY", so the private-key rule cannot see it; it is decoded to check.
 */
const KUBECONFIG_CLIENT_KEY = /client-key-data["']?[ \t]{0,10}:[ \t]{0,10}["']?([A-Za-z0-9+/]{40,65536}={0,2})(?![A-Za-z0-9+/=])/g;

export const KEY_RULES: readonly SecretRule[] = [
  {
    id: 'private-key', title: 'Private key', severity: 'critical', keywords: ['private key'], pattern: PEM_PRIVATE_KEY,
    // The body is base64 (PEM) or armoured text: a real key has a long run of it.
    accept: (secret) => /[A-Za-z0-9+/]{40,}/.test(secret.replace(/\s+|\\[nr]/g, '')),
    placeholders: 'keep', gitleaks: ['private-key'],
  },
  {
    id: 'kubeconfig-client-key', title: 'Kubernetes client private key (kubeconfig)', severity: 'critical', keywords: ['client-key-data'], pattern: KUBECONFIG_CLIENT_KEY,
    accept: (secret) => /^\s*-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY-----/.test(Buffer.from(secret, 'base64').toString('latin1')),
    // Judged decoded: the base64 of a key has no sample words to look for.
    placeholders: 'keep',
  },
  { id: 'putty-private-key', title: 'PuTTY private key', severity: 'critical', keywords: ['putty-user-key-file-'], pattern: PUTTY_PRIVATE_KEY, minEntropy: 4, accept: (secret) => secret.replace(/\s+/g, '').length >= 40 },
  { id: 'age-secret-key', title: 'age secret key', severity: 'high', keywords: ['age-secret-key-1'], pattern: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}/g, gitleaks: ['age-secret-key'] },
];
